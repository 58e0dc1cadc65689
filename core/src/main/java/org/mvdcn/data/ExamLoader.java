package org.mvdcn.data;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import org.mvdcn.BadInputException;
import org.mvdcn.assess.ExamCheck;
import org.mvdcn.assess.ExamChecks;
import org.mvdcn.preprocess.CropPlan;
import org.mvdcn.preprocess.ExamPipeline;
import org.mvdcn.preprocess.PreparedExam;

/**
 * Prepares exams through the {@link ExamPipeline} on background threads, a bounded number ahead
 * of the consumer, and hands them out in batches in a fixed order. Every random choice (training
 * order, which image of a view, crop noise) comes from a generator seeded by (seed, epoch, exam)
 * while training and by the seed alone while scoring ({@link Seeds#scoring}), so results are
 * reproducible whatever the thread timing. Training shuffles per epoch and crops with fresh noise;
 * validation uses the noise-free placement and the earliest image; test prepares
 * {@code testCrops} crop sets per exam ({@link CropPlan#averaged}).
 *
 * <p>An unreadable image fails the job with the file's name (the queue is shut down, nothing
 * hangs), or with {@code skipBad} is reported and its exam skipped; a broken exam never reaches
 * the network.
 *
 * <p>Exams being scored can be checked as a single exam is ({@link ExamChecks}), on the images as
 * decoded for the pipeline: what was found comes with the batch.
 */
public final class ExamLoader implements AutoCloseable {

    private final List<ExamRecord> order;
    private final Split role;
    private final ExamPipeline pipeline;
    private final LoaderConfig config;
    private final CropPlan plan;
    private final int epoch;
    private final ExamChecks checks;
    private final Consumer<String> warnings;
    private final ExecutorService pool;
    private final ArrayDeque<Future<Loaded>> inFlight = new ArrayDeque<>();
    private int submitted;
    private int skipped;

    /** An exam as listed and as prepared, with what the checks found. */
    private record Loaded(ExamRecord record, PreparedExam exam, List<ExamCheck> checks) {}

    /** A loader whose exams are not checked (training, validation, fitting). */
    public ExamLoader(List<ExamRecord> exams, Split role, ExamPipeline pipeline, LoaderConfig config, int epoch,
            Consumer<String> warnings) {
        this(exams, role, pipeline, config, epoch, null, warnings);
    }

    /** {@code checks}: what each exam is checked by before it is scored; null: not checked. */
    public ExamLoader(List<ExamRecord> exams, Split role, ExamPipeline pipeline, LoaderConfig config, int epoch, ExamChecks checks,
            Consumer<String> warnings) {
        this.role = role;
        this.pipeline = pipeline;
        this.config = config;
        this.plan = switch (role) {
            case TRAIN -> CropPlan.training();
            case VALIDATION -> CropPlan.averaged(1);
            case TEST -> CropPlan.averaged(config.testCrops());
        };
        this.epoch = epoch;
        this.checks = checks;
        this.warnings = warnings;
        List<ExamRecord> ordered = new ArrayList<>(exams);
        if (role == Split.TRAIN) {
            Collections.shuffle(ordered, Seeds.random(config.seed(), epoch, -1));
        }
        this.order = List.copyOf(ordered);
        this.pool = Executors.newFixedThreadPool(config.threads(), r -> {
            Thread t = new Thread(r, "mvdcn-loader");
            t.setDaemon(true);
            return t;
        });
    }

    /** The next batch, or null when the epoch is over. */
    public ExamBatch next() {
        List<ExamRecord> records = new ArrayList<>(config.batchSize());
        List<PreparedExam> exams = new ArrayList<>(config.batchSize());
        List<List<ExamCheck>> found = new ArrayList<>(config.batchSize());
        while (exams.size() < config.batchSize()) {
            fill();
            Future<Loaded> next = inFlight.poll();
            if (next == null) {
                break;
            }
            Loaded loaded = await(next);
            if (loaded != null) {
                records.add(loaded.record());
                exams.add(loaded.exam());
                found.add(loaded.checks());
            }
        }
        return exams.isEmpty() ? null : new ExamBatch(records, exams, found);
    }

    /** Leaves out the first {@code exams} of this epoch's order (a run resumed mid-epoch); call before {@link #next}. */
    public void skip(int exams) {
        if (submitted > 0) {
            throw new IllegalStateException("skip before the first batch");
        }
        submitted = Math.min(exams, order.size());
    }

    /** Exams left out so far because an image was unreadable ({@code skipBad}). */
    public int skipped() {
        return skipped;
    }

    private void fill() {
        while (inFlight.size() < config.prefetch() && submitted < order.size()) {
            int index = submitted++;
            ExamRecord exam = order.get(index);
            ExamDraw draw = role == Split.TRAIN ? ExamDraw.forTraining(config.seed(), epoch, index) : ExamDraw.forScoring(config.seed());
            inFlight.add(pool.submit(() -> prepare(exam, draw)));
        }
    }

    private Loaded await(Future<Loaded> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            close();
            throw new IllegalStateException("interrupted while loading", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof BadInputException bad && config.skipBad()) {
                skipped++;
                warnings.accept("warning: skipping an exam: " + bad.getMessage());
                return null;
            }
            close();
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(cause);
        }
    }

    /** One exam: pick the image of each view, then the pipeline; then the checks, on the images as decoded (named as listed). */
    private Loaded prepare(ExamRecord exam, ExamDraw draw) {
        ExamDraw.Drawn drawn = draw.prepare(exam.images(), role, pipeline, plan);
        if (checks == null) {
            return new Loaded(exam, drawn.prepared(), List.of());
        }
        List<ExamCheck> attributes = new ArrayList<>();
        drawn.images().forEach((v, image) -> attributes.addAll(ExamChecks.attributes(v, image.path(), image.path().toString())));
        return new Loaded(exam, drawn.prepared(), checks.check(attributes, drawn.decoded()));
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}

package org.mvdcn.data;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import org.mvdcn.BadInputException;
import org.mvdcn.exam.Mammogram;
import org.mvdcn.exam.MammogramFiles;
import org.mvdcn.exam.View;
import org.mvdcn.preprocess.BicubicDownscale;
import org.mvdcn.preprocess.CropPlacement;
import org.mvdcn.preprocess.CropWindow;
import org.mvdcn.preprocess.PreparedView;

/**
 * Decodes, orients, standardises and crops exams on background threads, a bounded number ahead
 * of the consumer, and hands them out in batches in a fixed order. Every random choice (training
 * order, which image of a view, crop noise) comes from a generator seeded by (seed, epoch, exam),
 * so a run is reproducible whatever the thread timing. Training shuffles per epoch and crops with
 * fresh noise; validation uses the noise-free placement and the earliest image; test prepares
 * {@code testCrops} random crop sets per exam.
 *
 * <p>An unreadable image fails the job with the file's name (the queue is shut down, nothing
 * hangs), or with {@code skipBad} is reported and its exam skipped; a broken exam never reaches
 * the network.
 */
public final class ExamLoader implements AutoCloseable {

    private final List<ExamRecord> order;
    private final Split role;
    private final LoaderConfig config;
    private final int epoch;
    private final Consumer<String> warnings;
    private final ExecutorService pool;
    private final ArrayDeque<Future<PreparedExam>> inFlight = new ArrayDeque<>();
    private int submitted;
    private int skipped;

    public ExamLoader(List<ExamRecord> exams, Split role, LoaderConfig config, int epoch, Consumer<String> warnings) {
        this.role = role;
        this.config = config;
        this.epoch = epoch;
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
        List<PreparedExam> batch = new ArrayList<>(config.batchSize());
        while (batch.size() < config.batchSize()) {
            fill();
            Future<PreparedExam> next = inFlight.poll();
            if (next == null) {
                break;
            }
            PreparedExam exam = await(next);
            if (exam != null) {
                batch.add(exam);
            }
        }
        return batch.isEmpty() ? null : new ExamBatch(batch, config.cropHeight(), config.cropWidth());
    }

    /** Exams left out so far because an image was unreadable ({@code skipBad}). */
    public int skipped() {
        return skipped;
    }

    private void fill() {
        while (inFlight.size() < config.prefetch() && submitted < order.size()) {
            int index = submitted++;
            ExamRecord exam = order.get(index);
            inFlight.add(pool.submit(() -> prepare(exam, Seeds.random(config.seed(), epoch, index))));
        }
    }

    private PreparedExam await(Future<PreparedExam> future) {
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

    /** One exam: pick the image of each view, decode, down-scale, standardise, orient, crop. */
    PreparedExam prepare(ExamRecord exam, Random rng) {
        Map<View, PreparedView> views = new EnumMap<>(View.class);
        for (View v : View.values()) {
            ImageRecord image = ViewSampler.pick(exam.images().get(v), role, rng);
            Mammogram decoded = BicubicDownscale.apply(MammogramFiles.read(image.path()), config.downscale());
            views.put(v, PreparedView.prepare(decoded));
        }
        int sets = role == Split.TEST ? config.testCrops() : 1;
        List<Map<View, float[]>> crops = new ArrayList<>(sets);
        List<Map<View, CropWindow>> windows = new ArrayList<>(sets);
        for (int s = 0; s < sets; s++) {
            Map<View, float[]> crop = new EnumMap<>(View.class);
            Map<View, CropWindow> placed = new EnumMap<>(View.class);
            for (View v : View.values()) {
                PreparedView view = views.get(v);
                CropWindow window = role == Split.VALIDATION
                        ? CropPlacement.centred(view.height(), view.width(), config.cropHeight(), config.cropWidth())
                        : CropPlacement.random(view.height(), view.width(), config.cropHeight(), config.cropWidth(),
                                config.maxShift(), rng);
                crop.put(v, view.crop(window));
                placed.put(v, window);
            }
            crops.add(crop);
            windows.add(placed);
        }
        return new PreparedExam(exam, crops, windows);
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}

package org.mvdcn.train;

import ai.djl.Device;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.mvdcn.BadInputException;
import org.mvdcn.application.ExamApplication;
import org.mvdcn.data.ExamRecord;
import org.mvdcn.data.Manifest;
import org.mvdcn.data.Split;
import org.mvdcn.data.SplitAssignment;
import org.mvdcn.eval.ShiftDetection;
import org.mvdcn.eval.ShiftReport;
import org.mvdcn.exam.ExamImages;
import org.mvdcn.exam.Mammogram;
import org.mvdcn.exam.View;
import org.mvdcn.ood.ImageShift;
import org.mvdcn.predict.TrainedModel;
import org.mvdcn.preprocess.PreprocessingOverrides;

/**
 * A run's out-of-distribution check measured on every {@link ImageShift} family made from its
 * labelled test exams, at each shift seed ({@link ShiftDetection}): what {@code mvdcn ood --shifts}
 * records in the run and bench/run-ood-shifts.sh reports. Every exam is scored as predict scores
 * it (one image per view, the model's crops), so only the images differ.
 */
public final class RunShiftDetection {

    /** Told after each pass over the test exams (the unshifted one, then one per family and seed). */
    @FunctionalInterface
    public interface Progress {
        void update(int done, int total);
    }

    private final RunFolder run;
    private final RunRecord record;
    private final List<ExamRecord> test;

    private RunShiftDetection(RunFolder run, RunRecord record, List<ExamRecord> test) {
        this.run = run;
        this.record = record;
        this.test = test;
    }

    /** The run in {@code dir} and its labelled test exams, found now: a run without them fails before any long work. */
    public static RunShiftDetection of(Path dir) {
        RunFolder run = new RunFolder(dir);
        RunRecord record = RunRecord.read(run);
        Manifest manifest = Manifest.load(record.manifestPath(), false);
        List<ExamRecord> test = SplitAssignment.read(run.split()).selectLabelled(manifest.exams(), Split.TEST);
        if (test.isEmpty()) {
            throw new BadInputException(run.split(), "run " + dir + " has no labelled test exams to make shifted exams from");
        }
        return new RunShiftDetection(run, record, test);
    }

    /** Measures the run's best model as its file is now; {@code log} takes the loader's notes. */
    public ShiftReport measure(List<Long> seeds, Device device, Progress progress, Consumer<String> log) {
        try (TrainedModel model = TrainedModel.load(run.best(), record.preprocessing(), PreprocessingOverrides.none(), device, log)) {
            if (model.ood() == null) {
                throw new BadInputException(run.best(), "run " + run.dir() + " has no out-of-distribution check to measure (fit one with "
                        + "mvdcn ood --run " + run.dir() + ")");
            }
            List<ExamImages> exams = new ArrayList<>();
            for (ExamRecord e : test) {
                Map<View, Mammogram> views = new EnumMap<>(View.class);
                e.images().forEach((v, images) -> views.put(v, model.pipeline().read(images.get(0).path())));
                exams.add(new ExamImages(record.manifestPath(), views));
            }
            double threshold = model.ood().record().threshold();
            int total = 1 + ImageShift.values().length * seeds.size();
            // progress is told per pass (below), not exam by exam
            ShiftDetection detection = new ShiftDetection(new ExamApplication(model, null, 0), exams, threshold, line -> {});
            progress.update(1, total);
            List<ShiftDetection.Result> results = new ArrayList<>();
            for (ImageShift shift : ImageShift.values()) {
                for (long seed : seeds) {
                    results.add(detection.measure(shift, seed));
                    progress.update(1 + results.size(), total);
                }
            }
            return new ShiftReport(Instant.now().toString(), model.sha256(), seeds, exams.size(), threshold, detection.falseAlarms(),
                    results);
        }
    }
}

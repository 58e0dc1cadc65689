package org.mvdcn.bench;

import ai.djl.Device;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.mvdcn.application.ExamApplication;
import org.mvdcn.data.ExamCandidates;
import org.mvdcn.data.ExamRecord;
import org.mvdcn.data.Manifest;
import org.mvdcn.data.Split;
import org.mvdcn.data.SplitAssignment;
import org.mvdcn.eval.ShiftDetection;
import org.mvdcn.exam.ExamImages;
import org.mvdcn.exam.Mammogram;
import org.mvdcn.exam.View;
import org.mvdcn.ood.ImageShift;
import org.mvdcn.ood.OodCheck;
import org.mvdcn.predict.TrainedModel;
import org.mvdcn.preprocess.PreprocessingOverrides;
import org.mvdcn.train.RunFolder;
import org.mvdcn.train.RunRecord;

/**
 * How well a run's out-of-distribution check separates shifted exams from the test exams they
 * were made from: for each {@link ImageShift} family and shift seed, the AUROC of the check's score
 * (shifted exams positive, the unshifted test exams negative) and the share flagged at the model's
 * threshold; the false-alarm rate on the unshifted test exams; the real sample exam's score. Every
 * exam is scored as predict scores it (one image per view, the model's crops), so only the images
 * differ. Prints a Markdown block for bench/RESULTS.md.
 *
 * <p>Usage: OodShiftBenchmark RUN REAL_EXAM REAL_DOWNSCALE SEEDS (e.g. 1,2,3)
 */
public final class OodShiftBenchmark {

    private OodShiftBenchmark() {}

    public static void main(String[] args) throws Exception {
        Path runDir = Path.of(args[0]);
        Path real = Path.of(args[1]);
        int realDownscale = Integer.parseInt(args[2]);
        long[] seeds = java.util.Arrays.stream(args[3].split(",")).mapToLong(Long::parseLong).toArray();
        RunFolder run = new RunFolder(runDir);
        RunRecord record = RunRecord.read(run);
        Manifest manifest = Manifest.load(record.manifestPath(), false);
        List<ExamRecord> test = SplitAssignment.read(run.split()).selectLabelled(manifest.exams(), Split.TEST);
        Device device = Device.cpu();
        List<String> lines = new ArrayList<>();
        try (TrainedModel model = TrainedModel.load(run.best(), null, PreprocessingOverrides.none(), device, System.err::println)) {
            ExamApplication app = new ExamApplication(model, null, 0);
            List<ExamImages> exams = new ArrayList<>();
            for (ExamRecord e : test) {
                Map<View, Mammogram> views = new EnumMap<>(View.class);
                e.images().forEach((v, images) -> views.put(v, model.pipeline().read(images.get(0).path())));
                exams.add(new ExamImages(record.manifestPath(), views));
            }
            double threshold = model.ood().record().threshold();
            ShiftDetection detection = new ShiftDetection(app, exams, threshold, System.err::println);
            lines.add(String.format("%d test exams of %s; %s. False alarms on the unshifted test exams: %.1f%%.%n", exams.size(), runDir,
                    model.ood().record().describe(), 100 * detection.falseAlarms()));
            lines.add("| family | shift seed | AUROC | flagged | median score |");
            lines.add("|---|---|---|---|---|");
            for (ImageShift shift : ImageShift.values()) {
                for (long seed : seeds) {
                    ShiftDetection.Result r = detection.measure(shift, seed);
                    lines.add(String.format("| %s | %d | %.3f | %.0f%% | %.1f |", shift.description(), seed, r.auroc(), 100 * r.flagged(),
                            r.medianScore()));
                }
            }
        }
        PreprocessingOverrides realSize = new PreprocessingOverrides(realDownscale, null, null, null, null);
        try (TrainedModel model = TrainedModel.load(run.best(), null, realSize, device, System.err::println)) {
            OodCheck check = new ExamApplication(model, 1, 0).predict(ExamCandidates.pngFolder(real)).prediction().ood();
            lines.add(String.format("%nThe real sample exam (%s, down-scaled 1/%d): score %.1f against %.2f, %s (%s).", real.getFileName(),
                    realDownscale, check.distance(), check.threshold(), check.flag() ? "flagged" : "NOT flagged", check.where()));
        }
        lines.forEach(System.out::println);
    }
}

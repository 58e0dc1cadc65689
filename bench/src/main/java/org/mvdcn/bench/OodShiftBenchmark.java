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
import org.mvdcn.eval.RocAuc;
import org.mvdcn.exam.ExamImages;
import org.mvdcn.exam.Mammogram;
import org.mvdcn.exam.View;
import org.mvdcn.ood.ImageShift;
import org.mvdcn.ood.OodCheck;
import org.mvdcn.predict.Prediction;
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
            double[] inDistribution = scores(app, exams, null, 0);
            int falseAlarms = (int) java.util.Arrays.stream(inDistribution).filter(s -> s > model.ood().record().threshold()).count();
            lines.add(String.format("%d test exams of %s; threshold %.2f (%s). False alarms on the unshifted test exams: %d of %d "
                    + "(%.1f%%).%n", exams.size(), runDir, model.ood().record().threshold(), model.ood().record().describe(), falseAlarms,
                    exams.size(), 100.0 * falseAlarms / exams.size()));
            lines.add("| family | shift seed | AUROC | flagged | median score |");
            lines.add("|---|---|---|---|---|");
            for (ImageShift shift : ImageShift.values()) {
                for (long seed : seeds) {
                    double[] shifted = scores(app, exams, shift, seed);
                    lines.add(String.format("| %s | %d | %.3f | %.0f%% | %.1f |", shift.description(), seed,
                            auroc(inDistribution, shifted), 100.0 * flagged(shifted, model.ood().record().threshold()),
                            median(shifted)));
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

    private static double[] scores(ExamApplication app, List<ExamImages> exams, ImageShift shift, long seed) {
        double[] out = new double[exams.size()];
        long start = System.nanoTime();
        for (int i = 0; i < exams.size(); i++) {
            ExamImages exam = shift == null ? exams.get(i) : shift.apply(exams.get(i), seed * 1_000_003L + i);
            Prediction p = app.predict(exam);
            out[i] = p.ood().distance();
            if ((i + 1) % 10 == 0 || i + 1 == exams.size()) {
                double rate = (i + 1) / ((System.nanoTime() - start) / 1e9);
                System.err.printf("%s seed %d: %d/%d exams, %.1f exams/s, ETA %.0f s%n", shift == null ? "unshifted" : shift, seed, i + 1,
                        exams.size(), rate, (exams.size() - i - 1) / rate);
            }
        }
        return out;
    }

    private static double auroc(double[] negatives, double[] positives) {
        double[] all = new double[negatives.length + positives.length];
        boolean[] positive = new boolean[all.length];
        System.arraycopy(negatives, 0, all, 0, negatives.length);
        System.arraycopy(positives, 0, all, negatives.length, positives.length);
        java.util.Arrays.fill(positive, negatives.length, all.length, true);
        return RocAuc.auc(all, positive);
    }

    private static double flagged(double[] scores, double threshold) {
        return java.util.Arrays.stream(scores).filter(s -> s > threshold).count() / (double) scores.length;
    }

    private static double median(double[] scores) {
        double[] sorted = scores.clone();
        java.util.Arrays.sort(sorted);
        return sorted[(sorted.length - 1) / 2];
    }
}

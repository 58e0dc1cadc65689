package org.mvdcn.eval;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import org.mvdcn.application.ExamApplication;
import org.mvdcn.exam.ExamImages;
import org.mvdcn.ood.ImageShift;

/**
 * How well a model's out-of-distribution check tells shifted exams from the in-distribution
 * exams they were made from: every exam scored as predict scores it, unshifted and shifted, so
 * only the images differ. What {@code mvdcn ood --shifts} records in a run ({@link ShiftReport}),
 * bench/run-ood-shifts.sh reports and the tests hold the check to.
 */
public final class ShiftDetection {

    /** One family at one seed: the AUROC of the score (shifted exams positive) and the share flagged at the threshold. */
    public record Result(@JsonProperty("family") ImageShift shift, long seed, double auroc, double flagged,
            @JsonProperty("median_score") double medianScore) {}

    private final ExamApplication app;
    private final List<ExamImages> exams;
    private final double threshold;
    private final Consumer<String> progress;
    private final double[] inDistribution;

    /** Scores the unshifted {@code exams} once ({@code app}'s model must carry an out-of-distribution check). */
    public ShiftDetection(ExamApplication app, List<ExamImages> exams, double threshold, Consumer<String> progress) {
        this.app = app;
        this.exams = List.copyOf(exams);
        this.threshold = threshold;
        this.progress = progress;
        this.inDistribution = scores(null, 0);
    }

    /** The unshifted exams' share above the threshold. */
    public double falseAlarms() {
        return share(inDistribution);
    }

    public Result measure(ImageShift shift, long seed) {
        double[] shifted = scores(shift, seed);
        double[] sorted = shifted.clone();
        Arrays.sort(sorted);
        return new Result(shift, seed, auroc(shifted), share(shifted), sorted[(sorted.length - 1) / 2]);
    }

    private double[] scores(ImageShift shift, long seed) {
        double[] out = new double[exams.size()];
        long start = System.nanoTime();
        for (int i = 0; i < exams.size(); i++) {
            ExamImages exam = shift == null ? exams.get(i) : shift.apply(exams.get(i), seed * 1_000_003L + i);
            out[i] = app.predict(exam).ood().distance();
            if ((i + 1) % 10 == 0 || i + 1 == exams.size()) {
                double rate = (i + 1) / ((System.nanoTime() - start) / 1e9);
                progress.accept(String.format("%s seed %d: %d/%d exams, %.1f exams/s, ETA %.0f s", shift == null ? "unshifted" : shift,
                        seed, i + 1, exams.size(), rate, (exams.size() - i - 1) / rate));
            }
        }
        return out;
    }

    private double auroc(double[] positives) {
        double[] all = new double[inDistribution.length + positives.length];
        boolean[] positive = new boolean[all.length];
        System.arraycopy(inDistribution, 0, all, 0, inDistribution.length);
        System.arraycopy(positives, 0, all, inDistribution.length, positives.length);
        Arrays.fill(positive, inDistribution.length, all.length, true);
        return RocAuc.auc(all, positive);
    }

    private double share(double[] scores) {
        return Arrays.stream(scores).filter(s -> s > threshold).count() / (double) scores.length;
    }
}

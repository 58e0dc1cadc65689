package org.mvdcn.predict;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import org.mvdcn.assess.ExamCheck;
import org.mvdcn.calibration.TemperatureScaling;
import org.mvdcn.ood.OodCheck;
import org.mvdcn.ood.OodModel;

/**
 * An exam's predicted BI-RADS distribution.
 *
 * @param probabilities P(BI-RADS 0), P(BI-RADS 1), P(BI-RADS 2), averaged over the crops
 * @param entropy H = -sum p ln p of the averaged distribution (nats); low means confident
 * @param crops how many crop sets were averaged
 * @param seconds wall time of preprocessing plus network
 * @param temperature what the logits were divided by (the model's calibration); empty: raw probabilities
 * @param ood the exam against the model's training distribution; null when the model carries none
 * @param checks what the checks before scoring found in the exam's images (attributes, geometry)
 */
public record Prediction(double[] probabilities, double entropy, int crops, double seconds, OptionalDouble temperature,
        OodCheck ood, List<ExamCheck> checks) {

    public static final String[] CLASS_NAMES = {"BI-RADS 0", "BI-RADS 1", "BI-RADS 2"};

    public Prediction {
        checks = List.copyOf(checks);
    }

    /** A prediction of raw (uncalibrated) probabilities, with nothing checked. */
    public Prediction(double[] probabilities, double entropy, int crops, double seconds) {
        this(probabilities, entropy, crops, seconds, OptionalDouble.empty(), null, List.of());
    }

    /**
     * One exam's prediction from its crop sets: the probabilities averaged over the sets of
     * softmax(logits / T) (T the model's temperature; empty: 1, the raw ones), the entropy of that
     * average, and the crop-averaged statistics checked against the training distribution ({@code ood}
     * null: no check), beside what the checks before scoring found. Every path that predicts an exam ends here.
     */
    public static Prediction of(CropScores scores, OptionalDouble temperature, OodModel ood, List<ExamCheck> checks, double seconds) {
        double[] p = TemperatureScaling.probabilities(new double[][][] {scores.logits()}, temperature.orElse(1))[0];
        return new Prediction(p, entropy(p), scores.sets(), seconds, temperature, ood == null ? null : ood.check(scores.meanSignature()),
                checks);
    }

    /**
     * Everything found about the exam: the checks before scoring, then the out-of-distribution
     * check's verdict (a flag withholds the assessment; a model without the check is a warning).
     */
    public List<ExamCheck> findings() {
        return findings(ood, checks);
    }

    /** An exam's findings from its checks before scoring and its out-of-distribution check (null: none), as {@link #findings()}. */
    static List<ExamCheck> findings(OodCheck ood, List<ExamCheck> checks) {
        List<ExamCheck> all = new ArrayList<>(checks);
        if (ood == null) {
            all.add(ExamCheck.warning(OUT_OF_DISTRIBUTION, "not checked against the training distribution: the model carries no "
                    + "out-of-distribution check (refit it with mvdcn ood --run RUN)"));
        } else if (ood.flag()) {
            all.add(ExamCheck.notAssessed(OUT_OF_DISTRIBUTION, ood.describe()));
        }
        return all;
    }

    /** The code of the out-of-distribution finding. */
    public static final String OUT_OF_DISTRIBUTION = "out-of-distribution";

    /** Whether the probabilities may be read as an assessment: nothing found withholds it. */
    public boolean assessed() {
        return findings().stream().noneMatch(ExamCheck::withholds);
    }

    /** What a table of many exams keeps of the checks. */
    public Assessment assessment() {
        return Assessment.of(ood, checks);
    }

    /** Why the assessment is withheld (empty when assessed). */
    public List<String> notAssessedBecause() {
        return findings().stream().filter(ExamCheck::withholds).map(ExamCheck::reason).toList();
    }

    public boolean calibrated() {
        return temperature.isPresent();
    }

    /**
     * Entropy in nats of a distribution; 0 ln 0 counts as 0. The most probable class's term uses
     * ln(1 - the others' total) instead of ln p_top: a confident p_top is stored rounded (ten crops'
     * 0.1 x 1.0 add up to 1 - 2^-53), which would floor every confident entropy at about 1e-16 and
     * tie them there, while the others' small probabilities still tell how confident each is.
     */
    public static double entropy(double[] p) {
        int top = 0;
        for (int k = 1; k < p.length; k++) {
            if (p[k] > p[top]) {
                top = k;
            }
        }
        double h = 0;
        double rest = 0;
        for (int k = 0; k < p.length; k++) {
            if (k != top && p[k] > 0) {
                h -= p[k] * Math.log(p[k]);
                rest += p[k];
            }
        }
        if (p[top] > 0) {
            h -= p[top] * (rest < 1 ? Math.log1p(-rest) : Math.log(p[top]));
        }
        return h;
    }

    /** Index of the most probable class. */
    public int predictedClass() {
        int best = 0;
        for (int i = 1; i < probabilities.length; i++) {
            if (probabilities[i] > probabilities[best]) {
                best = i;
            }
        }
        return best;
    }
}

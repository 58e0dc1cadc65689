package org.mvdcn.synth;

import java.util.List;
import java.util.SplittableRandom;

/**
 * Recorded labels that disagree with the drawn class the way readers disagree: mostly on faint
 * findings. A reader errs on an exam with a finding of detectability d (see
 * {@link Finding#detectability}) with probability 1 / (1 + (d / halfError)^2), a log-logistic
 * psychometric function: half the time at {@code halfError}, a fifth at twice it, a hundredth at
 * ten times it, so obvious masses are all but never wrong. A normal exam is called abnormal with the
 * fixed probability {@code overcall}, below what a faint finding costs. An erring reader records one
 * of the two other classes, each as likely (as {@code --flip} does: only which exams err differs).
 *
 * @param halfError the detectability at which a reader errs half the time; 0 turns the noise off
 * @param overcall the share of normal (BI-RADS 1) exams recorded as 0 or 2
 */
public record ReaderNoise(double halfError, double overcall) {

    public static final ReaderNoise NONE = new ReaderNoise(0, 0);

    public ReaderNoise {
        if (!(halfError >= 0) || !(overcall >= 0 && overcall <= 1)) {
            throw new IllegalArgumentException("reader noise needs a detectability >= 0 and an overcall share in [0, 1], got "
                    + halfError + " and " + overcall);
        }
    }

    public boolean on() {
        return halfError > 0;
    }

    /** The probability that the recorded label of an exam with these findings (none: a normal exam) differs from its class. */
    double errorProbability(List<Finding> findings, double contrast) {
        if (findings.isEmpty()) {
            return overcall;
        }
        double energy = findings.stream().mapToDouble(f -> f.energy(contrast)).sum();
        double ratio = Finding.detectability(energy) / halfError;
        return 1 / (1 + ratio * ratio);
    }

    /** The label a reader records for an exam of {@code trueClass} with {@code findings}. */
    int record(int trueClass, List<Finding> findings, double contrast, SplittableRandom rng) {
        return rng.nextDouble() < errorProbability(findings, contrast) ? (trueClass + 1 + rng.nextInt(2)) % 3 : trueClass;
    }
}

package org.mvdcn.train;

import org.mvdcn.io.ProcessMemory;

/** An epoch that has taken its last step, as listeners complete it (validation adds its AUCs). */
public final class EpochEnd {

    private final int epoch;
    private final double trainLoss;
    private final int exams;
    private final double seconds;
    private final double residentMib;
    private final int nativeArrays;
    private double[] validationAuc = {Double.NaN, Double.NaN, Double.NaN};
    private double validationSeconds;

    EpochEnd(int epoch, double trainLoss, int exams, double seconds, int nativeArrays) {
        this.epoch = epoch;
        this.trainLoss = trainLoss;
        this.exams = exams;
        this.seconds = seconds;
        this.residentMib = ProcessMemory.residentMib();
        this.nativeArrays = nativeArrays;
    }

    public int epoch() {
        return epoch;
    }

    /** Sets the validation AUCs per class and the seconds validation took. */
    public void validated(double[] auc, double tookSeconds) {
        this.validationAuc = auc.clone();
        this.validationSeconds = tookSeconds;
    }

    EpochRecord record() {
        double macAuc = (validationAuc[0] + validationAuc[1] + validationAuc[2]) / 3;
        return new EpochRecord(epoch, trainLoss, macAuc, validationAuc, seconds + validationSeconds, exams / seconds, residentMib,
                nativeArrays);
    }
}

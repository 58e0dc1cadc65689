package org.mvdcn.data;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import java.util.List;
import org.mvdcn.preprocess.PreparedExam;

/** Up to batch-size exams as the manifest lists them and as the pipeline prepared them, in the same order. */
public record ExamBatch(List<ExamRecord> records, List<PreparedExam> exams) {

    public int size() {
        return exams.size();
    }

    /** The four (B, 1, H, W) inputs of crop set {@code set}. */
    public NDList inputs(NDManager manager, int set) {
        return PreparedExam.inputs(manager, exams, set);
    }

    /** The exams' BI-RADS labels as an int64 array (every exam in a batch for training is labelled). */
    public NDArray labels(NDManager manager) {
        long[] labels = new long[records.size()];
        for (int i = 0; i < labels.length; i++) {
            Integer label = records.get(i).label();
            if (label == null) {
                throw new IllegalStateException("exam " + records.get(i).examId() + " has no label");
            }
            labels[i] = label;
        }
        return manager.create(labels);
    }
}

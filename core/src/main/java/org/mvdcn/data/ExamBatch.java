package org.mvdcn.data;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import org.mvdcn.assess.ExamCheck;
import org.mvdcn.exam.View;
import org.mvdcn.preprocess.PreparedExam;

/**
 * Up to batch-size exams as the manifest lists them, as the pipeline prepared them and what the
 * checks before scoring found in each (empty where the loader does not check), in the same order.
 */
public record ExamBatch(List<ExamRecord> records, List<PreparedExam> exams, List<List<ExamCheck>> checks) {

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

    /** The exams' breasts' BI-RADS labels, (B, 2) int64, left then right (every exam of a breast-labelled batch has both). */
    public NDArray breastLabels(NDManager manager) {
        long[] labels = new long[records.size() * 2];
        for (int i = 0; i < records.size(); i++) {
            ExamRecord r = records.get(i);
            if (!r.hasBreastLabels()) {
                throw new IllegalStateException("exam " + r.examId() + " has no breast labels");
            }
            labels[2 * i] = r.breastLabels().get(View.Laterality.LEFT);
            labels[2 * i + 1] = r.breastLabels().get(View.Laterality.RIGHT);
        }
        return manager.create(labels, new Shape(records.size(), 2));
    }
}

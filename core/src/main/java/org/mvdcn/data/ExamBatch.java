package org.mvdcn.data;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.nio.ByteBuffer;
import java.nio.FloatBuffer;
import java.util.List;
import org.mvdcn.exam.View;

/** Up to batch-size prepared exams, turned into the network's four (B, 1, H, W) inputs on demand. */
public record ExamBatch(List<PreparedExam> exams, int cropHeight, int cropWidth) {

    public int size() {
        return exams.size();
    }

    /** The four inputs of crop set {@code crop}, written straight into native memory. */
    public NDList inputs(NDManager manager, int crop) {
        Shape shape = new Shape(exams.size(), 1, cropHeight, cropWidth);
        NDList inputs = new NDList(View.values().length);
        for (View v : View.values()) {
            ByteBuffer buffer = manager.allocateDirect(Math.toIntExact(shape.size() * Float.BYTES));
            FloatBuffer floats = buffer.asFloatBuffer();
            for (PreparedExam e : exams) {
                floats.put(e.crops().get(crop).get(v));
            }
            inputs.add(manager.create(buffer, shape, DataType.FLOAT32));
        }
        return inputs;
    }

    /** The exams' BI-RADS labels as an int64 array (every exam in a batch for training is labelled). */
    public NDArray labels(NDManager manager) {
        long[] labels = new long[exams.size()];
        for (int i = 0; i < labels.length; i++) {
            Integer label = exams.get(i).exam().label();
            if (label == null) {
                throw new IllegalStateException("exam " + exams.get(i).exam().examId() + " has no label");
            }
            labels[i] = label;
        }
        return manager.create(labels);
    }
}

package org.mvdcn.preprocess;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.nio.ByteBuffer;
import java.nio.FloatBuffer;
import java.util.List;
import java.util.Map;
import org.mvdcn.exam.View;
import org.mvdcn.io.DirectMemory;

/**
 * An exam ready for the network: each view standardised and oriented, and where each crop set
 * places its four crops. The crops themselves are cut only when a set is fed to the network,
 * straight into the native buffer the input tensor uses, so ten test-time sets of a full-size exam
 * never exist at once.
 */
public record PreparedExam(Map<View, PreparedView> views, List<Map<View, CropWindow>> cropSets) {

    public PreparedExam {
        views = java.util.Collections.unmodifiableMap(new java.util.EnumMap<>(views));
        cropSets = List.copyOf(cropSets);
    }

    /**
     * The network's four (B, 1, H, W) inputs for crop set {@code set} of each exam in {@code batch}
     * (all cropped to the same size), written into native memory without a further copy; that
     * memory is freed when {@code manager} closes.
     */
    public static NDList inputs(NDManager manager, List<PreparedExam> batch, int set) {
        CropWindow first = batch.get(0).cropSets().get(set).get(View.L_CC);
        Shape shape = new Shape(batch.size(), 1, first.height(), first.width());
        NDList inputs = new NDList(View.values().length);
        for (View v : View.values()) {
            ByteBuffer buffer = manager.allocateDirect(Math.toIntExact(shape.size() * Float.BYTES));
            DirectMemory.releaseOnClose(manager, buffer);
            FloatBuffer floats = buffer.asFloatBuffer();
            for (PreparedExam e : batch) {
                e.views().get(v).crop(e.cropSets().get(set).get(v), floats);
            }
            inputs.add(manager.create(buffer, shape, DataType.FLOAT32));
        }
        return inputs;
    }
}

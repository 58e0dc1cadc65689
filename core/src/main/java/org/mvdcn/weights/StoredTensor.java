package org.mvdcn.weights;

import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** One named tensor as a weights file holds it: element type, shape, contiguous little-endian bytes. */
public record StoredTensor(String name, DataType dataType, Shape shape, ByteBuffer data) {

    /** The values as float32 (the caller has checked the type). */
    public float[] floats() {
        float[] out = new float[data.remaining() / Float.BYTES];
        data.duplicate().order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(out);
        return out;
    }
}

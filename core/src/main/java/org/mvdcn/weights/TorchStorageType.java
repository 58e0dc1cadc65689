package org.mvdcn.weights;

import ai.djl.ndarray.types.DataType;
import java.util.Map;

/**
 * A PyTorch storage class named in a pickle ({@code torch.FloatStorage}, ...), with the element
 * type it holds. The pickle only names it; nothing is instantiated.
 */
record TorchStorageType(String className, DataType dataType) {

    private static final Map<String, DataType> TYPES = Map.ofEntries(
            Map.entry("FloatStorage", DataType.FLOAT32),
            Map.entry("DoubleStorage", DataType.FLOAT64),
            Map.entry("HalfStorage", DataType.FLOAT16),
            Map.entry("BFloat16Storage", DataType.BFLOAT16),
            Map.entry("LongStorage", DataType.INT64),
            Map.entry("IntStorage", DataType.INT32),
            Map.entry("ShortStorage", DataType.INT16),
            Map.entry("CharStorage", DataType.INT8),
            Map.entry("ByteStorage", DataType.UINT8),
            Map.entry("BoolStorage", DataType.BOOLEAN));

    /** The storage type for {@code torch.<name>}, or null when {@code name} is not a storage class. */
    static TorchStorageType forName(String name) {
        DataType type = TYPES.get(name);
        return type == null ? null : new TorchStorageType("torch." + name, type);
    }

    int elementBytes() {
        return dataType.getNumOfBytes();
    }
}

package org.mvdcn.weights;

import ai.djl.ndarray.types.Shape;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** Turns an unpickled state dict plus its storages' bytes into contiguous named tensors. */
final class TorchTensors {

    private TorchTensors() {}

    /**
     * @param stateDict the unpickled top-level object
     * @param storageBytes bytes of each storage by key (little-endian, as torch.save writes them)
     * @throws IllegalArgumentException when the object is not a name -> tensor map
     */
    static List<StoredTensor> fromStateDict(Object stateDict, Function<String, ByteBuffer> storageBytes) {
        if (!(stateDict instanceof Map<?, ?> map)) {
            throw new IllegalArgumentException("not a state dict (top-level object is "
                    + (stateDict == null ? "None" : stateDict.getClass().getSimpleName()) + ")");
        }
        List<StoredTensor> tensors = new ArrayList<>();
        for (Map.Entry<?, ?> e : map.entrySet()) {
            if (!(e.getValue() instanceof TorchTensorRef ref)) {
                throw new IllegalArgumentException("not a state dict: entry '" + e.getKey() + "' is not a tensor");
            }
            ByteBuffer storage = storageBytes.apply(ref.storage().key());
            tensors.add(new StoredTensor(String.valueOf(e.getKey()), ref.storage().type().dataType(),
                    new Shape(ref.size()), contiguous(ref, storage)));
        }
        return tensors;
    }

    /** Copies the strided view {@code ref} out of {@code storage} into row-major order. */
    static ByteBuffer contiguous(TorchTensorRef ref, ByteBuffer storage) {
        int elementBytes = ref.storage().type().elementBytes();
        long[] size = ref.size();
        long[] stride = ref.stride();
        long count = 1;
        for (long s : size) {
            count *= s;
        }
        long base = ref.storage().viewOffset() + ref.offset();
        long maxIndex = base;
        for (int d = 0; d < size.length; d++) {
            maxIndex += (size[d] - 1) * stride[d];
        }
        if (count > 0 && (maxIndex + 1) * elementBytes > storage.capacity()) {
            throw new IllegalArgumentException("tensor extends past the end of its storage (file truncated?)");
        }
        ByteBuffer out = ByteBuffer.allocate(Math.toIntExact(count * elementBytes)).order(ByteOrder.LITTLE_ENDIAN);
        long[] index = new long[size.length];
        for (long n = 0; n < count; n++) {
            long element = base;
            for (int d = 0; d < size.length; d++) {
                element += index[d] * stride[d];
            }
            int from = Math.toIntExact(element * elementBytes);
            for (int b = 0; b < elementBytes; b++) {
                out.put(storage.get(from + b));
            }
            for (int d = size.length - 1; d >= 0; d--) {
                if (++index[d] < size[d]) {
                    break;
                }
                index[d] = 0;
            }
        }
        return out.flip();
    }
}

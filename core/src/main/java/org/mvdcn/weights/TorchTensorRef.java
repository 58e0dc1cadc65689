package org.mvdcn.weights;

/**
 * A tensor as a torch.save pickle describes it: a view (offset, sizes, strides, in elements) into
 * a storage whose bytes live elsewhere in the file.
 */
record TorchTensorRef(StorageRef storage, long offset, long[] size, long[] stride) {

    /** A storage named by a pickle's persistent id; {@code viewOffset} is non-zero only for legacy storage views. */
    record StorageRef(String key, TorchStorageType type, long elements, long viewOffset) {}
}

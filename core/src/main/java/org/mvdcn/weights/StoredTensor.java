package org.mvdcn.weights;

import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.nio.ByteBuffer;

/** One named tensor as a weights file holds it: element type, shape, contiguous little-endian bytes. */
public record StoredTensor(String name, DataType dataType, Shape shape, ByteBuffer data) {}

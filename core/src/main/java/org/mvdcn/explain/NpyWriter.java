package org.mvdcn.explain;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.mvdcn.io.AtomicFiles;

/**
 * Writes a float32 matrix as NumPy {@code .npy} (format 1.0). Written here because DJL's npy
 * encoder is package-private and the format is a fixed 10-byte preamble, a Python-literal header
 * padded to 64 bytes, and the raw little-endian values.
 */
public final class NpyWriter {

    private NpyWriter() {}

    public static void writeFloat32(Path file, int rows, int columns, float[] values) throws IOException {
        if (values.length != rows * columns) {
            throw new IllegalArgumentException(values.length + " values for a " + rows + "x" + columns + " matrix");
        }
        String dict = "{'descr': '<f4', 'fortran_order': False, 'shape': (" + rows + ", " + columns + "), }";
        int unpadded = 10 + dict.length() + 1;
        String header = dict + " ".repeat((64 - unpadded % 64) % 64) + "\n";
        byte[] headerBytes = header.getBytes(StandardCharsets.US_ASCII);
        ByteBuffer preamble = ByteBuffer.allocate(10).order(ByteOrder.LITTLE_ENDIAN);
        preamble.put((byte) 0x93).put("NUMPY".getBytes(StandardCharsets.US_ASCII)).put((byte) 1).put((byte) 0)
                .putShort((short) headerBytes.length);
        ByteBuffer data = ByteBuffer.allocate(values.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        data.asFloatBuffer().put(values);
        AtomicFiles.write(file, out -> {
            out.write(preamble.array());
            out.write(headerBytes);
            out.write(data.array());
        });
    }
}

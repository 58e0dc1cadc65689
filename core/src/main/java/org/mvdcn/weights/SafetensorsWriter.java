package org.mvdcn.weights;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.mvdcn.io.AtomicFiles;

/**
 * Writes float32 tensors as safetensors with a {@code __metadata__} map, atomically. Written here
 * because DJL's safetensors encoder has no metadata, and a model file must carry the preprocessing
 * it was trained with; the format is an 8-byte header length, a JSON header, the raw data.
 */
public final class SafetensorsWriter {

    /** One float32 tensor to write. */
    public record Tensor(String name, long[] shape, float[] values) {}

    private SafetensorsWriter() {}

    public static void write(Path file, List<Tensor> tensors, Map<String, String> metadata) throws IOException {
        ObjectMapper json = new ObjectMapper();
        ObjectNode header = json.createObjectNode();
        ObjectNode meta = header.putObject("__metadata__");
        metadata.forEach(meta::put);
        long offset = 0;
        for (Tensor t : tensors) {
            ObjectNode entry = header.putObject(t.name());
            entry.put("dtype", "F32");
            var shape = entry.putArray("shape");
            for (long d : t.shape()) {
                shape.add(d);
            }
            long end = offset + (long) t.values().length * Float.BYTES;
            entry.putArray("data_offsets").add(offset).add(end);
            offset = end;
        }
        byte[] text = json.writeValueAsBytes(header);
        // the format recommends padding the header with spaces so the data starts 8-byte aligned
        int padded = (text.length + 7) / 8 * 8;
        byte[] headerBytes = new byte[padded];
        System.arraycopy(text, 0, headerBytes, 0, text.length);
        java.util.Arrays.fill(headerBytes, text.length, padded, (byte) ' ');
        AtomicFiles.write(file, out -> {
            out.write(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(padded).array());
            out.write(headerBytes);
            for (Tensor t : tensors) {
                writeFloats(out, t.values());
            }
        });
    }

    private static void writeFloats(OutputStream out, float[] values) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : values) {
            if (!buffer.hasRemaining()) {
                out.write(buffer.array(), 0, buffer.position());
                buffer.clear();
            }
            buffer.putFloat(v);
        }
        out.write(buffer.array(), 0, buffer.position());
    }
}

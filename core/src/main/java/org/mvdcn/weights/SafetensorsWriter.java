package org.mvdcn.weights;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.mvdcn.BadInputException;
import org.mvdcn.MissingFileException;
import org.mvdcn.io.AtomicFiles;

/**
 * Writes float32 tensors as safetensors with a {@code __metadata__} map, atomically, and sets a key
 * of an existing file's map (the calibration, fitted after the file was written). Written here
 * because DJL's safetensors encoder has no metadata, and a model file must carry the preprocessing
 * it was trained with; the format is an 8-byte header length, a JSON header, the raw data.
 */
public final class SafetensorsWriter {

    /** One float32 tensor to write. */
    public record Tensor(String name, long[] shape, float[] values) {}

    private static final ObjectMapper JSON = new ObjectMapper();

    private SafetensorsWriter() {}

    public static void write(Path file, List<Tensor> tensors, Map<String, String> metadata) throws IOException {
        ObjectNode header = JSON.createObjectNode();
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
        byte[] head = encode(header);
        AtomicFiles.write(file, out -> {
            out.write(head);
            for (Tensor t : tensors) {
                writeFloats(out, t.values());
            }
        });
    }

    /**
     * Sets {@code key} in a safetensors file's metadata, atomically, leaving its tensors byte for
     * byte: the header is written anew and the data copied after it (their offsets count from the
     * data's start, so they hold).
     */
    public static void putMetadata(Path file, String key, String value) throws IOException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new MissingFileException(file, "weights file");
        }
        if (WeightsFormat.detect(bytes, bytes.length) != WeightsFormat.SAFETENSORS) {
            throw new BadInputException(file, "not a safetensors file: it has no metadata to hold " + key);
        }
        ObjectNode header = WeightsFile.header(file, bytes);
        (header.get("__metadata__") instanceof ObjectNode meta ? meta : header.putObject("__metadata__")).put(key, value);
        int data = 8 + (int) WeightsFile.headerLength(bytes);
        byte[] head = encode(header);
        AtomicFiles.write(file, out -> {
            out.write(head);
            out.write(bytes, data, bytes.length - data);
        });
    }

    /** The header's length (8 bytes, little-endian) and the header, padded with spaces so the data starts 8-byte aligned. */
    private static byte[] encode(ObjectNode header) throws IOException {
        byte[] text = JSON.writeValueAsBytes(header);
        int padded = (text.length + 7) / 8 * 8;
        byte[] head = new byte[8 + padded];
        ByteBuffer.wrap(head, 0, 8).order(ByteOrder.LITTLE_ENDIAN).putLong(padded);
        System.arraycopy(text, 0, head, 8, text.length);
        java.util.Arrays.fill(head, 8 + text.length, head.length, (byte) ' ');
        return head;
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

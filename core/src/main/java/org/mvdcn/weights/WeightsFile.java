package org.mvdcn.weights;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mvdcn.BadInputException;
import org.mvdcn.MissingFileException;

/** Reads every tensor of a weights file in any supported {@link WeightsFormat}. */
public final class WeightsFile {

    private WeightsFile() {}

    public static List<StoredTensor> read(Path file) {
        WeightsFormat format;
        try {
            format = WeightsFormat.detect(file);
        } catch (NoSuchFileException e) {
            throw new MissingFileException(file, "weights file");
        } catch (IOException e) {
            throw new BadInputException(file, "cannot read weights file (" + e.getMessage() + ")", e);
        }
        if (format == null) {
            throw new BadInputException(file, "unrecognised weights format (expected safetensors or a torch.save state dict)");
        }
        try {
            return switch (format) {
                case SAFETENSORS -> readSafetensors(file);
                case TORCH_ZIP -> TorchZipReader.read(file);
                case TORCH_LEGACY -> TorchLegacyReader.read(file);
            };
        } catch (EOFException e) {
            throw new BadInputException(file, format.description() + " file is truncated", e);
        } catch (IOException | RuntimeException e) {
            Throwable cause = e;
            while (cause.getCause() != null && cause.getMessage() != null && cause.getMessage().startsWith("Malformed")) {
                cause = cause.getCause();
            }
            if (cause instanceof EOFException || (cause.getMessage() != null && cause.getMessage().contains("premature end"))) {
                throw new BadInputException(file, format.description() + " file is truncated", e);
            }
            throw new BadInputException(file, "corrupt " + format.description() + " file (" + cause.getMessage() + ")", e);
        }
    }

    /**
     * The {@code __metadata__} string map of a safetensors file whose bytes are {@code bytes};
     * empty for a file without one and for the torch.save formats, which have no such place.
     */
    static Map<String, String> metadata(Path file, byte[] bytes) {
        if (WeightsFormat.detect(bytes, bytes.length) != WeightsFormat.SAFETENSORS) {
            return Map.of();
        }
        Map<String, String> out = new LinkedHashMap<>();
        header(file, bytes).path("__metadata__").fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asText()));
        return out;
    }

    /** The JSON header of a safetensors file whose bytes are {@code bytes}; its length is {@link #headerLength}. */
    static ObjectNode header(Path file, byte[] bytes) {
        long n = headerLength(bytes);
        if (n > bytes.length - 8) {
            throw new BadInputException(file, "safetensors file is truncated (in its header)");
        }
        try {
            return (ObjectNode) new ObjectMapper().readTree(new String(bytes, 8, (int) n, StandardCharsets.UTF_8));
        } catch (IOException | ClassCastException e) {
            throw new BadInputException(file, "corrupt safetensors header (" + e.getMessage() + ")", e);
        }
    }

    /** The header's length in bytes, from the 8 bytes before it (the tensors' data follows it). */
    static long headerLength(byte[] bytes) {
        return ByteBuffer.wrap(bytes, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
    }

    /** safetensors through DJL's own decoder. */
    private static List<StoredTensor> readSafetensors(Path file) throws IOException {
        // host memory whatever the model's device: the arrays only pass through on their way to bytes
        try (NDManager manager = NDManager.newBaseManager(Device.cpu());
                InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 20)) {
            NDList arrays = NDList.decode(manager, in);
            List<StoredTensor> tensors = new ArrayList<>(arrays.size());
            for (NDArray a : arrays) {
                tensors.add(new StoredTensor(a.getName(), a.getDataType(), a.getShape(),
                        a.toByteBuffer().order(ByteOrder.LITTLE_ENDIAN)));
            }
            return tensors;
        }
    }
}

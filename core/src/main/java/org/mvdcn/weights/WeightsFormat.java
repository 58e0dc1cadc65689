package org.mvdcn.weights;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/** The weight file formats mvdcn reads, told apart by their first bytes, never by extension. */
public enum WeightsFormat {
    SAFETENSORS("safetensors"),
    TORCH_ZIP("torch.save (zip)"),
    TORCH_LEGACY("torch.save (legacy)");

    private final String description;

    WeightsFormat(String description) {
        this.description = description;
    }

    public String description() {
        return description;
    }

    /** @return the format, or null when the bytes match none of them */
    public static WeightsFormat detect(Path file) throws IOException {
        byte[] head;
        try (InputStream in = Files.newInputStream(file)) {
            head = in.readNBytes(16);
        }
        return detect(head, Files.size(file));
    }

    /** The format of a file of {@code fileSize} bytes starting with {@code head} (null: none). */
    static WeightsFormat detect(byte[] head, long fileSize) {
        if (head.length >= 4 && head[0] == 'P' && head[1] == 'K' && head[2] == 3 && head[3] == 4) {
            return TORCH_ZIP;
        }
        // pickle PROTO opcode, then (torch.save) LONG1 carrying the 10-byte magic number
        if (head.length >= 4 && (head[0] & 0xff) == 0x80 && (head[2] & 0xff) == 0x8a && head[3] == 10) {
            return TORCH_LEGACY;
        }
        if (head.length >= 9 && head[8] == '{') {
            long headerLength = ByteBuffer.wrap(head, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
            if (headerLength > 0 && headerLength < fileSize) {
                return SAFETENSORS;
            }
        }
        return null;
    }
}

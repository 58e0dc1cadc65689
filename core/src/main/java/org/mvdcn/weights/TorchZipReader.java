package org.mvdcn.weights;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * {@code torch.save} in the zip format (PyTorch >= 1.6): {@code <archive>/data.pkl} holds the
 * pickle, {@code <archive>/data/<key>} the raw bytes of each storage.
 */
final class TorchZipReader {

    private TorchZipReader() {}

    static List<StoredTensor> read(Path file) throws IOException {
        try (ZipFile zip = new ZipFile(file.toFile())) {
            String prefix = null;
            for (Enumeration<? extends ZipEntry> entries = zip.entries(); entries.hasMoreElements(); ) {
                String name = entries.nextElement().getName();
                if (name.endsWith("/data.pkl") && name.indexOf('/') == name.length() - "/data.pkl".length()) {
                    prefix = name.substring(0, name.length() - "data.pkl".length());
                    break;
                }
            }
            if (prefix == null) {
                throw new IllegalArgumentException("zip file without <archive>/data.pkl: not a torch.save file");
            }
            ZipEntry byteOrder = zip.getEntry(prefix + "byteorder");
            if (byteOrder != null) {
                try (InputStream in = zip.getInputStream(byteOrder)) {
                    String order = new String(in.readAllBytes(), StandardCharsets.US_ASCII).trim();
                    if (!"little".equals(order)) {
                        throw new IllegalArgumentException("byte order '" + order + "' is not supported (only little-endian)");
                    }
                }
            }
            Object stateDict;
            try (InputStream in = zip.getInputStream(zip.getEntry(prefix + "data.pkl"))) {
                stateDict = new StateDictUnpickler().read(new java.io.BufferedInputStream(in));
            }
            String dataPrefix = prefix + "data/";
            return TorchTensors.fromStateDict(stateDict, key -> storage(zip, dataPrefix + key));
        }
    }

    private static ByteBuffer storage(ZipFile zip, String entryName) {
        ZipEntry entry = zip.getEntry(entryName);
        if (entry == null) {
            throw new IllegalArgumentException("storage " + entryName + " is missing from the archive");
        }
        try (InputStream in = zip.getInputStream(entry)) {
            return ByteBuffer.wrap(in.readAllBytes()).order(ByteOrder.LITTLE_ENDIAN);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}

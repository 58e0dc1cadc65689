package org.mvdcn.weights;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code torch.save} in the legacy format (PyTorch < 1.6, and {@code _use_new_zipfile_serialization=False}):
 * five pickles back to back (magic number, protocol version, system info, the object, the sorted
 * storage keys), then for each key an int64 element count and the storage's raw bytes.
 * The released reference model is a PyTorch 0.4 file in this format.
 */
final class TorchLegacyReader {

    static final BigInteger MAGIC = new BigInteger("1950a86a20f9469cfc6c", 16);
    private static final int PROTOCOL_VERSION = 1001;

    private TorchLegacyReader() {}

    static List<StoredTensor> read(Path file) throws IOException {
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 20)) {
            Object magic = new StateDictUnpickler().read(raw);
            if (!(magic instanceof Number n) || !MAGIC.equals(new BigInteger(n.toString()))) {
                throw new IllegalArgumentException("not a torch.save file (wrong magic number)");
            }
            Object protocol = new StateDictUnpickler().read(raw);
            if (!(protocol instanceof Number p) || p.intValue() != PROTOCOL_VERSION) {
                throw new IllegalArgumentException("unsupported torch.save protocol version " + protocol);
            }
            Object sysInfo = new StateDictUnpickler().read(raw);
            if (sysInfo instanceof Map<?, ?> info && Boolean.FALSE.equals(info.get("little_endian"))) {
                throw new IllegalArgumentException("saved on a big-endian machine; not supported");
            }
            Map<String, TorchTensorRef.StorageRef> refs = new HashMap<>();
            Object stateDict = new StateDictUnpickler().read(raw);
            collectStorages(stateDict, refs);
            Object keys = new StateDictUnpickler().read(raw);
            if (!(keys instanceof List<?> keyList)) {
                throw new IllegalArgumentException("malformed storage key list");
            }
            DataInputStream data = new DataInputStream(raw);
            Map<String, ByteBuffer> storages = new HashMap<>();
            for (Object key : keyList) {
                String k = String.valueOf(key);
                TorchTensorRef.StorageRef ref = refs.get(k);
                if (ref == null) {
                    throw new IllegalArgumentException("storage " + k + " is listed but no tensor uses it");
                }
                long elements = Long.reverseBytes(data.readLong());
                int elementBytes = ref.type().elementBytes();
                byte[] bytes = new byte[Math.toIntExact(elements * elementBytes)];
                data.readFully(bytes);
                storages.put(k, ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN));
            }
            return TorchTensors.fromStateDict(stateDict, key -> {
                ByteBuffer b = storages.get(key);
                if (b == null) {
                    throw new IllegalArgumentException("storage " + key + " is not in the file");
                }
                return b;
            });
        }
    }

    private static void collectStorages(Object stateDict, Map<String, TorchTensorRef.StorageRef> refs) {
        if (stateDict instanceof Map<?, ?> map) {
            for (Object v : map.values()) {
                if (v instanceof TorchTensorRef t) {
                    refs.put(t.storage().key(), t.storage());
                }
            }
        }
    }
}

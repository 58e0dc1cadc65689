package org.mvdcn.io;

import ai.djl.ndarray.NDManager;
import java.lang.reflect.Field;
import java.nio.ByteBuffer;
import java.util.UUID;

/**
 * Frees a direct buffer when the manager of the tensors built on it closes. A tensor made from a
 * direct buffer uses its memory in place, and the JDK frees direct memory only when a garbage
 * collection finds the buffer unreachable: with the little heap garbage a training loop makes, that
 * can take thousands of steps, and the network's inputs (333 MB a full-size step) pile up in the
 * resident set until the direct-memory limit forces a collection. {@code Unsafe.invokeCleaner}
 * is the JDK's own way to free such a buffer at once (jdk.unsupported, as Netty and Lucene use it).
 */
public final class DirectMemory {

    private static final sun.misc.Unsafe UNSAFE = unsafe();

    private DirectMemory() {}

    /**
     * Frees {@code buffer} when {@code manager} closes; every tensor using the buffer must belong
     * to {@code manager} (or be closed before it).
     */
    public static void releaseOnClose(NDManager manager, ByteBuffer buffer) {
        manager.attachInternal(UUID.randomUUID().toString(), () -> UNSAFE.invokeCleaner(buffer));
    }

    private static sun.misc.Unsafe unsafe() {
        try {
            Field f = sun.misc.Unsafe.class.getDeclaredField("theUnsafe");
            f.setAccessible(true);
            return (sun.misc.Unsafe) f.get(null);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot reach sun.misc.Unsafe to free direct buffers", e);
        }
    }
}

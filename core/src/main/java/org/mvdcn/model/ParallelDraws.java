package org.mvdcn.model;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * The training pass's random draws (input noise, dropout masks) made on every core. libtorch's CPU
 * kernels for {@code normal_}, {@code uniform_} and {@code bernoulli_} draw one value at a time from
 * one generator on one thread (bench/RESULTS.md, issue 14: 5.7 ns a normal, 3.6 ns a uniform; about
 * 160M values a full-size step) while the other cores wait; no library offers a parallel draw into
 * a libtorch tensor, so this one is written here. The values come from Java's
 * {@link SplittableRandom} in fixed chunks, each chunk's generator split in order from one seed that
 * libtorch's generator draws: the engine's seed still decides every value, and the values do not
 * depend on how many threads draw them. On an accelerator libtorch's own (parallel) draws are used.
 */
final class ParallelDraws {

    private static final int CHUNK = 1 << 18;
    private static final int UNIFORM_BITS = 24;

    private ParallelDraws() {}

    /** {@code image} plus noise drawn from N(0, std^2), a new tensor. */
    static NDArray addGaussian(NDArray image, float std) {
        NDManager manager = image.getManager();
        Shape shape = image.getShape();
        if (!image.getDevice().equals(Device.cpu())) {
            try (NDArray noise = manager.randomNormal(0, std, shape, DataType.FLOAT32, image.getDevice())) {
                return image.add(noise);
            }
        }
        NDArray noisy = manager.create(shape, DataType.FLOAT32);
        FloatBuffer values = inPlace(noisy).asFloatBuffer();
        fill(manager, shape.size(), (random, from, length) -> {
            for (int i = from; i < from + length; i++) {
                values.put(i, (float) random.nextGaussian() * std);
            }
        });
        return noisy.addi(image);
    }

    /** A float tensor of {@code shape}, each value {@code 1 / keep} with probability {@code keep}, else 0. */
    static NDArray keepScale(NDManager manager, Shape shape, float keep, Device device) {
        if (!device.equals(Device.cpu())) {
            try (NDArray u = manager.randomUniform(0f, 1f, shape, DataType.FLOAT32, device);
                    NDArray kept = u.lt(keep)) {
                return kept.toType(DataType.FLOAT32, false).muli(1 / keep);
            }
        }
        int threshold = Math.round(keep * (1 << UNIFORM_BITS)); // P(24-bit uniform < threshold) = keep
        float scale = 1 / keep;
        NDArray drawn = manager.create(shape, DataType.FLOAT32);
        FloatBuffer values = inPlace(drawn).asFloatBuffer();
        fill(manager, shape.size(), (random, from, length) -> {
            for (int i = from; i < from + length; i += 2) {
                long bits = random.nextLong(); // two 24-bit uniforms
                values.put(i, (bits >>> 40) < threshold ? scale : 0f);
                if (i + 1 < from + length) {
                    values.put(i + 1, ((bits >>> 8) & 0xFFFFFF) < threshold ? scale : 0f);
                }
            }
        });
        return drawn;
    }

    /**
     * The memory of a new (uninitialised, contiguous) CPU tensor, written in place: DJL's PyTorch
     * engine answers {@code toByteBuffer(true)} with a direct view of the tensor's data, so the draws
     * need no buffer of their own and no copy (ParallelDrawsTest would see the values lost if a
     * later DJL copied instead).
     */
    private static ByteBuffer inPlace(NDArray fresh) {
        return fresh.toByteBuffer(true).order(ByteOrder.nativeOrder());
    }

    private interface ChunkFill {
        void fill(SplittableRandom random, int from, int length);
    }

    private static void fill(NDManager manager, long size, ChunkFill fill) {
        int n = Math.toIntExact(size);
        int chunks = (n + CHUNK - 1) / CHUNK;
        SplittableRandom root = new SplittableRandom(seed(manager));
        SplittableRandom[] generators = new SplittableRandom[chunks];
        for (int c = 0; c < chunks; c++) {
            generators[c] = root.split();
        }
        IntStream.range(0, chunks).parallel().forEach(c -> {
            int from = c * CHUNK;
            fill.fill(generators[c], from, Math.min(CHUNK, n - from));
        });
    }

    private static long seed(NDManager manager) {
        try (NDArray drawn = manager.randomInteger(0, Long.MAX_VALUE, new Shape(1), DataType.INT64)) {
            return drawn.getLong();
        }
    }
}

package org.mvdcn.bench;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The machine's fp32 peak, measured two ways for bench/RESULTS.md: (1) a register-only FMA loop
 * on every core at the widest vector the JIT emits (no memory traffic, independent accumulators
 * enough to cover the FMA latency on two ports), which checks cores x clock x FMA width; (2) what
 * libtorch attains on a large square matrix product (oneDNN/MKL sgemm), the practical ceiling for
 * convolution arithmetic. Prints one JSON line. Written by hand because no library measures raw
 * FMA throughput from Java; the JDK's Vector API emits the instructions.
 * Usage: PeakFlopsBenchmark THREADS [SECONDS]
 */
public final class PeakFlopsBenchmark {

    private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
    /** Independent accumulators: two FMA ports x four cycles of latency need eight; twelve leaves slack. */
    private static final int CHAINS = 12;
    private static final int INNER = 1 << 20;

    private PeakFlopsBenchmark() {}

    public static void main(String[] args) throws Exception {
        int threads = Integer.parseInt(args[0]);
        double seconds = args.length > 1 ? Double.parseDouble(args[1]) : 2;
        double fmaGflops = fmaLoop(threads, seconds);
        double gemmGflops = gemm(2048, 5);
        System.out.printf(Locale.ROOT, "{\"vector_bits\": %d, \"threads\": %d, \"fma_loop_gflops\": %.1f, "
                + "\"implied_ghz_per_core_2_ports\": %.2f, \"sgemm_2048_gflops\": %.1f}%n", SPECIES.vectorBitSize(), threads,
                fmaGflops, fmaGflops / (threads * 2.0 * 2 * SPECIES.length()), gemmGflops);
    }

    /** Best of several timed rounds of the FMA loop run on {@code threads} threads at once, GFLOP/s. */
    private static double fmaLoop(int threads, double seconds) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            double best = 0;
            long deadline = System.nanoTime() + (long) (seconds * 1e9);
            float sink = 0;
            while (System.nanoTime() < deadline) {
                List<Future<Float>> parts = new ArrayList<>();
                long start = System.nanoTime();
                for (int t = 0; t < threads; t++) {
                    Callable<Float> work = () -> chains(INNER);
                    parts.add(pool.submit(work));
                }
                for (Future<Float> f : parts) {
                    sink += f.get();
                }
                double elapsed = (System.nanoTime() - start) / 1e9;
                double flops = (double) threads * INNER * CHAINS * SPECIES.length() * 2;
                best = Math.max(best, flops / elapsed / 1e9);
            }
            if (sink == 42) {
                System.err.println(); // keeps the results alive so the JIT cannot drop the loop
            }
            return best;
        } finally {
            pool.shutdownNow();
        }
    }

    /** Twelve named accumulators, not an array: the JIT keeps locals in registers, an array's elements go through memory. */
    private static float chains(int iterations) {
        FloatVector a = FloatVector.broadcast(SPECIES, 0.999999f);
        FloatVector b = FloatVector.broadcast(SPECIES, 1e-7f);
        FloatVector c0 = FloatVector.broadcast(SPECIES, 1f);
        FloatVector c1 = c0;
        FloatVector c2 = c0;
        FloatVector c3 = c0;
        FloatVector c4 = c0;
        FloatVector c5 = c0;
        FloatVector c6 = c0;
        FloatVector c7 = c0;
        FloatVector c8 = c0;
        FloatVector c9 = c0;
        FloatVector c10 = c0;
        FloatVector c11 = c0;
        for (int i = 0; i < iterations; i++) {
            c0 = c0.fma(a, b);
            c1 = c1.fma(a, b);
            c2 = c2.fma(a, b);
            c3 = c3.fma(a, b);
            c4 = c4.fma(a, b);
            c5 = c5.fma(a, b);
            c6 = c6.fma(a, b);
            c7 = c7.fma(a, b);
            c8 = c8.fma(a, b);
            c9 = c9.fma(a, b);
            c10 = c10.fma(a, b);
            c11 = c11.fma(a, b);
        }
        return c0.add(c1).add(c2).add(c3).add(c4).add(c5).add(c6).add(c7).add(c8).add(c9).add(c10).add(c11).reduceLanes(
                jdk.incubator.vector.VectorOperators.ADD);
    }

    /** Best of {@code rounds} n x n fp32 matrix products through libtorch, GFLOP/s. */
    private static double gemm(int n, int rounds) {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray a = manager.randomUniform(-1, 1, new Shape(n, n));
            NDArray b = manager.randomUniform(-1, 1, new Shape(n, n));
            double best = 0;
            for (int r = 0; r < rounds + 1; r++) {
                long start = System.nanoTime();
                try (NDArray c = a.matMul(b)) {
                    c.getFloat(0, 0); // waits for the product
                }
                double elapsed = (System.nanoTime() - start) / 1e9;
                if (r > 0) {
                    best = Math.max(best, 2.0 * n * n * n / elapsed / 1e9);
                }
            }
            return best;
        }
    }
}

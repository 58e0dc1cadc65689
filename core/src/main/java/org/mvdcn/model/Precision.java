package org.mvdcn.model;

import ai.djl.Device;
import com.sun.jna.Library;
import com.sun.jna.Native;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import org.mvdcn.EnumLabels;
import org.mvdcn.UsageException;

/**
 * The arithmetic of the network's convolutions ({@code --precision}). {@code fp32} is exact fp32.
 * {@code bf16} rounds the convolutions' inputs and weights to bfloat16 inside oneDNN's kernels and
 * accumulates in fp32 (on CPUs with AMX, its tile kernels); every tensor between layers, every
 * weight, gradient and optimizer state stays fp32, so checkpoints and results keep their format.
 *
 * <p>Why this route: DJL 0.36's PyTorch engine can neither make bf16 tensors nor autocast, so the
 * one switch that reaches libtorch's kernels is oneDNN's default math mode, which oneDNN reads from
 * the environment ({@value #VARIABLE}) the first time it runs. Java cannot change its own
 * environment, so {@link #apply} calls the C library's {@code setenv} (through JNA) before the
 * engine starts.
 */
public enum Precision {
    FP32("STRICT"),
    BF16("BF16");

    public static final String VARIABLE = "ONEDNN_DEFAULT_FPMATH_MODE";
    /** What {@code --precision} says in every command's help. */
    public static final String HELP = "Arithmetic of the convolutions: fp32 (default) or bf16 (inputs rounded to bfloat16 inside "
            + "oneDNN's kernels, fp32 accumulation and storage; needs a CPU with AMX, refused elsewhere).";
    /**
     * The CPU flag (Linux /proc/cpuinfo) without which oneDNN keeps f32 convolutions in fp32 whatever
     * the math mode: on a CPU with AVX512-BF16 but no AMX (AMD Zen 5, measured 2026-12-07) it picks
     * the same jit:avx512_core f32 kernels and the probabilities match fp32's to the last digit.
     */
    static final String BF16_FLAG = "amx_bf16";
    private static final Path CPUINFO = Path.of("/proc/cpuinfo");

    private final String mathMode;

    Precision(String mathMode) {
        this.mathMode = mathMode;
    }

    public static Precision parse(String text) {
        return EnumLabels.parse(Precision.class, text, "precision");
    }

    public String label() {
        return EnumLabels.of(this);
    }

    /**
     * Checks that {@code device}, on this machine, can run this precision, then sets oneDNN's math
     * mode; call before the engine starts (before the first NDManager), as oneDNN reads it once.
     */
    public void apply(Device device) {
        checkDevice(device);
        if (this == BF16) {
            requireBf16(cpuFlags(CPUINFO));
        }
        if (this == FP32 && System.getenv(VARIABLE) == null) {
            return; // strict fp32 is oneDNN's default: nothing to set
        }
        if (CLibrary.INSTANCE.setenv(VARIABLE, mathMode, 1) != 0) {
            throw new IllegalStateException("could not set " + VARIABLE + " for --precision " + label());
        }
    }

    /**
     * A usage error where no machine could run this precision on {@code device} (bf16 on a GPU):
     * what can be refused before knowing which machine runs it, as a Spark driver must.
     */
    public void checkDevice(Device device) {
        if (this == BF16 && device.isGpu()) {
            throw new UsageException("--precision bf16 runs on CPUs only: on a GPU it needs bf16 tensors, which DJL 0.36's "
                    + "PyTorch engine cannot make; on a GPU use --precision fp32");
        }
    }

    /** Whether oneDNN does bf16 convolutions on this machine's CPU. */
    public static boolean cpuHasBf16() {
        return hasBf16(cpuFlags(CPUINFO));
    }

    private static boolean hasBf16(Set<String> flags) {
        return flags.contains(BF16_FLAG);
    }

    /** A usage error unless {@code flags} hold AMX's bf16 arithmetic. */
    static void requireBf16(Set<String> flags) {
        if (!hasBf16(flags)) {
            throw new UsageException("--precision bf16 needs a CPU with AMX (flag amx_bf16); on this CPU oneDNN would run its "
                    + "fp32 kernels anyway: use --precision fp32");
        }
    }

    /** The first processor's flags in a /proc/cpuinfo-style file (empty when it has none). */
    static Set<String> cpuFlags(Path cpuinfo) {
        try {
            return Files.readAllLines(cpuinfo).stream().filter(l -> l.startsWith("flags")).findFirst()
                    .map(l -> Arrays.stream(l.substring(l.indexOf(':') + 1).trim().split("\\s+")).collect(Collectors.toSet()))
                    .orElse(Set.of());
        } catch (IOException e) {
            return Set.of();
        }
    }

    /** The C library's setenv, the one function of it mvdcn calls. */
    private interface CLibrary extends Library {
        CLibrary INSTANCE = Native.load("c", CLibrary.class);

        int setenv(String name, String value, int overwrite);
    }
}

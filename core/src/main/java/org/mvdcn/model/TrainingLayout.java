package org.mvdcn.model;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The memory layout a training pass runs its columns in after their checkpointed first block
 * ({@link StemCheckpoints}, which stays channels-last): forward and saliency passes are channels-last
 * on every CPU, training depends on the CPU. oneDNN's convolution weight gradients on channels-last
 * (NHWC) maps have fast kernels on AVX-512 CPUs but not on AVX2-only ones. Measured with oneDNN's
 * verbose mode on a 2-core AMD EPYC (AVX2, bench/RESULTS.md "onednn-train", issue 29): every layer's
 * backward-weights ran 2.5-4x slower on NHWC maps than on oneDNN's blocked (nChw8c) layout, which
 * libtorch uses for NCHW tensors: 9.5 s against 3.2 s a step of 4 exams. On an Intel Xeon with
 * AVX-512 the channels-last pass was the faster one (issue 14: 6.1-6.8 s against 7.4-7.8 s).
 *
 * <p>{@code -Dmvdcn.training.layout=channels-last|nchw} overrides the choice (the benchmark
 * compares both in one run); {@code auto}, the default, picks NCHW where /proc/cpuinfo lacks
 * {@code avx512f}, channels-last elsewhere and where the flags cannot be read.
 */
public enum TrainingLayout {
    CHANNELS_LAST, NCHW;

    static final String PROPERTY = "mvdcn.training.layout";

    private static final TrainingLayout CPU = forFlags(cpuFlags());

    /** The layout this process trains in. */
    public static TrainingLayout current() {
        String asked = System.getProperty(PROPERTY, "auto").toLowerCase(Locale.ROOT);
        return switch (asked) {
            case "auto" -> CPU;
            case "channels-last" -> CHANNELS_LAST;
            case "nchw" -> NCHW;
            default -> throw new IllegalArgumentException(PROPERTY + "=" + asked + ": expected auto, channels-last or nchw");
        };
    }

    /** NCHW on a CPU whose flags are known and lack AVX-512. */
    static TrainingLayout forFlags(String flags) {
        return flags == null || flags.contains(" avx512f ") ? CHANNELS_LAST : NCHW;
    }

    /** The first processor's flags line from /proc/cpuinfo (with a leading space), or null. */
    private static String cpuFlags() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("flags"))
                    .map(l -> " " + l.substring(l.indexOf(':') + 1).trim() + " ").findFirst().orElse(null);
        } catch (IOException | SecurityException e) {
            return null;
        }
    }
}

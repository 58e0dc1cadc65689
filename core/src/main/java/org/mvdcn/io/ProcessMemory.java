package org.mvdcn.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * This process's resident memory as the kernel counts it (/proc/self/status): what a long run is
 * watched by, since native (libtorch) memory never shows in the Java heap figures.
 */
public final class ProcessMemory {

    private static final Path STATUS = Path.of("/proc/self/status");

    private ProcessMemory() {}

    /** VmRSS in MiB now; NaN where /proc is absent. */
    public static double residentMib() {
        return field("VmRSS:");
    }

    /** VmHWM: the peak resident set so far, in MiB; NaN where /proc is absent. */
    public static double peakResidentMib() {
        return field("VmHWM:");
    }

    private static double field(String name) {
        try {
            for (String line : Files.readAllLines(STATUS)) {
                if (line.startsWith(name)) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
                }
            }
        } catch (IOException | NumberFormatException e) {
            return Double.NaN;
        }
        return Double.NaN;
    }
}

package org.mvdcn.cli;

import org.mvdcn.dicom.IntensityMode;
import picocli.CommandLine.Option;

/** Options every compute command shares; applied before the engine starts. */
public final class EngineOptions {

    @Option(names = "--threads", paramLabel = "N",
            description = "CPU threads for the network (default: all cores).")
    Integer threads;

    @Option(names = "--loader-threads", defaultValue = "1", paramLabel = "N",
            description = "Background threads decoding and preparing images (train, evaluate).")
    int loaderThreads;

    @Option(names = "--dicom-intensity", defaultValue = "stored", paramLabel = "MODE",
            description = "DICOM grey values: stored (modality rescale only, as the reference trained) or voi (then the "
                    + "file's VOI LUT or window).")
    String dicomIntensity;

    /** Sets libtorch's thread count (before the first NDManager is created) and how DICOM files are read. */
    void apply() {
        System.setProperty(IntensityMode.PROPERTY, IntensityMode.parse(dicomIntensity).name().toLowerCase(java.util.Locale.ROOT));
        if (threads != null) {
            if (threads < 1) {
                throw new IllegalArgumentException("--threads must be at least 1, got " + threads);
            }
            System.setProperty("ai.djl.pytorch.num_threads", String.valueOf(threads));
            System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
        }
    }
}

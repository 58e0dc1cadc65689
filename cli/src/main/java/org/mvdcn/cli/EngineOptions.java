package org.mvdcn.cli;

import ai.djl.Device;
import org.mvdcn.UsageException;
import org.mvdcn.model.ComputeDevice;
import org.mvdcn.model.LibtorchLog;
import org.mvdcn.model.Precision;
import picocli.CommandLine.Option;

/** Options every compute command shares; applied before the engine starts. */
public final class EngineOptions {

    @Option(names = "--threads", paramLabel = "N",
            description = "CPU threads for the network (default: all cores).")
    Integer threads;

    @Option(names = "--loader-threads", defaultValue = "1", paramLabel = "N",
            description = "Background threads decoding and preparing images (train, evaluate).")
    int loaderThreads;

    @Option(names = "--device", defaultValue = "cpu", paramLabel = "cpu|gpu|gpu:N", description = ComputeDevice.HELP)
    String deviceName;

    @Option(names = "--precision", defaultValue = "fp32", paramLabel = "fp32|bf16", description = Precision.HELP)
    String precisionName;

    private Device device;

    @Option(names = "--verbose", description = "Also show the libraries' own log lines (DJL, PixelMed, Jetty from INFO up; libtorch's warnings).")
    boolean verbose;

    /** Sets libtorch's thread count (before the first NDManager is created), then checks the device. */
    void apply() {
        if (verbose) {
            // slf4j-simple reads these once, when the first logger is made: after this, before any library logs
            for (String logger : new String[] {"defaultLogLevel", "log.com.pixelmed", "log.ai.djl.util.cuda.CudaUtils"}) {
                System.setProperty("org.slf4j.simpleLogger." + logger, "info");
            }
        }
        if (loaderThreads < 1) {
            throw new UsageException("--loader-threads must be at least 1, got " + loaderThreads);
        }
        if (threads != null) {
            if (threads < 1) {
                throw new UsageException("--threads must be at least 1, got " + threads);
            }
            System.setProperty("ai.djl.pytorch.num_threads", String.valueOf(threads));
            System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
        }
        Precision.parse(precisionName).apply(ComputeDevice.parse(deviceName));
        // last: asking whether a GPU exists starts the engine, which reads the settings above once
        device = ComputeDevice.require(deviceName);
        if (!verbose) {
            LibtorchLog.errorsOnly();
        }
    }

    /** The device every model and training run of the command uses; known once {@link #apply} ran. */
    Device device() {
        return device;
    }
}

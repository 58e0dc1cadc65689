package org.mvdcn.cli;

import org.mvdcn.UsageException;
import picocli.CommandLine.Option;

/** Options every compute command shares; applied before the engine starts. */
public final class EngineOptions {

    @Option(names = "--threads", paramLabel = "N",
            description = "CPU threads for the network (default: all cores).")
    Integer threads;

    @Option(names = "--loader-threads", defaultValue = "1", paramLabel = "N",
            description = "Background threads decoding and preparing images (train, evaluate).")
    int loaderThreads;

    /** Sets libtorch's thread count (before the first NDManager is created). */
    void apply() {
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
    }
}

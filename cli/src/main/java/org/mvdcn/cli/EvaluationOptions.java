package org.mvdcn.cli;

import org.mvdcn.UsageException;
import picocli.CommandLine.Option;

/** How a model is evaluated (SPEC section 5): what evaluate and the studies share. */
public final class EvaluationOptions {

    @Option(names = "--crops", defaultValue = "10", description = "Random crop sets averaged per test exam.")
    int crops;

    @Option(names = "--bootstrap", defaultValue = "1000", description = "Bootstrap resamples for the 95%% intervals.")
    int bootstrap;

    void check() {
        if (crops < 1 || bootstrap < 1) {
            throw new UsageException("--crops and --bootstrap must be at least 1, got " + crops + " and " + bootstrap);
        }
    }
}

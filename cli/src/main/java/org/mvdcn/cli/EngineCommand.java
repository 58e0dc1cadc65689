package org.mvdcn.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * A command that runs the network: its engine options are applied before the command body, so
 * before anything creates an NDManager (libtorch reads its thread count once).
 */
abstract class EngineCommand implements Callable<Integer> {

    @Mixin
    EngineOptions engine;

    @Spec
    CommandSpec spec;

    @Override
    public final Integer call() throws Exception {
        engine.apply();
        return run(spec.commandLine().getOut(), spec.commandLine().getErr());
    }

    /** The command's work; results on {@code console}, notes and progress on {@code err}. */
    abstract int run(PrintWriter console, PrintWriter err) throws Exception;
}

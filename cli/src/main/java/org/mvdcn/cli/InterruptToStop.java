package org.mvdcn.cli;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import org.mvdcn.ExitCodes;
import sun.misc.Signal;

/**
 * Ctrl-C (SIGINT) during training: the first one lets the current step finish and a checkpoint
 * be written (a paper-scale epoch is a day on a CPU: stopping must not cost it), the second ends
 * the process at once. sun.misc.Signal is the JDK's only way to catch a signal without ending the
 * JVM; a shutdown hook cannot wait for the step.
 */
final class InterruptToStop implements BooleanSupplier {

    private final AtomicBoolean requested = new AtomicBoolean();

    /** Installs the handler for this process. */
    static InterruptToStop install() {
        InterruptToStop stop = new InterruptToStop();
        Signal.handle(new Signal("INT"), signal -> {
            if (stop.requested.getAndSet(true)) {
                Runtime.getRuntime().halt(ExitCodes.INTERRUPTED);
            }
            System.err.println();
            System.err.println("mvdcn: stopping after this step and writing a checkpoint (Ctrl-C again to quit at once)");
        });
        return stop;
    }

    @Override
    public boolean getAsBoolean() {
        return requested.get();
    }
}

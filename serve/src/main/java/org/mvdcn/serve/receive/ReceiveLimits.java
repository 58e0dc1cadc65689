package org.mvdcn.serve.receive;

import java.time.Duration;
import org.mvdcn.UsageException;

/**
 * What one caller may take of the node: how long an association may stay silent (a sender that
 * stops mid-object would otherwise hold a thread and a half-written file for ever) and how many
 * associations may be open at once (each holds a thread; beyond this a caller is told to come back
 * later, PS3.8's "local limit exceeded").
 */
public record ReceiveLimits(Duration idle, int associations) {

    /** A minute of silence (dcmtk's storescp waits 30 s for a PDU during establishment); 32 associations. */
    public static ReceiveLimits defaults() {
        return new ReceiveLimits(Duration.ofSeconds(60), 32);
    }

    public ReceiveLimits {
        if (idle.isNegative() || idle.isZero()) {
            throw new UsageException("--idle-seconds must be positive, got " + idle.toMillis() / 1000.0);
        }
        if (associations < 1) {
            throw new UsageException("--max-associations must be at least 1, got " + associations);
        }
    }
}

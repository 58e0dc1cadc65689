package org.mvdcn.serve;

import java.util.Locale;

/**
 * The node's loops, each counted as it completes a pass ({@link NodeMetrics#passed}): a stalled
 * loop shows as a count that stops, and whoever asks "did anything happen after X" can wait for a
 * pass that began after X instead of for some time.
 */
public enum NodeLoop {
    /** Queues the studies that went quiet and computes the queued ones. */
    COMPUTE,
    /** Sends the results that are due. */
    SEND,
    /** Asks the DICOMweb server for new studies (only with --dicomweb). */
    POLL;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}

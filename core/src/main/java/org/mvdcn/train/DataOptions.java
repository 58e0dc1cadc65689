package org.mvdcn.train;

import org.mvdcn.UsageException;

/**
 * Which exams a run trains on and how they are read.
 *
 * @param fraction share of the training patients used (the data-size study uses 0.1 .. 1)
 * @param threads loader threads
 * @param skipBad skip exams with unreadable images instead of stopping
 */
public record DataOptions(double fraction, int threads, boolean skipBad) {

    public DataOptions {
        if (!(fraction > 0 && fraction <= 1) || threads < 1) {
            throw new UsageException("need --fraction in (0, 1] and at least one loader thread, got " + fraction + " and " + threads);
        }
    }
}

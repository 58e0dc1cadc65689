package org.mvdcn.cli;

import java.io.PrintStream;

/** One self-overwriting status line on stderr: done/total, rate and ETA; quiet when stderr is not a terminal-like stream. */
final class ProgressLine {

    private final String what;
    private final String unit;
    private final int total;
    private final long start = System.nanoTime();
    private final PrintStream err = System.err;
    private long lastPrint;

    ProgressLine(String what, String unit, int total) {
        this.what = what;
        this.unit = unit;
        this.total = total;
    }

    synchronized void update(int done) {
        long now = System.nanoTime();
        if (done < total && now - lastPrint < 250_000_000L) {
            return;
        }
        lastPrint = now;
        double seconds = (now - start) / 1e9;
        double rate = done / Math.max(seconds, 1e-9);
        double eta = rate > 0 ? (total - done) / rate : Double.NaN;
        err.printf("\r%s %d/%d %s, %.1f %s/s, ETA %.0f s   ", what, done, total, unit, rate, unit, eta);
        if (done >= total) {
            err.println();
        }
        err.flush();
    }
}

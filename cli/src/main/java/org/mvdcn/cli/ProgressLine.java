package org.mvdcn.cli;

import java.io.PrintStream;

/**
 * Progress on stderr: done/total, rate and ETA. On a terminal one self-overwriting line, four
 * times a second; in a log (no console) a plain line every ten seconds.
 */
final class ProgressLine {

    private final String what;
    private final String unit;
    private final long start = System.nanoTime();
    private final PrintStream err = System.err;
    private long lastPrint;

    ProgressLine(String what, String unit) {
        this.what = what;
        this.unit = unit;
    }

    static final boolean TERMINAL = System.console() != null;

    /** Whether a progress display last printed at {@code lastPrint} should print again now. */
    static boolean due(long lastPrint, long now, boolean finished) {
        return finished || now - lastPrint >= (TERMINAL ? 250_000_000L : 10_000_000_000L);
    }

    synchronized void update(int done, int total) {
        long now = System.nanoTime();
        if (!due(lastPrint, now, done >= total)) {
            return;
        }
        lastPrint = now;
        double seconds = (now - start) / 1e9;
        double rate = done / Math.max(seconds, 1e-9);
        double eta = rate > 0 ? (total - done) / rate : Double.NaN;
        err.printf("%s%s %d/%d %s, %.1f %s/s, ETA %.0f s   ", TERMINAL ? "\r" : "", what, done, total, unit, rate, unit, eta);
        if (done >= total || !TERMINAL) {
            err.println();
        }
        err.flush();
    }
}

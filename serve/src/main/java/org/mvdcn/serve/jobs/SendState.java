package org.mvdcn.serve.jobs;

/**
 * Where a finished study's result objects stand on their way back to the PACS. A failed send is
 * never given up: it stays RETRYING with its attempts and last error until it goes through.
 */
public enum SendState {
    /** Nothing to send (not done yet, or no destination configured). */
    NONE,
    PENDING,
    RETRYING,
    SENT;

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    static SendState of(String label) {
        return valueOf(label.toUpperCase(java.util.Locale.ROOT));
    }
}

package org.mvdcn.serve;

/** A value a caller sent, as the log may show it: printable ASCII only (no forged log lines), and not without end. */
public final class CallerText {

    private static final int MAX = 80;

    private CallerText() {}

    public static String printable(String value) {
        StringBuilder out = new StringBuilder(Math.min(value.length(), MAX + 1));
        value.chars().limit(MAX).forEach(c -> out.append(c >= 0x20 && c < 0x7f ? (char) c : '?'));
        return value.length() > MAX ? out + "... (" + value.length() + " characters)" : out.toString();
    }
}

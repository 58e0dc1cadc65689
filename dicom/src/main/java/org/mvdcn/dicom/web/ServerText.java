package org.mvdcn.dicom.web;

/** A server's answer as one line for an error message: its JSON or HTML error pages run over many lines. */
final class ServerText {

    private static final int LIMIT = 500;

    private ServerText() {}

    static String of(String body) {
        String line = body.strip().replaceAll("\\s+", " ");
        if (line.isEmpty()) {
            return "(empty answer)";
        }
        return line.length() <= LIMIT ? line : line.substring(0, LIMIT) + "...";
    }
}

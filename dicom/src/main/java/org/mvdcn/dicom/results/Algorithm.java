package org.mvdcn.dicom.results;

import java.util.Objects;

/**
 * Who produced a result, as the result objects name it.
 *
 * @param name the algorithm's name, e.g. {@code mvdcn}
 * @param version the weights' SHA-256 (64 hex digits): the same code with other weights is another algorithm version
 * @param softwareVersion mvdcn's own version
 */
public record Algorithm(String name, String version, String softwareVersion) {

    /** DICOM's LO values hold 64 characters; the name also heads series descriptions, so it gets less. */
    private static final int MAX_NAME = 24;
    private static final int MAX_LO = 64;

    public Algorithm {
        check("name", name, MAX_NAME);
        check("version", version, MAX_LO);
        check("software version", softwareVersion, MAX_LO);
    }

    private static void check(String what, String value, int max) {
        Objects.requireNonNull(value, what);
        if (value.isBlank() || value.length() > max) {
            throw new IllegalArgumentException("algorithm " + what + " '" + value + "' must have 1 to " + max + " characters");
        }
    }
}

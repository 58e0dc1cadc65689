package org.mvdcn.dicom;

import java.util.regex.Pattern;

/**
 * The grammar of a DICOM UID (PS3.5 9.1): dot-separated components of digits, no component empty
 * or with a leading zero, at most 64 characters. A value that passes can name a file or a folder:
 * it holds no separator, no "..", nothing but digits and single dots between them.
 */
public final class DicomUid {

    private static final Pattern GRAMMAR = Pattern.compile("(0|[1-9][0-9]*)(\\.(0|[1-9][0-9]*))*");
    public static final int MAX_LENGTH = 64;

    private DicomUid() {}

    public static boolean isValid(String uid) {
        return uid != null && uid.length() <= MAX_LENGTH && GRAMMAR.matcher(uid).matches();
    }
}

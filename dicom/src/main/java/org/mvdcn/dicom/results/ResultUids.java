package org.mvdcn.dicom.results;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import org.mvdcn.io.Sha256;

/**
 * UIDs derived from what a result is about instead of drawn at random: the same study scored by
 * the same algorithm version gets the same series and instance UIDs, so a resend is a duplicate
 * the PACS recognises, never a second copy of the result beside the first.
 */
public final class ResultUids {

    /** PS3.5 B.2: a 128-bit number under 2.25 needs no registered organisation root. */
    private static final String ROOT = "2.25.";

    private ResultUids() {}

    /**
     * "2.25." and, as an unsigned decimal, the first 16 bytes of SHA-256 over the parts joined by
     * NUL (no UID or version contains one, so ("1.2", "3") and ("1", "2.3") give different UIDs).
     */
    public static String derive(String... parts) {
        if (parts.length == 0) {
            throw new IllegalArgumentException("a UID is derived from at least one part");
        }
        String sha = Sha256.of(String.join("\0", parts).getBytes(StandardCharsets.UTF_8));
        return ROOT + new BigInteger(sha.substring(0, 32), 16);
    }
}

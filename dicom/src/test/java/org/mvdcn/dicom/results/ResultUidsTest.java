package org.mvdcn.dicom.results;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ResultUidsTest {

    @Test
    void isTheFirst128BitsOfTheSha256OfThePartsAsA225Uid() throws Exception {
        byte[] sha = MessageDigest.getInstance("SHA-256").digest("1.2.3\0abc\0sr".getBytes(StandardCharsets.UTF_8));
        String expected = "2.25." + new BigInteger(1, Arrays.copyOf(sha, 16));
        assertThat(ResultUids.derive("1.2.3", "abc", "sr")).isEqualTo(expected);
    }

    @Test
    void isAValidUidOfAtMost64Characters() {
        for (String study : new String[] {"1", "1.2.826.0.1.3680043.10.1234.1", "9".repeat(64)}) {
            String uid = ResultUids.derive(study, "0".repeat(64), "sc", "series");
            assertThat(uid).matches("2\\.25\\.(0|[1-9][0-9]*)").hasSizeLessThanOrEqualTo(64);
        }
    }

    @Test
    void partsAreNotMerelyConcatenated() {
        assertThat(ResultUids.derive("1.2", "3")).isNotEqualTo(ResultUids.derive("1", "2.3"));
        assertThat(ResultUids.derive("1.2", "3")).isEqualTo(ResultUids.derive("1.2", "3"));
    }

    @Test
    void needsAPart() {
        assertThatThrownBy(ResultUids::derive).isInstanceOf(IllegalArgumentException.class);
    }
}

package org.mvdcn.dicom;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DicomUidTest {

    @Test
    void uidsPassAndPathsLongValuesAndMalformedOnesDoNot() {
        assertThat(DicomUid.isValid("1.2.840.10008.5.1.4.1.1.1.2")).isTrue();
        assertThat(DicomUid.isValid("0.1.2")).isTrue();
        assertThat(DicomUid.isValid("1." + "2".repeat(62))).as("64 characters").isTrue();
        for (String bad : new String[] {"", ".", "..", "../../tmp/x", "1..2", "1.2.", ".1.2", "1.02", "1/2", "1.2\u0000",
            "1." + "2".repeat(63), "１.２", "1.2 ", "1.2\n3"}) {
            assertThat(DicomUid.isValid(bad)).as("'%s'", bad).isFalse();
        }
        assertThat(DicomUid.isValid(null)).isFalse();
    }
}

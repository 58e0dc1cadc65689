package org.mvdcn.dicom.results;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class AlgorithmTest {

    @Test
    void refusesValuesTheDicomAttributesCannotHold() {
        assertThatThrownBy(() -> new Algorithm("", "a".repeat(64), "0.1")).hasMessageContaining("name");
        assertThatThrownBy(() -> new Algorithm("mvdcn", "a".repeat(65), "0.1")).hasMessageContaining("1 to 64");
        assertThatThrownBy(() -> new Algorithm("mvdcn", "a".repeat(64), null)).isInstanceOf(NullPointerException.class);
    }
}

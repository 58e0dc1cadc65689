package org.mvdcn.dicom.results;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class CadReportContentTest {

    @Test
    void numbersFitADecimalStringAndKeepTenSignificantDigits() {
        double[] values = {0, 1, 0.2, 1.0 / 3, 2.5e-7, 1e-12, 4.9e-300, 99.99999999999, 100 * 0.7, Math.log(3)};
        for (double v : values) {
            String ds = CadReportContent.decimalString(v);
            assertThat(ds).as("%s", v).hasSizeLessThanOrEqualTo(16).matches("[0-9.E+-]+");
            assertThat(Double.parseDouble(ds)).as(ds).isCloseTo(v, within(Math.abs(v) * 1e-9));
        }
        assertThat(CadReportContent.decimalString(100 * 0.7)).isEqualTo("70");
    }
}

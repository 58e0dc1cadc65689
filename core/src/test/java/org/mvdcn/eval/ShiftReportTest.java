package org.mvdcn.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mvdcn.BadInputException;
import org.mvdcn.TestData;
import org.mvdcn.ood.ImageShift;

/** The shift detection record a run keeps: its file read and written back, and its table. */
class ShiftReportTest {

    static final Path FIXTURE = TestData.resource("ood-shifts/ood-shifts.json");

    @Test
    void theFileReadsBackAsWritten(@TempDir Path dir) throws Exception {
        ShiftReport read = ShiftReport.read(FIXTURE);
        assertThat(read.shiftSeeds()).containsExactly(1L, 2L);
        assertThat(read.results()).hasSize(4).first()
                .isEqualTo(new ShiftDetection.Result(ImageShift.INVERTED, 1, 1.0, 1.0, 12.8));
        Path copy = dir.resolve("ood-shifts.json");
        read.write(copy);
        assertThat(ShiftReport.read(copy)).isEqualTo(read);
        assertThat(Files.readString(copy)).contains("\"model_sha256\"", "\"false_alarms\"", "\"family\" : \"NOISE\"",
                "\"median_score\"");
    }

    @Test
    void theTableGivesEachFamilysLowestFiguresOverTheSeeds() {
        assertThat(ShiftReport.read(FIXTURE).markdown())
                .contains("False alarms: 1 of the 20 unshifted (in-distribution) test exams flagged (5.0%) at the threshold 1.35")
                .contains("shift seeds 1, 2")
                .contains("| intensities inverted | 0.980 | 90% | 11.2 |")
                .contains("| Gaussian noise, 10% of the range | 0.995 | 95% | 40.1 |");
    }

    @Test
    void anUnreadableFileIsNamed(@TempDir Path dir) throws Exception {
        Path bad = dir.resolve("ood-shifts.json");
        Files.writeString(bad, "{\"results\": [{\"family\": \"SIDEWAYS\"}]}");
        assertThatThrownBy(() -> ShiftReport.read(bad)).isInstanceOf(BadInputException.class)
                .hasMessageStartingWith(bad + ": no readable shift detection record");
    }
}

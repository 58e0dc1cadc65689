package org.mvdcn.exam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mvdcn.BadInputException;
import org.mvdcn.TestData;

class PngMammogramReaderTest {

    @TempDir
    Path dir;

    private final PngMammogramReader reader = new PngMammogramReader();

    @Test
    void readsSixteenBitValuesExactly() throws Exception {
        Path file = TestImages.grey16(dir.resolve("a.png"), 7, 5, (y, x) -> 1000 * y + 37 * x + 59000 * (y == 6 && x == 4 ? 1 : 0));
        Mammogram m = reader.read(file);
        assertThat(m.height()).isEqualTo(7);
        assertThat(m.width()).isEqualTo(5);
        assertThat(m.at(3, 2)).isEqualTo(3074f);
        assertThat(m.at(6, 4)).isEqualTo(6000f + 148f + 59000f);
    }

    @Test
    void readsTheRealEightBitSampleExam() {
        Mammogram m = reader.read(TestData.sampleExam().resolve("L-CC.png"));
        assertThat(m.height()).isEqualTo(2600);
        assertThat(m.width()).isEqualTo(2000);
        float max = 0;
        for (float v : m.pixels()) {
            max = Math.max(max, v);
        }
        assertThat(max).isBetween(128f, 255f);
    }

    @Test
    void acceptsGreyStoredAsRgb() throws Exception {
        Path file = TestImages.rgb(dir.resolve("grey-rgb.png"), 4, 4, (y, x) -> (y * 40 + x) * 0x010101);
        assertThat(reader.read(file).at(2, 3)).isEqualTo(83f);
    }

    @Test
    void refusesColour() throws Exception {
        Path file = TestImages.rgb(dir.resolve("colour.png"), 4, 4, (y, x) -> y == 2 && x == 1 ? 0xff0000 : 0x101010);
        assertThatThrownBy(() -> reader.read(file))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining("colour.png")
                .hasMessageContaining("colour PNG")
                .hasMessageContaining("row 2, column 1");
    }

    @Test
    void refusesTruncatedPng() throws Exception {
        byte[] whole = Files.readAllBytes(TestData.sampleExam().resolve("R-CC.png"));
        Path file = Files.write(dir.resolve("R-CC.png"), Arrays.copyOf(whole, whole.length / 2));
        assertThatThrownBy(() -> reader.read(file))
                .isInstanceOf(BadInputException.class)
                .hasMessageStartingWith(file.toString())
                .hasMessageContaining("truncated");
    }

    @Test
    void refusesFilesThatAreNotPng() throws Exception {
        Path file = Files.writeString(dir.resolve("L-MLO.png"), "this is not an image");
        assertThatThrownBy(() -> reader.read(file))
                .isInstanceOf(BadInputException.class)
                .hasMessage(file + ": not a PNG file (bad signature)");
    }
}

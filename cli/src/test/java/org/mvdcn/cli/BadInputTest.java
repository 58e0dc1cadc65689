package org.mvdcn.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mvdcn.TestData;
import org.mvdcn.exam.TestImages;

/** Every refusal: exit code 2 and one line on stderr that names the file and the problem. */
class BadInputTest {

    @TempDir
    Path dir;

    private Path exam() throws Exception {
        return TestImages.copyOfExam(TestData.sampleExam(), dir.resolve("exam"));
    }

    private static CommandRunner predict(Path exam, Path weights) {
        return CommandRunner.run("predict", "--exam", exam.toString(), "--weights", weights.toString());
    }

    private static Path goodWeights() {
        return TestData.resource("parity/full.safetensors");
    }

    private static void assertRefused(CommandRunner r, String expectedLine) {
        assertRefused(r, expectedLine, 65);
    }

    /** 65: bad input data; 66: a missing input file (sysexits.h, as the README documents). */
    private static void assertRefused(CommandRunner r, String expectedLine, int exitCode) {
        assertThat(r.exitCode()).isEqualTo(exitCode);
        assertThat(r.error()).isEqualTo("mvdcn: " + expectedLine);
        assertThat(r.out()).isEmpty();
    }

    @Test
    void missingView() throws Exception {
        Path exam = exam();
        Files.delete(exam.resolve("L-MLO.png"));
        assertRefused(predict(exam, goodWeights()), exam + ": missing view L-MLO.png");
    }

    @Test
    void truncatedPng() throws Exception {
        Path exam = exam();
        Path view = exam.resolve("R-CC.png");
        byte[] bytes = Files.readAllBytes(view);
        Files.write(view, Arrays.copyOf(bytes, bytes.length / 3));
        CommandRunner r = predict(exam, goodWeights());
        assertThat(r.exitCode()).isEqualTo(65);
        assertThat(r.error()).startsWith("mvdcn: " + view + ": unreadable or truncated PNG").doesNotContain("\n");
    }

    @Test
    void colourPng() throws Exception {
        Path exam = exam();
        Path view = exam.resolve("L-CC.png");
        TestImages.rgb(view, 40, 30, (y, x) -> y > 20 ? 0x00ff00 : 0x202020);
        assertRefused(predict(exam, goodWeights()),
                view + ": colour PNG (pixel at row 21, column 0 has R,G,B = 0,255,0); a mammogram must be grayscale");
    }

    @Test
    void constantImage() throws Exception {
        Path exam = exam();
        Path view = exam.resolve("R-MLO.png");
        TestImages.grey16(view, 50, 40, (y, x) -> 1234);
        assertRefused(predict(exam, goodWeights()),
                view + ": constant image (every pixel is 1234.0, standard deviation 0): nothing to standardise");
    }

    @Test
    void missingWeights() throws Exception {
        Path weights = dir.resolve("absent.pt");
        assertRefused(predict(TestData.sampleExam(), weights), weights + ": weights file not found", 66);
    }

    @Test
    void truncatedWeights() throws Exception {
        byte[] bytes = Files.readAllBytes(TestData.resource("parity/full-legacy.pt"));
        Path weights = Files.write(dir.resolve("model.pt"), Arrays.copyOf(bytes, bytes.length - 1000));
        assertRefused(predict(TestData.sampleExam(), weights), weights + ": torch.save (legacy) file is truncated");
    }

    @Test
    void nanInWeights() throws Exception {
        byte[] bytes = Files.readAllBytes(goodWeights());
        // the last float of the file belongs to the last tensor written
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putFloat(bytes.length - 4, Float.NaN);
        Path weights = Files.write(dir.resolve("nan.safetensors"), bytes);
        CommandRunner r = predict(TestData.sampleExam(), weights);
        assertThat(r.exitCode()).isEqualTo(65);
        assertThat(r.error()).startsWith("mvdcn: " + weights + ": weights contain non-finite values: ").endsWith("is NaN");
    }
}

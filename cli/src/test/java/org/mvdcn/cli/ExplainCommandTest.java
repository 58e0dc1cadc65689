package org.mvdcn.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mvdcn.TestData;
import org.mvdcn.exam.View;

class ExplainCommandTest {

    @TempDir
    Path dir;

    @Test
    void predictWithExplainWritesEveryViewsMapAndThePanel() throws Exception {
        Path out = dir.resolve("saliency");
        CommandRunner r = CommandRunner.run("predict", "--exam", TestData.sampleExam().toString(),
                "--weights", TestData.resource("parity/full-zip.pt").toString(),
                "--explain", out.toString(), "--json");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("\"BI-RADS 0\":0.4653");
        for (View v : View.values()) {
            // 128-byte npy header + 2600 x 2000 float32
            assertThat(Files.size(out.resolve(v.label() + "-saliency.npy"))).isEqualTo(128 + 2600L * 2000 * 4);
            assertThat(ImageIO.read(out.resolve(v.label() + "-saliency.png").toFile()).getWidth()).isEqualTo(2000);
        }
        assertThat(ImageIO.read(out.resolve("saliency-panel.png").toFile())).isNotNull();
    }

    @Test
    void explainRefusesBadInputLikePredict() throws Exception {
        Path missing = dir.resolve("no-exam");
        CommandRunner r = CommandRunner.run("explain", "--exam", missing.toString(),
                "--weights", TestData.resource("parity/full.safetensors").toString(), "--out", dir.resolve("o").toString());
        assertThat(r.exitCode()).as("a missing input file").isEqualTo(66);
        assertThat(r.error()).isEqualTo("mvdcn: " + missing + ": exam folder not found");
        assertThat(dir.resolve("o")).doesNotExist();
    }
}

package org.mvdcn.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code synth}'s finding mix and reader noise, through the command line. */
class SynthCommandTest {

    @TempDir
    Path dir;

    @Test
    void aPositiveControlCohortWithReaderNoiseWritesItsTruth() throws Exception {
        CommandRunner synth = CommandRunner.run("synth", "--out", dir.toString(), "--patients", "40", "--scale", "0.05", "--seed", "4",
                "--finding-mix", "fine-calcifications=1", "--reader-noise", "20", "--overcall", "0.3", "--contrast", "4");
        assertThat(synth.exitCode()).as(synth.err()).isZero();
        assertThat(synth.out()).contains("findings fine-calcifications=1.0,benign-calcifications=0.5,circumscribed-mass=0.5")
                .contains("reader noise, half the calls wrong at detectability 20.0, normal exams overcalled 0.3");
        List<String> truth = Files.readAllLines(dir.resolve("truth.csv"));
        assertThat(truth.get(0)).isEqualTo("exam_id,true_label,recorded_label");
        // with a third of the normal exams overcalled, some recorded labels differ; only a normal or faint exam's can
        assertThat(truth.subList(1, truth.size())).anySatisfy(row -> assertThat(row.split(",")[1]).isNotEqualTo(row.split(",")[2]))
                .allSatisfy(row -> assertThat(row).doesNotMatch(".*,2,[01]"));
    }

    @Test
    void readerNoiseWithAnExplicitFlipOrABadMixIsAUsageError() {
        CommandRunner both = CommandRunner.run("synth", "--out", dir.toString(), "--patients", "4", "--reader-noise", "20", "--flip", "0.1");
        assertThat(both.exitCode()).isEqualTo(64);
        assertThat(both.error()).contains("reader noise replaces the uniform flips");
        CommandRunner mix = CommandRunner.run("synth", "--out", dir.toString(), "--patients", "4", "--finding-mix", "fine-calcifications=0.5");
        assertThat(mix.exitCode()).isEqualTo(64);
        assertThat(mix.error()).contains("shares of the BI-RADS 0 kinds must add up to 1");
    }

    @Test
    void aLabelMixAndASmallerFieldShowInTheManifestAndTheImages() throws Exception {
        CommandRunner synth = CommandRunner.run("synth", "--out", dir.toString(), "--patients", "30", "--scale", "0.1", "--seed", "4",
                "--label-mix", "0.8,0.1,0.1", "--field", "0.5");
        assertThat(synth.exitCode()).as(synth.err()).isZero();
        assertThat(synth.out()).contains("classes drawn 0.8,0.1,0.1 (BI-RADS 0,1,2), field 0.5");
        List<String> truth = Files.readAllLines(dir.resolve("truth.csv"));
        long drawnZero = truth.stream().skip(1).filter(row -> row.split(",")[1].equals("0")).count();
        // about 57 exams, 80% drawn BI-RADS 0: a binomial standard deviation of about 3 exams
        assertThat(drawnZero / (double) (truth.size() - 1)).isBetween(0.6, 0.95);
        try (var images = Files.walk(dir)) {
            for (Path png : images.filter(p -> p.toString().endsWith(".png")).limit(8).toList()) {
                java.awt.image.BufferedImage image = javax.imageio.ImageIO.read(png.toFile());
                // 2600 x 2000 times scale 0.1 times field 0.5, within the generator's 0.9-1.12 spread
                assertThat(image.getHeight()).as(png.toString()).isBetween(117, 146);
                assertThat(image.getWidth()).as(png.toString()).isBetween(90, 112);
            }
        }
        CommandRunner badMix = CommandRunner.run("synth", "--out", dir.toString(), "--patients", "4", "--label-mix", "0.5,0.6,0");
        assertThat(badMix.exitCode()).isEqualTo(64);
        assertThat(badMix.error()).isEqualTo("mvdcn: label mix: the shares must add up to 1, got 0.5,0.6,0.0");
        CommandRunner badField = CommandRunner.run("synth", "--out", dir.toString(), "--patients", "4", "--field", "1.5");
        assertThat(badField.exitCode()).isEqualTo(64);
        assertThat(badField.error()).contains("0 < field <= 1");
    }
}

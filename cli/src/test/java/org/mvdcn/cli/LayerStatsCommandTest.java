package org.mvdcn.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Training with --layer-stats-every writes the measurements; layer-stats draws runs side by side. */
class LayerStatsCommandTest {

    @TempDir
    Path dir;

    @Test
    void runsTrainedWithLayerStatisticsAreDrawnTogether() throws Exception {
        Path cohort = dir.resolve("cohort");
        assertThat(CommandRunner.run("synth", "--out", cohort.toString(), "--patients", "30", "--scale", "0.05").exitCode()).isZero();
        Path glorot = dir.resolve("glorot");
        Path he = dir.resolve("he");
        for (Path run : new Path[] {glorot, he}) {
            CommandRunner train = CommandRunner.run("train", "--manifest", cohort.resolve("manifest.csv").toString(), "--out",
                    run.toString(), "--epochs", "1", "--lr", "1e-3", "--width", "0.25", "--crop", "120x90", "--layer-stats-every", "2",
                    "--init", run.getFileName().toString());
            assertThat(train.exitCode()).as(train.err()).isZero();
            assertThat(Files.readAllLines(run.resolve("layer-stats.csv")).get(0)).startsWith("step,epoch,layer,pre_std,mean,std");
            assertThat(ImageIO.read(run.resolve("layer-stats.png").toFile())).isNotNull();
        }
        Path figure = dir.resolve("both.png");
        CommandRunner draw = CommandRunner.run("layer-stats", "--out", figure.toString(), glorot.toString(), he.toString());
        assertThat(draw.exitCode()).as(draw.err()).isZero();
        BufferedImage image = ImageIO.read(figure.toFile());
        assertThat(image.getWidth()).isEqualTo(900);
        assertThat(image.getHeight()).isEqualTo(900);

        CommandRunner none = CommandRunner.run("layer-stats", "--out", dir.resolve("x.png").toString(), cohort.toString());
        assertThat(none.exitCode()).isEqualTo(66);
        assertThat(none.err()).contains(cohort.resolve("layer-stats.csv").toString())
                .contains("layer statistics (a run trained with --layer-stats-every N) not found");
    }
}

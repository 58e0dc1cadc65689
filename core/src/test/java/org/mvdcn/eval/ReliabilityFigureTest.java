package org.mvdcn.eval;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mvdcn.calibration.CalibrationMetrics;

class ReliabilityFigureTest {

    @TempDir
    Path dir;

    @Test
    void drawsBeforeAndAfterOrTheRawCurveAlone() throws Exception {
        double[][] p = {{0.9, 0.05, 0.05}, {0.6, 0.3, 0.1}, {0.4, 0.35, 0.25}};
        int[] labels = {0, 1, 0};
        Path both = dir.resolve("both.png");
        ReliabilityFigure.write(both, "test", CalibrationMetrics.reliability(p, labels), CalibrationMetrics.reliability(p, labels),
                1.5);
        Path raw = dir.resolve("raw.png");
        ReliabilityFigure.write(raw, "test", CalibrationMetrics.reliability(p, labels), null, null);
        for (Path file : new Path[] {both, raw}) {
            BufferedImage image = ImageIO.read(file.toFile());
            assertThat(image.getWidth()).isEqualTo(ReliabilityFigure.WIDTH);
            assertThat(image.getHeight()).isEqualTo(ReliabilityFigure.HEIGHT);
        }
    }
}

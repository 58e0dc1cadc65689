package org.mvdcn.explain;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.awt.image.BufferedImage;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mvdcn.exam.ExamImages;
import org.mvdcn.exam.View;
import org.mvdcn.predict.Prediction;

class SaliencyReportTest {

    @TempDir
    Path dir;

    @Test
    void writesMapsThatDecodeAndOverlaysThatShowThem() throws Exception {
        ExamImages exam = SaliencyExplainerTest.exam(60, 40, false);
        Map<View, float[]> maps = new EnumMap<>(View.class);
        for (View v : View.values()) {
            float[] m = new float[60 * 40];
            for (int y = 0; y < 60; y++) {
                for (int x = 0; x < 40; x++) {
                    // one hot square at rows 20..29, columns 5..14; a faint ramp elsewhere
                    m[y * 40 + x] = (y >= 20 && y < 30 && x >= 5 && x < 15) ? 1f : 1e-4f * x;
                }
            }
            maps.put(v, m);
        }
        double[] p = {0.2, 0.5, 0.3};
        SaliencyReport.write(new SaliencyMaps(exam, maps, new Prediction(p, Prediction.entropy(p), 1, 0.1)), dir);

        try (NDManager manager = NDManager.newBaseManager();
                InputStream in = Files.newInputStream(dir.resolve("L-MLO-saliency.npy"))) {
            NDArray decoded = NDList.decode(manager, in).singletonOrThrow(); // DJL's own npy reader
            assertThat(decoded.getDataType()).isEqualTo(DataType.FLOAT32);
            assertThat(decoded.getShape()).isEqualTo(new Shape(60, 40));
            assertThat(decoded.toFloatArray()).containsExactly(maps.get(View.L_MLO));
        }
        BufferedImage overlay = ImageIO.read(dir.resolve("R-CC-saliency.png").toFile());
        assertThat(overlay.getWidth()).isEqualTo(40);
        assertThat(overlay.getHeight()).isEqualTo(60);
        int hot = overlay.getRGB(10, 25);
        int cold = overlay.getRGB(35, 55);
        assertThat((hot >> 16) & 0xff).as("red in the hot square").isGreaterThan(((hot >> 8) & 0xff) + 100);
        assertThat((cold >> 16) & 0xff).as("grey where the map is weak").isEqualTo((cold >> 8) & 0xff);
        BufferedImage panel = ImageIO.read(dir.resolve(SaliencyReport.PANEL).toFile());
        assertThat(panel.getWidth()).isEqualTo(800);
        assertThat(panel.getHeight()).isEqualTo(64 + 2 * 600);
        assertThat(Files.getPosixFilePermissions(dir.resolve(SaliencyReport.PANEL)))
                .contains(java.nio.file.attribute.PosixFilePermission.OTHERS_READ);
    }

    @Test
    void smallPicturesAreDrawnFromBlockMeansAndStillShowTheMap() {
        ExamImages exam = SaliencyExplainerTest.exam(60, 40, false);
        Map<View, float[]> maps = new EnumMap<>(View.class);
        for (View v : View.values()) {
            float[] m = new float[60 * 40];
            for (int y = 20; y < 30; y++) {
                for (int x = 4; x < 16; x++) {
                    m[y * 40 + x] = 1f;
                }
            }
            maps.put(v, m);
        }
        double[] p = {0.2, 0.5, 0.3};
        SaliencyMaps saliency = new SaliencyMaps(exam, maps, new Prediction(p, Prediction.entropy(p), 1, 0.1));
        BufferedImage small = SaliencyReport.small(saliency, 13, true).get(View.L_CC); // factor 3
        assertThat(small.getWidth()).isEqualTo(13);
        assertThat(small.getHeight()).isEqualTo(20);
        int hot = small.getRGB(3, 8);
        assertThat((hot >> 16) & 0xff).as("red over the hot block").isGreaterThan(((hot >> 8) & 0xff) + 100);
        int alone = SaliencyReport.small(saliency, 13, false).get(View.L_CC).getRGB(3, 8);
        assertThat((alone >> 16) & 0xff).as("grey without the map").isEqualTo((alone >> 8) & 0xff);

        float[] values = new float[6 * 5];
        for (int i = 0; i < values.length; i++) {
            values[i] = i;
        }
        // 2x2 blocks of a 6x5 array: the fifth column is dropped; block (0,0) holds 0, 1, 5, 6
        assertThat(SaliencyOverlay.blockMean(values, 6, 5, 2)).containsExactly(3f, 5f, 13f, 15f, 23f, 25f);
    }

    @Test
    void anOutOfDistributionExamCarriesTheWarningOnItsPanel() {
        Map<View, BufferedImage> overlays = new EnumMap<>(View.class);
        for (View v : View.values()) {
            overlays.put(v, new BufferedImage(40, 60, BufferedImage.TYPE_INT_RGB));
        }
        double[] p = {0.0, 0.0, 1.0};
        BufferedImage plain = SaliencyReport.panel(overlays, new Prediction(p, 0, 1, 0.1));
        BufferedImage flagged = SaliencyReport.panel(overlays, new Prediction(p, 0, 1, 0.1, java.util.OptionalDouble.empty(),
                new org.mvdcn.ood.OodCheck(27.1, 18.5, true, "L-MLO intensities"), java.util.List.of()));
        assertThat(flagged.getHeight()).isEqualTo(plain.getHeight() + 26);
        boolean red = false;
        for (int x = 0; x < flagged.getWidth() && !red; x++) {
            for (int y = 64; y < 90; y++) {
                int rgb = flagged.getRGB(x, y);
                red |= ((rgb >> 16) & 0xff) > 200 && ((rgb >> 8) & 0xff) < 120;
            }
        }
        assertThat(red).as("the warning is drawn in red under the title").isTrue();
    }
}

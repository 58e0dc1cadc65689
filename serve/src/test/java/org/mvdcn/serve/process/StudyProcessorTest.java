package org.mvdcn.serve.process;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.Device;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.time.Clock;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mvdcn.TestData;
import org.mvdcn.dicom.TestDicom;
import org.mvdcn.dicom.results.Algorithm;
import org.mvdcn.exam.View;
import org.mvdcn.predict.TrainedModel;
import org.mvdcn.preprocess.PreprocessingOverrides;
import org.mvdcn.serve.ResultFolder;

class StudyProcessorTest {

    /** Share of a picture's brightness in its left half. */
    private static double leftShare(BufferedImage image) {
        double left = 0;
        double all = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int rgb = image.getRGB(x, y);
                double grey = ((rgb >> 16) & 0xff) + ((rgb >> 8) & 0xff) + (rgb & 0xff);
                all += grey;
                if (x < image.getWidth() / 2) {
                    left += grey;
                }
            }
        }
        return left / all;
    }

    @Test
    void previewsHaveTheChestWallAtTheLeftWhateverTheFilesOrientation(@TempDir Path dir) throws Exception {
        // every view stored mirrored, its chest wall at the right edge as PatientOrientation P says
        Path study = dir.resolve("study");
        TestDicom.sampleExam(study, TestDicom.Spec::displayOrientation);
        try (TrainedModel model = TrainedModel.load(TestData.resource("parity/full.safetensors"), null, PreprocessingOverrides.none(),
                Device.cpu(), n -> { })) {
            ResultFolder results = new ResultFolder(dir.resolve("results"));
            new StudyProcessor(model, new Algorithm("mvdcn", model.sha256(), "test"), 1, 0, Clock.systemUTC()).process(study, results);
            for (View v : View.values()) {
                for (boolean saliency : new boolean[] {false, true}) {
                    BufferedImage preview = ImageIO.read(results.previews().resolve(ResultFolder.previewName(v, saliency)).toFile());
                    assertThat(leftShare(preview)).as("%s%s: brightness in the left half", v, saliency ? " with its map" : "")
                            .isGreaterThan(0.6);
                }
            }
        }
    }
}

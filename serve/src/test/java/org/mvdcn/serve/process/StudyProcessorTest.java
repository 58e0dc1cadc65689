package org.mvdcn.serve.process;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.Device;
import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.TagFromName;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.function.UnaryOperator;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mvdcn.TestData;
import org.mvdcn.dicom.DicomExamFolder;
import org.mvdcn.dicom.TestDicom;
import org.mvdcn.dicom.results.Algorithm;
import org.mvdcn.dicom.results.CadSrContent;
import org.mvdcn.exam.View;
import org.mvdcn.predict.TrainedModel;
import org.mvdcn.preprocess.PreprocessingOverrides;
import org.mvdcn.serve.ResultFolder;

class StudyProcessorTest {

    static TrainedModel model;
    static StudyProcessor processor;

    @BeforeAll
    static void loadTheModel() throws Exception {
        model = TrainedModel.load(TestData.resource("parity/full.safetensors"), null, PreprocessingOverrides.none(), Device.cpu(), n -> { });
        processor = new StudyProcessor(model, new Algorithm("mvdcn", model.sha256(), "test"), 1, 0, Clock.systemUTC());
    }

    @AfterAll
    static void closeTheModel() {
        model.close();
    }

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
        ResultFolder results = new ResultFolder(dir.resolve("results"));
        processor.process(DicomExamFolder.read(study), results);
        for (View v : View.values()) {
            for (boolean saliency : new boolean[] {false, true}) {
                BufferedImage preview = ImageIO.read(results.previews().resolve(ResultFolder.previewName(v, saliency)).toFile());
                assertThat(leftShare(preview)).as("%s%s: brightness in the left half", v, saliency ? " with its map" : "")
                        .isGreaterThan(0.6);
            }
        }
    }

    @Test
    void eachFileIsReadOnceTheResultsComeFromThatReading(@TempDir Path dir) throws Exception {
        Path folder = dir.resolve("study");
        List<Path> files = TestDicom.sampleExam(folder, UnaryOperator.identity());
        DicomExamFolder study = DicomExamFolder.read(folder);
        // the files gone once read: decoding a drawn image, or the SR's or the SC's header, read from a file again would fail
        for (Path f : files) {
            Files.delete(f);
        }
        ResultFolder results = new ResultFolder(dir.resolve("results"));
        StudyProcessor.Result r = processor.process(study, results);
        List<String> read = study.instances(r.images()).values().stream()
                .map(i -> Attribute.getSingleStringValueOrEmptyString(i.attributes(), TagFromName.SOPInstanceUID)).toList();
        assertThat(read).hasSize(4);
        AttributeList sr = new AttributeList();
        sr.read(results.sr().toFile());
        assertThat(CadSrContent.of(sr).imageContext("DCM", "111027").keySet())
                .as("the images the SR speaks of").containsExactlyInAnyOrderElementsOf(read);
        assertThat(results.sc()).isRegularFile();
    }
}

package org.mvdcn.dicom.results;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mvdcn.dicom.results.ResultsTestExam.ALGORITHM;
import static org.mvdcn.dicom.results.ResultsTestExam.WHEN;
import static org.mvdcn.dicom.results.ResultsTestExam.text;

import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.AttributeTag;
import com.pixelmed.dicom.SequenceAttribute;
import com.pixelmed.dicom.TagFromName;
import com.pixelmed.display.SourceImage;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mvdcn.dicom.DicomInstance;
import org.mvdcn.dicom.TestDicom;
import org.mvdcn.exam.View;
import org.mvdcn.predict.Prediction;

class SaliencySecondaryCaptureTest {

    @TempDir
    static Path dir;

    static Map<View, DicomInstance> images;
    static final Prediction PREDICTION = ResultsTestExam.prediction(0.2, 0.7, 0.1);
    /** Odd sizes on purpose: the RGB pixel data then needs its pad byte. */
    static final BufferedImage PANEL = panel(801, 601);
    static Path file;
    static AttributeList written;

    @BeforeAll
    static void writeImage() throws Exception {
        images = ResultsTestExam.write(dir.resolve("exam"));
        file = dir.resolve("sc.dcm");
        DicomFiles.write(SaliencySecondaryCapture.build(PANEL, images, PREDICTION, ALGORITHM, WHEN), file);
        written = ResultsTestExam.read(file);
    }

    /** Colours that differ in every channel from pixel to pixel, so a swapped or shifted channel shows. */
    private static BufferedImage panel(int width, int height) {
        BufferedImage p = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                p.setRGB(x, y, (x % 256) << 16 | (y % 256) << 8 | (x + y) % 251);
            }
        }
        return p;
    }

    @Test
    void dicom3toolsFindsNoErrors() throws Exception {
        assertThat(TestDicom.validationErrors(file)).as("dciodvfy errors").isEmpty();
    }

    @Test
    void decodesToThePanelBelowTheBanner() throws Exception {
        BufferedImage decoded = new SourceImage(file.toString()).getBufferedImage(0);
        int band = NotForDiagnosticUseBanner.height(PANEL.getWidth());
        assertThat(text(written, TagFromName.PhotometricInterpretation)).isEqualTo("RGB");
        assertThat(text(written, TagFromName.SamplesPerPixel)).isEqualTo("3");
        assertThat(decoded.getWidth()).isEqualTo(PANEL.getWidth());
        assertThat(decoded.getHeight()).isEqualTo(PANEL.getHeight() + band);
        for (int y = 0; y < PANEL.getHeight(); y += 7) {
            for (int x = 0; x < PANEL.getWidth(); x += 5) {
                assertThat(decoded.getRGB(x, band + y) & 0xFFFFFF).as("pixel %d,%d", x, y).isEqualTo(PANEL.getRGB(x, y) & 0xFFFFFF);
            }
        }
        assertThat(decoded.getRGB(1, 1) & 0xFFFFFF).isEqualTo(NotForDiagnosticUseBanner.BACKGROUND.getRGB() & 0xFFFFFF);
        assertThat(whitePixels(decoded, band)).as("banner text pixels").isGreaterThan(100);
    }

    @Test
    void saysItIsNotForDiagnosticUse() {
        assertThat(text(written, TagFromName.BurnedInAnnotation)).isEqualTo("YES");
        assertThat(text(written, TagFromName.SeriesDescription).toLowerCase(Locale.ROOT)).contains("not for diagnostic use");
        assertThat(text(written, TagFromName.ImageType)).isEqualTo("DERIVED");
        assertThat(text(written, TagFromName.ImageLaterality)).as("both breasts").isEqualTo("B");
    }

    @Test
    void joinsTheSrsPatientAndStudyInASeriesOfItsOwn() {
        AttributeList sr = MammographyCadSr.build(images, PREDICTION, ALGORITHM, WHEN);
        for (AttributeTag tag : new AttributeTag[] {TagFromName.StudyInstanceUID, TagFromName.PatientID,
            TagFromName.PatientName, TagFromName.AccessionNumber, TagFromName.StudyDate}) {
            assertThat(text(written, tag)).isEqualTo(text(sr, tag)).isNotEmpty();
        }
        assertThat(text(written, TagFromName.SeriesInstanceUID)).isNotEqualTo(text(sr, TagFromName.SeriesInstanceUID));
        assertThat(text(written, TagFromName.SOPClassUID)).isEqualTo("1.2.840.10008.5.1.4.1.1.7");
        SequenceAttribute sources = (SequenceAttribute) written.get(TagFromName.SourceImageSequence);
        assertThat(sources.getNumberOfItems()).isEqualTo(4);
    }

    @Test
    void aResendHasTheSameUids() {
        AttributeList again = SaliencySecondaryCapture.build(panel(40, 30), images, PREDICTION, ALGORITHM, WHEN.plusHours(2));
        assertThat(text(again, TagFromName.SOPInstanceUID)).isEqualTo(text(written, TagFromName.SOPInstanceUID));
        assertThat(text(again, TagFromName.SeriesInstanceUID)).isEqualTo(text(written, TagFromName.SeriesInstanceUID));
    }

    private static int whitePixels(BufferedImage image, int band) {
        int n = 0;
        for (int y = 0; y < band; y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                n += (image.getRGB(x, y) & 0xFFFFFF) == 0xFFFFFF ? 1 : 0;
            }
        }
        return n;
    }
}

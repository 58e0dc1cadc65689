package org.mvdcn.dicom;

import org.mvdcn.exam.IntensityMode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.mvdcn.BadInputException;
import org.mvdcn.exam.Mammogram;
import org.mvdcn.exam.MammogramFiles;
import org.mvdcn.exam.View;
import org.mvdcn.preprocess.CropWindow;
import org.mvdcn.preprocess.PreparedView;

class DicomMammogramReaderTest {

    @TempDir
    static Path dir;

    static Mammogram png;
    static Mammogram small;

    @BeforeAll
    static void readThePng() {
        png = TestDicom.samplePng(View.L_CC);
        // a corner of it for the refusals: they do not need the full image
        small = TestDicom.sampleCorner();
    }

    private static void assertSixteenTimes(Mammogram dicom, Mammogram source) {
        assertThat(dicom.height()).isEqualTo(source.height());
        assertThat(dicom.width()).isEqualTo(source.width());
        float[] d = dicom.pixels();
        float[] s = source.pixels();
        for (int i = 0; i < d.length; i++) {
            if (d[i] != 16 * s[i]) {
                throw new AssertionError("pixel " + i + ": " + d[i] + " != 16 x " + s[i]);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(value = TestDicom.Encoding.class, names = {"UNCOMPRESSED", "JPEG_LOSSLESS", "JPEG_2000"})
    void everyEncodingDecodesToThePixelsItWasMadeFrom(TestDicom.Encoding encoding) throws IOException {
        Path file = TestDicom.write(dir.resolve(encoding + ".dcm"), png, TestDicom.Spec.of(View.L_CC).encoding(encoding));
        assertThat(TestDicom.validationErrors(file)).as("dciodvfy").isEmpty();
        DicomInstance read = DicomMammogramReader.parse(file);
        assertSixteenTimes(DicomMammogramReader.decode(read, IntensityMode.STORED), png);
        assertThat(read.header().view()).isEqualTo(View.L_CC);
        assertThat(read.header().bitsStored()).isEqualTo(12);
        // found by its first bytes, whatever its name
        assertThat(MammogramFiles.formatOf(file).name()).isEqualTo("DICOM");
    }

    @Test
    void whatIsDecodedIsWhatWasReadOnceEvenPixelDataOverPixelMedsInMemoryLimit() throws IOException {
        // 4200 x 4096 12-bit values in 16 bits: 34.4 MB of pixel data, over the 32 MiB PixelMed leaves in a file it is given
        float[] p = new float[4200 * 4096];
        for (int i = 0; i < p.length; i++) {
            p[i] = (i * 7) % 256;
        }
        Mammogram large = new Mammogram(png.source(), 4200, 4096, p);
        Path file = TestDicom.write(dir.resolve("large.dcm"), large, TestDicom.Spec.of(View.L_CC));
        DicomInstance read = DicomMammogramReader.parse(file);
        Files.delete(file);
        assertSixteenTimes(DicomMammogramReader.decode(read, IntensityMode.STORED), large);
    }

    @Test
    void rescaleAndMonochrome1AreUndone() throws IOException {
        Path rescaled = TestDicom.write(dir.resolve("rescaled.dcm"), png, TestDicom.Spec.of(View.L_CC).rescaled());
        Path inverted = TestDicom.write(dir.resolve("m1.dcm"), png, TestDicom.Spec.of(View.L_CC).monochrome1());
        Path both = TestDicom.write(dir.resolve("m1-rescaled.dcm"), small, TestDicom.Spec.of(View.L_CC).monochrome1().rescaled()
                .encoding(TestDicom.Encoding.JPEG_LOSSLESS));
        assertThat(TestDicom.validationErrors(inverted)).as("dciodvfy").isEmpty();
        // the DX IOD fixes slope 1 and intercept 0 (dciodvfy says so of the rescaled file), but files from elsewhere use them
        assertThat(TestDicom.validationErrors(rescaled)).allMatch(e -> e.contains("Rescale"));
        for (Path f : new Path[] {rescaled, inverted}) {
            assertSixteenTimes(MammogramFiles.read(f, IntensityMode.STORED), png);
        }
        // MONOCHROME1 of 8x + 100 stored: 4095 - (8x + 100), rescaled 2v - 200, inverted within [-200, 7990]
        Mammogram m = new DicomMammogramReader().read(both, IntensityMode.STORED);
        for (int i = 0; i < m.pixels().length; i += 97) {
            float stored = 4095 - (8 * small.pixels()[i] + 100);
            assertThat(m.pixels()[i]).isEqualTo(-200 + 7990 - (2 * stored - 200));
        }
    }

    @Test
    void theWindowIsAppliedOnlyWhenAskedFor() throws IOException {
        Path file = TestDicom.write(dir.resolve("window.dcm"), small, TestDicom.Spec.of(View.L_CC).window());
        assertSixteenTimes(new DicomMammogramReader().read(file, IntensityMode.STORED), small);
        Mammogram voi = new DicomMammogramReader().read(file, IntensityMode.VOI);
        // PS3.3 C.11.2.1.2.1 with centre 2048, width 2049: 0 up to 1023.5, 1 above 3071.5, linear between
        for (int i = 0; i < voi.pixels().length; i++) {
            double x = 16.0 * small.pixels()[i];
            double expected = x <= 1023.5 ? 0 : x > 3071.5 ? 1 : (x - 2047.5) / 2048 + 0.5;
            assertThat((double) voi.pixels()[i]).isCloseTo(expected, org.assertj.core.api.Assertions.within(1e-6));
        }
    }

    @Test
    void eightBitFilesReadAsStored() throws IOException {
        Path file = TestDicom.write(dir.resolve("eight.dcm"), small, TestDicom.Spec.of(View.L_CC).eightBit());
        assertThat(TestDicom.validationErrors(file)).as("dciodvfy").isEmpty();
        assertThat(MammogramFiles.read(file, IntensityMode.STORED).pixels()).containsExactly(small.pixels());
    }

    @Test
    void aVoiLutWinsOverTheWindowWhenAskedFor() throws IOException {
        Path file = TestDicom.write(dir.resolve("lut.dcm"), small, TestDicom.Spec.of(View.L_CC).voiLut());
        assertSixteenTimes(new DicomMammogramReader().read(file, IntensityMode.STORED), small);
        Mammogram voi = new DicomMammogramReader().read(file, IntensityMode.VOI);
        for (int i = 0; i < voi.pixels().length; i++) {
            assertThat(voi.pixels()[i]).isEqualTo(4095 - 16 * small.pixels()[i]);
        }
    }

    @Test
    void patientOrientationDecidesTheMirroring() throws IOException {
        Path display = TestDicom.write(dir.resolve("display.dcm"), small, TestDicom.Spec.of(View.R_CC).displayOrientation());
        Path asIs = TestDicom.write(dir.resolve("as-is.dcm"), small, TestDicom.Spec.of(View.R_CC));
        Mammogram d = MammogramFiles.read(display, IntensityMode.STORED);
        Mammogram a = MammogramFiles.read(asIs, IntensityMode.STORED);
        assertThat(d.chestWall()).isEqualTo(Mammogram.ChestWall.RIGHT);
        assertThat(a.chestWall()).isEqualTo(Mammogram.ChestWall.LEFT);
        PreparedView pd = PreparedView.prepare(d, org.mvdcn.preprocess.Padding.BACKGROUND);
        PreparedView pa = PreparedView.prepare(a, org.mvdcn.preprocess.Padding.BACKGROUND);
        assertThat(pd.mirrored()).isTrue();
        assertThat(pa.mirrored()).isFalse();
        CropWindow all = new CropWindow(0, 0, 260, 200);
        assertThat(pd.crop(all)).containsExactly(pa.crop(all));
    }

    @Test
    void theViewComesFromViewCodeSequenceWhenViewPositionIsAbsent() throws IOException {
        Path file = TestDicom.write(dir.resolve("code.dcm"), small, TestDicom.Spec.of(View.R_MLO).viewPosition(null));
        assertThat(DicomMammogramReader.header(file).view()).isEqualTo(View.R_MLO);
    }

    private static void assertRefused(Path file, String... reason) {
        assertThatThrownBy(() -> new DicomMammogramReader().read(file, IntensityMode.STORED)).isInstanceOf(BadInputException.class)
                .hasMessageContaining(file.toString()).hasMessageContainingAll(reason);
    }

    @Test
    void unusableFilesAreRefusedWithTheirReason() throws IOException {
        assertRefused(TestDicom.write(dir.resolve("jls.dcm"), small, TestDicom.Spec.of(View.L_CC).encoding(TestDicom.Encoding.JPEG_LS)),
                "JPEG-LS", "dcmdjpls", "Explicit VR Little Endian");
        assertRefused(TestDicom.write(dir.resolve("raw.dcm"), small, TestDicom.Spec.of(View.L_CC).forProcessing()),
                "'for processing'");
        assertRefused(TestDicom.write(dir.resolve("cr.dcm"), small, TestDicom.Spec.of(View.L_CC).modality("CR")),
                "modality 'CR', not MG");
        assertRefused(TestDicom.write(dir.resolve("side.dcm"), small, TestDicom.Spec.of(View.L_CC).laterality(null)),
                "laterality not found");
        assertRefused(TestDicom.write(dir.resolve("view.dcm"), small, TestDicom.Spec.of(View.L_CC).viewPosition("XCCL").viewCode(null)),
                "view not found", "XCCL");

        Path whole = TestDicom.write(dir.resolve("whole.dcm"), small, TestDicom.Spec.of(View.L_CC));
        byte[] bytes = Files.readAllBytes(whole);
        Path truncated = Files.write(dir.resolve("truncated.dcm"), java.util.Arrays.copyOf(bytes, bytes.length - 5000));
        assertRefused(truncated, "truncated");
        byte[] garbage = bytes.clone();
        java.util.Arrays.fill(garbage, 140, 400, (byte) 0x7f);
        assertRefused(Files.write(dir.resolve("corrupt.dcm"), garbage), "DICOM");
    }
}

package org.mvdcn.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Arrays;
import java.util.Locale;
import java.util.function.Supplier;
import org.mvdcn.dicom.DicomMammogramReader;
import org.mvdcn.exam.IntensityMode;
import org.mvdcn.dicom.TestDicom;
import org.mvdcn.exam.Mammogram;
import org.mvdcn.exam.PngMammogramReader;
import org.mvdcn.exam.View;

/**
 * Decoding one full-size view (the sample exam's L-CC, 2600x2000) from its 8-bit PNG and from
 * the 12-bit DICOM files built from it: uncompressed, JPEG lossless, JPEG 2000. Median of
 * ROUNDS decodes after two warm-up decodes. Usage: DicomDecodeBenchmark WORK_DIR ROUNDS. Prints a
 * Markdown table.
 */
public final class DicomDecodeBenchmark {

    private DicomDecodeBenchmark() {}

    public static void main(String[] args) throws Exception {
        Path dir = Files.createDirectories(Paths.get(args[0]));
        int rounds = Integer.parseInt(args[1]);
        Mammogram source = TestDicom.samplePng(View.L_CC);
        Path png = source.source();
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "One view, %dx%d, decoded to floats (median of %d).%n%n", source.height(),
                source.width(), rounds));
        sb.append("| file | size MB | decode s | Mpixel/s |\n|---|---|---|---|\n");
        PngMammogramReader pngReader = new PngMammogramReader();
        row(sb, "PNG, 8-bit (the source)", png, rounds, () -> pngReader.read(png), source);
        DicomMammogramReader reader = new DicomMammogramReader();
        for (TestDicom.Encoding e : new TestDicom.Encoding[] {TestDicom.Encoding.UNCOMPRESSED, TestDicom.Encoding.JPEG_LOSSLESS,
            TestDicom.Encoding.JPEG_2000}) {
            Path file = TestDicom.write(dir.resolve(e.name().toLowerCase(Locale.ROOT) + ".dcm"), source,
                    TestDicom.Spec.of(View.L_CC).encoding(e));
            row(sb, "DICOM 12-bit, " + e.name().toLowerCase(Locale.ROOT).replace('_', ' '), file, rounds,
                    () -> reader.read(file, IntensityMode.STORED), source);
        }
        System.out.print(sb);
    }

    private static void row(StringBuilder sb, String name, Path file, int rounds, Supplier<Mammogram> decode, Mammogram source)
            throws Exception {
        for (int w = 0; w < 2; w++) {
            decode.get();
        }
        double[] seconds = new double[rounds];
        for (int r = 0; r < rounds; r++) {
            long t = System.nanoTime();
            Mammogram m = decode.get();
            seconds[r] = (System.nanoTime() - t) / 1e9;
            if (m.pixels().length != source.pixels().length) {
                throw new IllegalStateException(file + " decoded to the wrong size");
            }
        }
        Arrays.sort(seconds);
        double median = seconds[rounds / 2];
        sb.append(String.format(Locale.ROOT, "| %s | %.1f | %.3f | %.1f |%n", name, Files.size(file) / 1e6, median,
                source.pixels().length / median / 1e6));
    }
}

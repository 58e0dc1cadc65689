package org.mvdcn.dicom;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.mvdcn.TestData;
import org.mvdcn.exam.Mammogram;
import org.mvdcn.exam.PngMammogramReader;
import org.mvdcn.exam.View;

/**
 * Builds MG DICOM files from 8-bit PNG mammograms with the tools a DICOM user would (no package
 * ships a mammogram): dcmtk's dump2dcm writes a 12-bit uncompressed "for presentation" file whose
 * stored values are 16x the PNG's (rescaled variants store 8x + 100 with slope 2 and intercept
 * -200, MONOCHROME1 stores 4095 - 16x: all read back as 16x), then dcmcjpeg (JPEG lossless),
 * gdcmconv (JPEG 2000) or dcmcjpls (JPEG-LS) re-encode it.
 */
public final class TestDicom {

    /** Pixel encodings of the test files. */
    public enum Encoding { UNCOMPRESSED, JPEG_LOSSLESS, JPEG_2000, JPEG_LS }

    /** How one file differs from a plain screening image; fluent, every field has a valid default. */
    public static final class Spec {
        String laterality;
        String viewPosition;
        String viewCode;
        String orientation;
        String modality = "MG";
        String intent = "FOR PRESENTATION";
        String sopClass = "1.2.840.10008.5.1.4.1.1.1.2";
        String imageType = "ORIGINAL\\PRIMARY";
        boolean implant;
        String partialView;
        String viewModifier;
        String viewModifierScheme;
        String photometric = "MONOCHROME2";
        boolean rescaled;
        boolean mirror;
        boolean window;
        boolean voiLut;
        boolean eightBit;
        Encoding encoding = Encoding.UNCOMPRESSED;
        String studyUid = "1.2.826.0.1.3680043.10.1234.1";
        String patientId = "P001";
        String accession = "A001";
        String studyDate = "20170301";
        String acquisitionTime = "101500";
        int instance = 1;
        String manufacturer = "mvdcn tests";
        String model;
        String imagerPixelSpacing = "0.1\\0.1";
        String pixelSpacing;

        /** A screening view with the chest wall at the left edge, as the sample exam's files are. */
        public static Spec of(View v) {
            Spec s = new Spec();
            s.laterality = v.label().substring(0, 1);
            s.viewPosition = v.label().substring(2);
            s.viewCode = v.label().endsWith("CC") ? "399162004" : "399368009";
            s.orientation = "A\\" + (s.laterality.equals("L") ? "R" : "L");
            return s;
        }

        public Spec laterality(String value) { laterality = value; return this; }
        public Spec viewPosition(String value) { viewPosition = value; return this; }
        public Spec viewCode(String value) { viewCode = value; return this; }
        public Spec orientation(String value) { orientation = value; return this; }
        public Spec modality(String value) { modality = value; return this; }
        public Spec forProcessing() { intent = "FOR PROCESSING"; sopClass = "1.2.840.10008.5.1.4.1.1.1.2.1"; return this; }
        public Spec monochrome1() { photometric = "MONOCHROME1"; return this; }
        public Spec rescaled() { rescaled = true; return this; }
        /** Stores the pixels mirrored left-right with the chest wall stated on the right (display orientation). */
        public Spec displayOrientation() { mirror = true; orientation = "P\\" + (laterality.equals("L") ? "R" : "L"); return this; }
        public Spec window() { window = true; return this; }
        /** A VOI LUT Sequence item mapping stored value s (0..4095) to 4095 - s (and the default window beside it). */
        public Spec voiLut() { voiLut = true; return this; }
        /** 8 bits allocated and stored, the PNG's values as they are (OB pixel data). */
        public Spec eightBit() { eightBit = true; return this; }
        public Spec encoding(Encoding value) { encoding = value; return this; }
        public Spec study(String uid, String patient, String accessionNumber) { studyUid = uid; patientId = patient; accession = accessionNumber; return this; }
        public Spec acquisitionTime(String value) { acquisitionTime = value; return this; }
        public Spec instance(int value) { instance = value; return this; }
        public Spec sopClass(String uid) { sopClass = uid; return this; }
        /** Image Type's values, backslash-separated. */
        public Spec imageType(String values) { imageType = values; return this; }
        /** Breast Implant Present YES. */
        public Spec implant() { implant = true; return this; }
        /** Partial View YES with this Partial View Description. */
        public Spec partialView(String description) { partialView = description; return this; }
        /** One item in the View Code Sequence's View Modifier Code Sequence. */
        public Spec viewModifier(String code, String scheme) { viewModifier = code; viewModifierScheme = scheme; return this; }
        /** Manufacturer and Manufacturer's Model Name (the model left out when null). */
        public Spec equipment(String maker, String modelName) { manufacturer = maker; model = modelName; return this; }
        /** Imager Pixel Spacing's values, backslash-separated (left out when null). */
        public Spec imagerPixelSpacing(String values) { imagerPixelSpacing = values; return this; }
        /** Pixel Spacing's values, backslash-separated (left out when null, as by default). */
        public Spec pixelSpacing(String values) { pixelSpacing = values; return this; }
    }

    private TestDicom() {}

    /** The sample exam's view as read from its PNG. */
    public static Mammogram samplePng(View v) {
        return new PngMammogramReader().read(TestData.sampleExam().resolve(v.label() + ".png"));
    }

    /** A 260x200 corner of the sample exam's L-CC: enough for the tests of refusals and attributes. */
    public static Mammogram sampleCorner() {
        Mammogram png = samplePng(View.L_CC);
        float[] p = new float[260 * 200];
        for (int y = 0; y < 260; y++) {
            System.arraycopy(png.pixels(), (1200 + y) * png.width(), p, y * 200, 200);
        }
        return new Mammogram(png.source(), 260, 200, p);
    }

    /** Writes the four views of the sample exam as DICOM files named img-1.dcm .. img-4.dcm (not by view). */
    public static List<Path> sampleExam(Path folder, java.util.function.UnaryOperator<Spec> change) throws IOException {
        Files.createDirectories(folder);
        List<Path> files = new ArrayList<>();
        View[] order = {View.R_MLO, View.L_CC, View.R_CC, View.L_MLO};
        for (int i = 0; i < order.length; i++) {
            Path file = folder.resolve("img-" + (i + 1) + ".dcm");
            write(file, samplePng(order[i]), change.apply(Spec.of(order[i]).instance(i + 1)));
            files.add(file);
        }
        return files;
    }

    /** Writes one file from an 8-bit image. */
    public static Path write(Path file, Mammogram png, Spec s) throws IOException {
        Path work = Files.createTempDirectory(file.getParent(), ".dcm-build");
        try {
            Path raw = work.resolve("pixels.raw");
            Files.write(raw, storedValues(png, s));
            Path dump = work.resolve("image.dump");
            Files.writeString(dump, dump(png, s, raw));
            Path plain = s.encoding == Encoding.UNCOMPRESSED ? file : work.resolve("plain.dcm");
            // the VOI LUT line is long; dump2dcm reads 4096 characters a line by default
            run("dump2dcm", "--line", "100000", "--write-xfer-little", dump.toString(), plain.toString());
            switch (s.encoding) {
                case JPEG_LOSSLESS -> run("dcmcjpeg", "--encode-lossless-sv1", plain.toString(), file.toString());
                case JPEG_2000 -> run("gdcmconv", "--j2k", plain.toString(), file.toString());
                case JPEG_LS -> run("dcmcjpls", plain.toString(), file.toString());
                case UNCOMPRESSED -> { }
            }
            return file;
        } finally {
            try (var walk = Files.walk(work)) {
                walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** dicom3tools' validator: the lines it reports as errors (empty when the file conforms to its IOD). */
    public static List<String> validationErrors(Path file) throws IOException {
        return validation(file).stream().filter(l -> l.startsWith("Error")).toList();
    }

    /** Everything dicom3tools' validator reports: errors, warnings (an unrecognised defined term) and the IOD's name. */
    public static List<String> validation(Path file) throws IOException {
        return output("dciodvfy", file.toString()).lines().toList();
    }

    private static byte[] storedValues(Mammogram png, Spec s) {
        int h = png.height();
        int w = png.width();
        if (s.eightBit) {
            byte[] b = new byte[h * w];
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    b[y * w + x] = (byte) Math.round(png.at(y, s.mirror ? w - 1 - x : x));
                }
            }
            return b;
        }
        ByteBuffer b = ByteBuffer.allocate(2 * h * w).order(ByteOrder.LITTLE_ENDIAN);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int v = Math.round(png.at(y, s.mirror ? w - 1 - x : x));
                int stored = s.rescaled ? 8 * v + 100 : 16 * v;
                b.putShort((short) (s.photometric.equals("MONOCHROME1") ? 4095 - stored : stored));
            }
        }
        return b.array();
    }

    private static String dump(Mammogram png, Spec s, Path raw) {
        String sop = s.studyUid + "." + s.instance;
        StringBuilder d = new StringBuilder();
        d.append("(0002,0001) OB 00\\01\n");
        d.append("(0002,0002) UI ").append(s.sopClass).append('\n');
        d.append("(0002,0003) UI ").append(sop).append('\n');
        d.append("(0002,0010) UI =LittleEndianExplicit\n");
        d.append("(0008,0008) CS ").append(s.imageType).append('\n');
        d.append("(0008,0016) UI ").append(s.sopClass).append('\n');
        d.append("(0008,0018) UI ").append(sop).append('\n');
        d.append("(0008,0020) DA ").append(s.studyDate).append('\n');
        d.append("(0008,0022) DA ").append(s.studyDate).append('\n');
        d.append("(0008,0030) TM 100000\n");
        d.append("(0008,0032) TM ").append(s.acquisitionTime).append('\n');
        d.append("(0008,0050) SH ").append(s.accession).append('\n');
        d.append("(0008,0060) CS ").append(s.modality).append('\n');
        d.append("(0008,0068) CS ").append(s.intent).append('\n');
        d.append("(0008,0070) LO ").append(s.manufacturer).append('\n');
        d.append("(0008,0090) PN\n");
        if (s.model != null) {
            d.append("(0008,1090) LO ").append(s.model).append('\n');
        }
        d.append("(0008,2218) SQ (Sequence with undefined length)\n(fffe,e000) na (Item with undefined length)\n")
                .append("(0008,0100) SH 76752008\n(0008,0102) SH SCT\n(0008,0104) LO Breast\n")
                .append("(fffe,e00d) na (ItemDelimitationItem)\n(fffe,e0dd) na (SequenceDelimitationItem)\n");
        d.append("(0010,0010) PN Test^Sample\n");
        d.append("(0010,0020) LO ").append(s.patientId).append('\n');
        d.append("(0010,0030) DA\n(0010,0040) CS F\n");
        if (s.imagerPixelSpacing != null) {
            d.append("(0018,1164) DS ").append(s.imagerPixelSpacing).append('\n');
        }
        d.append("(0018,1508) CS MAMMOGRAPHIC\n(0018,7004) CS DIRECT\n");
        if (s.viewPosition != null) {
            d.append("(0018,5101) CS ").append(s.viewPosition).append('\n');
        }
        d.append("(0020,000d) UI ").append(s.studyUid).append('\n');
        d.append("(0020,000e) UI ").append(s.studyUid).append(".0\n");
        d.append("(0020,0010) SH 1\n(0020,0011) IS 1\n");
        d.append("(0020,0013) IS ").append(s.instance).append('\n');
        d.append("(0020,0020) CS ").append(s.orientation).append('\n');
        if (s.laterality != null) {
            d.append("(0020,0062) CS ").append(s.laterality).append('\n');
        }
        d.append("(0028,0002) US 1\n");
        d.append("(0028,0004) CS ").append(s.photometric).append('\n');
        d.append("(0028,0010) US ").append(png.height()).append('\n');
        d.append("(0028,0011) US ").append(png.width()).append('\n');
        if (s.pixelSpacing != null) {
            d.append("(0028,0030) DS ").append(s.pixelSpacing).append('\n');
        }
        d.append(s.eightBit ? "(0028,0100) US 8\n(0028,0101) US 8\n(0028,0102) US 7\n(0028,0103) US 0\n"
                : "(0028,0100) US 16\n(0028,0101) US 12\n(0028,0102) US 11\n(0028,0103) US 0\n");
        d.append("(0028,0301) CS NO\n(0028,1040) CS LIN\n");
        d.append("(0028,1041) SS ").append(s.photometric.equals("MONOCHROME1") ? "-1" : "1").append('\n');
        // window over the 8-bit range's middle half (stored 16x): values below 1024 black, above 3072 white
        d.append("(0028,1050) DS 2048\n");
        d.append("(0028,1051) DS ").append(s.window ? "2049" : "4096").append('\n');
        d.append("(0028,1052) DS ").append(s.rescaled ? "-200" : "0").append('\n');
        d.append("(0028,1053) DS ").append(s.rescaled ? "2" : "1").append('\n');
        d.append("(0028,1054) LO US\n");
        if (s.implant) {
            d.append("(0028,1300) CS YES\n");
        }
        if (s.partialView != null) {
            d.append("(0028,1350) CS YES\n(0028,1351) ST ").append(s.partialView).append('\n');
        }
        d.append("(0028,2110) CS 00\n");
        if (s.voiLut) {
            StringBuilder table = new StringBuilder();
            for (int v = 0; v < 4096; v++) {
                table.append(v == 0 ? "" : "\\").append(4095 - v);
            }
            d.append("(0028,3010) SQ (Sequence with undefined length)\n(fffe,e000) na (Item with undefined length)\n")
                    .append("(0028,3002) US 4096\\0\\12\n(0028,3003) LO inverse\n(0028,3006) US ").append(table).append('\n')
                    .append("(fffe,e00d) na (ItemDelimitationItem)\n(fffe,e0dd) na (SequenceDelimitationItem)\n");
        }
        d.append("(0040,0318) CS BREAST\n");
        d.append("(0040,0555) SQ (Sequence with undefined length)\n(fffe,e0dd) na (SequenceDelimitationItem)\n");
        if (s.viewCode != null) {
            d.append("(0054,0220) SQ (Sequence with undefined length)\n(fffe,e000) na (Item with undefined length)\n")
                    .append("(0008,0100) SH ").append(s.viewCode).append("\n(0008,0102) SH SCT\n(0008,0104) LO view\n")
                    .append("(0054,0222) SQ (Sequence with undefined length)\n")
                    .append(s.viewModifier == null ? "" : "(fffe,e000) na (Item with undefined length)\n(0008,0100) SH " + s.viewModifier
                            + "\n(0008,0102) SH " + s.viewModifierScheme + "\n(0008,0104) LO modifier\n(fffe,e00d) na (ItemDelimitationItem)\n")
                    .append("(fffe,e0dd) na (SequenceDelimitationItem)\n")
                    .append("(fffe,e00d) na (ItemDelimitationItem)\n(fffe,e0dd) na (SequenceDelimitationItem)\n");
        }
        d.append("(2050,0020) CS ").append(s.photometric.equals("MONOCHROME1") ? "INVERSE" : "IDENTITY").append('\n');
        d.append(s.eightBit ? "(7fe0,0010) OB =" : "(7fe0,0010) OW =").append(raw).append('\n');
        return d.toString();
    }

    private static void run(String... command) throws IOException {
        output(command);
    }

    private static String output(String... command) throws IOException {
        Process p;
        try {
            p = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new IOException(command[0] + " not found: the tests build DICOM files with Debian's dcmtk, libgdcm-tools and "
                    + "dicom3tools (./mvdcn test installs them)", e);
        }
        String out = new String(p.getInputStream().readAllBytes());
        try {
            int rc = p.waitFor();
            // dciodvfy exits non-zero when it reports anything; its report is the result
            if (rc != 0 && !command[0].equals("dciodvfy")) {
                throw new IOException(String.join(" ", command) + " failed (" + rc + "): " + out.toLowerCase(Locale.ROOT));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        return out;
    }
}

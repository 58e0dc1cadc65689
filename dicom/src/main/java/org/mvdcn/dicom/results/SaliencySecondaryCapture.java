package org.mvdcn.dicom.results;

import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.DicomException;
import com.pixelmed.dicom.OtherByteAttribute;
import com.pixelmed.dicom.TagFromName;
import java.awt.image.BufferedImage;
import java.time.ZonedDateTime;
import java.util.Locale;
import java.util.Map;
import org.mvdcn.dicom.DicomInstance;
import org.mvdcn.exam.View;
import org.mvdcn.predict.Prediction;

/**
 * The saliency panel as a Secondary Capture image (PS3.3 A.8.1) in the images' study: many PACS
 * viewers show no SR content, every one shows an image.
 */
public final class SaliencySecondaryCapture {

    static final String SOP_CLASS = "1.2.840.10008.5.1.4.1.1.7";
    /** OT, not MG: the panel is no mammogram, and must never be taken for one (by mvdcn's own reader included). */
    static final ResultHeader.Kind KIND = new ResultHeader.Kind(SOP_CLASS, "OT", "sc", 9002,
            "saliency, not for diagnostic use");

    private SaliencySecondaryCapture() {}

    /**
     * The four-view saliency panel (the probabilities already drawn on it) under a "not for
     * diagnostic use" banner, RGB 8-bit, with the same patient and study as the SR.
     */
    public static AttributeList build(BufferedImage panel, Map<View, DicomInstance> images, Prediction prediction, Algorithm algorithm,
            ZonedDateTime when) {
        SourceImages source = SourceImages.of(images);
        BufferedImage shown = NotForDiagnosticUseBanner.above(panel);
        if (shown.getWidth() > 0xFFFF || shown.getHeight() > 0xFFFF) {
            throw new IllegalArgumentException("a " + shown.getWidth() + "x" + shown.getHeight()
                    + " panel exceeds DICOM's 65535 rows or columns");
        }
        try {
            AttributeList a = ResultHeader.of(source, algorithm, when, KIND);
            Attributes.put(a, TagFromName.ImageType, "DERIVED", "SECONDARY");
            Attributes.put(a, TagFromName.ConversionType, "WSD");
            Attributes.put(a, TagFromName.PatientOrientation);
            // the image's own laterality: a series' Laterality cannot say "both", which the panel shows
            Attributes.put(a, TagFromName.ImageLaterality, laterality(source));
            Attributes.put(a, TagFromName.BodyPartExamined, "BREAST");
            Attributes.put(a, TagFromName.BurnedInAnnotation, "YES");
            Attributes.put(a, TagFromName.DerivationDescription, derivation(prediction));
            a.put(source.instanceReference(TagFromName.SourceImageSequence));
            putPixels(a, shown);
            return a;
        } catch (DicomException e) {
            throw new IllegalStateException("the saliency image for study " + source.studyUid() + " could not be built: "
                    + e.getMessage(), e);
        }
    }

    /** L or R when the panel shows one breast's views, B when both. */
    private static String laterality(SourceImages source) {
        var sides = source.images().stream().map(i -> i.view().laterality()).distinct().toList();
        return sides.size() > 1 ? "B" : sides.get(0) == View.Laterality.RIGHT ? "R" : "L";
    }

    private static String derivation(Prediction p) {
        double[] q = p.probabilities();
        StringBuilder s = new StringBuilder("Saliency |dH/dx| of the prediction's entropy over the four views;");
        if (!p.assessed()) {
            s.append(" NOT ASSESSED (").append(String.join("; ", p.notAssessedBecause())).append("), probabilities for research only;");
        }
        for (int k = 0; k < q.length; k++) {
            s.append(String.format(Locale.ROOT, " P(BI-RADS %d) %.3f", k, q[k]));
        }
        s.append(String.format(Locale.ROOT, ", entropy %.3f nats", p.entropy()));
        // an ST value holds 1024 characters
        return s.length() <= 1024 ? s.toString() : s.substring(0, 1021) + "...";
    }

    /** Image Pixel module: 8-bit RGB, colour-by-pixel. */
    private static void putPixels(AttributeList a, BufferedImage image) throws DicomException {
        int w = image.getWidth();
        int h = image.getHeight();
        // OB values have even length: a pad byte after an odd count
        byte[] rgb = new byte[(3 * w * h + 1) & ~1];
        int i = 0;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int p = image.getRGB(x, y);
                rgb[i++] = (byte) (p >> 16);
                rgb[i++] = (byte) (p >> 8);
                rgb[i++] = (byte) p;
            }
        }
        Attributes.put(a, TagFromName.SamplesPerPixel, "3");
        Attributes.put(a, TagFromName.PhotometricInterpretation, "RGB");
        Attributes.put(a, TagFromName.PlanarConfiguration, "0");
        Attributes.put(a, TagFromName.Rows, Integer.toString(h));
        Attributes.put(a, TagFromName.Columns, Integer.toString(w));
        Attributes.put(a, TagFromName.BitsAllocated, "8");
        Attributes.put(a, TagFromName.BitsStored, "8");
        Attributes.put(a, TagFromName.HighBit, "7");
        Attributes.put(a, TagFromName.PixelRepresentation, "0");
        OtherByteAttribute pixels = new OtherByteAttribute(TagFromName.PixelData);
        pixels.setValues(rgb);
        a.put(pixels);
    }
}

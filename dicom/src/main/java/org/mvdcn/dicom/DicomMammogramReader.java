package org.mvdcn.dicom;

import org.mvdcn.exam.IntensityMode;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.DicomException;
import com.pixelmed.dicom.DicomInputStream;
import com.pixelmed.dicom.OtherByteAttribute;
import com.pixelmed.dicom.TagFromName;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.mvdcn.BadInputException;
import org.mvdcn.MissingFileException;
import org.mvdcn.assess.AttributeChecks;
import org.mvdcn.assess.ExamCheck;
import org.mvdcn.exam.Acquisition;
import org.mvdcn.exam.Mammogram;
import org.mvdcn.exam.MammogramFormat;

/**
 * Reads DICOM mammograms with PixelMed (uncompressed, JPEG lossless and, through
 * jai-imageio, JPEG 2000). PixelMed returns stored values; the modality rescale, the optional
 * VOI transform and the MONOCHROME1 inversion are applied here, in the DICOM pipeline's order.
 */
public final class DicomMammogramReader implements MammogramFormat, AttributeChecks {

    /**
     * PixelMed logs each problem (with a stack trace) through java.util.logging before it throws
     * or skips the attribute; the BadInputException below says it once, naming the file. Held
     * here because java.util.logging keeps loggers only weakly.
     */
    private static final java.util.logging.Logger PIXELMED = java.util.logging.Logger.getLogger("com.pixelmed");

    static {
        PIXELMED.setLevel(java.util.logging.Level.OFF);
    }

    @Override
    public String name() {
        return "DICOM";
    }

    @Override
    public boolean accepts(byte[] head) {
        return isDicom(head);
    }

    static boolean isDicom(byte[] head) {
        return head.length >= 132 && head[128] == 'D' && head[129] == 'I' && head[130] == 'C' && head[131] == 'M';
    }

    @Override
    public Mammogram read(Path file, IntensityMode intensity) {
        return decode(parse(file), intensity);
    }

    @Override
    public Acquisition acquisition(Path file) {
        return header(file).acquisition();
    }

    /** What {@link MammogramChecks} find in the file's header (the pixel data is not read). */
    @Override
    public List<ExamCheck> checkAttributes(Path file) {
        return header(file).findings();
    }

    /** The header alone (the pixel data is not read), after the same checks as {@link #parse}. */
    public static DicomHeader header(Path file) {
        AttributeList a = new AttributeList();
        read(file, a, (list, tag, offset) -> list == a && tag.equals(TagFromName.PixelData));
        return checked(file, a);
    }

    /**
     * Reads the whole file, once. The header is checked as the pixel data is reached: what cannot
     * be used (JPEG-LS, not MG, a size no detector has) is refused before PixelMed reads (or
     * decompresses) anything of the pixels, and before mvdcn allocates anything for them.
     */
    public static DicomInstance parse(Path file) {
        AttributeList a = new AttributeList();
        DicomHeader[] header = new DicomHeader[1];
        read(file, a, (list, tag, offset) -> {
            // items of sequences (an icon image's) are lists of their own, with pixel data of their own
            if (list == a && tag.equals(TagFromName.PixelData)) {
                header[0] = checked(file, a);
            }
            return false;
        });
        return new DicomInstance(header[0] != null ? header[0] : checked(file, a), a);
    }

    /** Decodes what {@link #parse} read: the stored values to modality values (and VOI), MONOCHROME1 inverted. */
    public static Mammogram decode(DicomInstance instance, IntensityMode intensity) {
        Path file = instance.file();
        DicomHeader header = instance.header();
        AttributeList a = instance.attributes();
        Attribute pixelData = a.get(TagFromName.PixelData);
        if (pixelData == null) {
            throw new BadInputException(file, "no pixel data (missing, or the file is truncated)");
        }
        int n = header.rows() * header.columns();
        float[] values = new float[n];
        try {
            if (pixelData instanceof OtherByteAttribute) {
                byte[] stored = pixelData.getByteValues();
                checkCount(file, stored.length, n);
                for (int i = 0; i < n; i++) {
                    values[i] = storedValue(stored[i] & 0xff, header);
                }
            } else {
                short[] stored = pixelData.getShortValues();
                checkCount(file, stored.length, n);
                for (int i = 0; i < n; i++) {
                    values[i] = storedValue(stored[i] & 0xffff, header);
                }
            }
        } catch (DicomException e) {
            throw new BadInputException(file, "unreadable pixel data (" + e.getMessage() + ")", e);
        }
        float[] range = {(float) (header.slope() * minStored(header) + header.intercept()),
            (float) (header.slope() * maxStored(header) + header.intercept())};
        for (int i = 0; i < n; i++) {
            values[i] = (float) (header.slope() * values[i] + header.intercept());
        }
        if (intensity == IntensityMode.VOI) {
            range = VoiTransform.of(file, a).apply(values);
        }
        if (header.photometric().equals("MONOCHROME1")) {
            // the presentation inversion: minimum shown white; flip within the value range so values stay in it
            float sum = Math.min(range[0], range[1]) + Math.max(range[0], range[1]);
            for (int i = 0; i < n; i++) {
                values[i] = sum - values[i];
            }
        }
        return new Mammogram(file, header.rows(), header.columns(), values, header.chestWall(), header.acquisition());
    }

    private static void checkCount(Path file, int have, int need) {
        if (have < need) {
            throw new BadInputException(file, "truncated pixel data: " + have + " values, Rows x Columns needs " + need);
        }
    }

    /** The stored value's low BitsStored bits (the rest may hold overlays), sign-extended when signed. */
    private static float storedValue(int raw, DicomHeader h) {
        int bits = h.bitsStored();
        int v = bits >= 32 ? raw : raw & ((1 << bits) - 1);
        if (h.signed() && (v & (1 << (bits - 1))) != 0) {
            v -= 1 << bits;
        }
        return v;
    }

    private static double minStored(DicomHeader h) {
        return h.signed() ? -(1 << (h.bitsStored() - 1)) : 0;
    }

    private static double maxStored(DicomHeader h) {
        return h.signed() ? (1 << (h.bitsStored() - 1)) - 1 : (1 << h.bitsStored()) - 1;
    }

    /**
     * Reads {@code file} into {@code into} until {@code stop} says so (or to its end), from a stream:
     * given the file itself, PixelMed leaves pixel data over 32 MiB in it, to be read again when
     * asked for (and from whatever file then has the name).
     */
    private static void read(Path file, AttributeList into, AttributeList.ReadTerminationStrategy stop) {
        if (!Files.isRegularFile(file)) {
            throw new MissingFileException(file, "file");
        }
        try (DicomInputStream in = new DicomInputStream(new BufferedInputStream(Files.newInputStream(file)), null, true)) {
            into.read(in, stop);
        } catch (BadInputException e) {
            throw e; // the header's check, made while reading
        } catch (IOException | DicomException | RuntimeException e) {
            throw new BadInputException(file, "unreadable or truncated DICOM (" + e + ")", e);
        }
    }

    /** What the attributes read up to the pixel data say, if the file is a mammogram mvdcn can use. */
    private static DicomHeader checked(Path file, AttributeList a) {
        if (a.isEmpty() || a.get(TagFromName.SOPClassUID) == null && a.get(TagFromName.Modality) == null) {
            throw new BadInputException(file, "not a DICOM image (no SOP class or modality)");
        }
        return DicomHeader.of(file, a);
    }
}

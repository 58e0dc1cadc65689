package org.mvdcn.dicom;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.AttributeTag;
import com.pixelmed.dicom.SOPClass;
import com.pixelmed.dicom.SequenceAttribute;
import com.pixelmed.dicom.TagFromName;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.mvdcn.BadInputException;
import org.mvdcn.assess.ExamCheck;
import org.mvdcn.exam.Acquisition;
import org.mvdcn.exam.Equipment;
import org.mvdcn.exam.Mammogram;
import org.mvdcn.exam.View;

/**
 * What mvdcn needs from a DICOM mammogram's attributes: who and which study it belongs to, which
 * of the four screening views it is, how its pixels are encoded, whether it may be used at all,
 * what the checks before scoring found in it ({@code findings}, see {@link MammogramChecks}), and the
 * equipment and pixel spacing that the model's training exams are compared with ({@code acquisition}).
 * Built from the attributes before the pixel data, so a tree of files can be indexed cheaply.
 */
public record DicomHeader(Path file, String patientId, String studyUid, String accession, LocalDate studyDate,
        LocalDateTime acquiredAt, View view, Mammogram.ChestWall chestWall, String transferSyntax, String photometric,
        int rows, int columns, int bitsStored, boolean signed, double slope, double intercept, List<ExamCheck> findings,
        Acquisition acquisition) {

    /** Digital Mammography X-Ray Image Storage - For Processing (PS3.4 B.5). */
    static final String MG_FOR_PROCESSING = "1.2.840.10008.5.1.4.1.1.1.2.1";
    /** JPEG-LS lossless and near-lossless (PS3.5 A.4.3): no Java decoder on the class path. */
    static final String JPEG_LS_LOSSLESS = "1.2.840.10008.1.2.4.80";
    static final String JPEG_LS_NEAR_LOSSLESS = "1.2.840.10008.1.2.4.81";
    /**
     * The largest side read: mammography detectors have at most about 6000 pixels a side (4728 x 5928);
     * a header promising more is refused before anything is allocated for its pixels.
     */
    public static final int MAX_SIDE = 10_000;

    /** Checks that the file is a "for presentation" MG image of a known view and reads its header. */
    public static DicomHeader of(Path file, AttributeList a) {
        String transferSyntax = text(a, TagFromName.TransferSyntaxUID);
        if (transferSyntax.equals(JPEG_LS_LOSSLESS) || transferSyntax.equals(JPEG_LS_NEAR_LOSSLESS)) {
            throw new BadInputException(file, "JPEG-LS compressed pixel data (transfer syntax " + transferSyntax
                    + ") cannot be decoded here; convert it first (dcmtk: dcmdjpls IN OUT; gdcm: gdcmconv --raw IN OUT) "
                    + "or ask the PACS for Explicit VR Little Endian");
        }
        String sopClass = text(a, TagFromName.SOPClassUID);
        // a secondary capture may say MG (a screenshot of a mammogram does): its SOP class tells first
        if (SOPClass.isSecondaryCaptureImageStorage(sopClass)) {
            throw new BadInputException(file, "a secondary capture (a screenshot or a derived picture), not an acquired mammogram "
                    + "(SOP class " + sopClass + ")");
        }
        String modality = text(a, TagFromName.Modality);
        if (!modality.equals("MG")) {
            throw new BadInputException(file, "modality " + (modality.isEmpty() ? "missing" : "'" + modality + "'")
                    + ", not MG: only mammograms can be read");
        }
        String intent = text(a, TagFromName.PresentationIntentType);
        // the breast projection SOP class for processing holds raw tomosynthesis projections
        if (intent.equalsIgnoreCase("FOR PROCESSING") || sopClass.equals(MG_FOR_PROCESSING)
                || sopClass.equals(SOPClass.BreastProjectionXRayImageStorageForProcessing)) {
            throw new BadInputException(file, "a 'for processing' (raw detector) image; the network reads 'for presentation' "
                    + "images, export those from the modality or PACS");
        }
        int frames = Attribute.getSingleIntegerValueOrDefault(a, TagFromName.NumberOfFrames, 1);
        // a tomosynthesis volume is refused even as a single frame: a reconstructed slice, not a projection
        if (sopClass.equals(SOPClass.BreastTomosynthesisImageStorage)) {
            throw new BadInputException(file, "a breast tomosynthesis image (" + frames + (frames == 1 ? " frame" : " frames")
                    + "): only 2D mammograms can be read");
        }
        if (frames > 1) {
            throw new BadInputException(file, frames + " frames (tomosynthesis?): only single-frame 2D mammograms can be read");
        }
        int samples = Attribute.getSingleIntegerValueOrDefault(a, TagFromName.SamplesPerPixel, 1);
        String photometric = text(a, TagFromName.PhotometricInterpretation);
        if (samples != 1 || !(photometric.equals("MONOCHROME1") || photometric.equals("MONOCHROME2"))) {
            throw new BadInputException(file, "photometric interpretation '" + photometric + "' with " + samples
                    + " samples per pixel: a mammogram is MONOCHROME1 or MONOCHROME2");
        }
        int rows = Attribute.getSingleIntegerValueOrDefault(a, TagFromName.Rows, 0);
        int columns = Attribute.getSingleIntegerValueOrDefault(a, TagFromName.Columns, 0);
        int bitsAllocated = Attribute.getSingleIntegerValueOrDefault(a, TagFromName.BitsAllocated, 0);
        int bitsStored = Attribute.getSingleIntegerValueOrDefault(a, TagFromName.BitsStored, bitsAllocated);
        if (rows <= 0 || columns <= 0 || !(bitsAllocated == 8 || bitsAllocated == 16) || bitsStored < 1 || bitsStored > bitsAllocated) {
            throw new BadInputException(file, "unsupported image size or depth (rows " + rows + ", columns " + columns
                    + ", bits allocated " + bitsAllocated + ", bits stored " + bitsStored + "): 8 to 16 bits expected");
        }
        if (rows > MAX_SIDE || columns > MAX_SIDE) {
            throw new BadInputException(file, "an image of " + columns + " x " + rows + " pixels: larger than any mammography "
                    + "detector (at most " + MAX_SIDE + " a side are read)");
        }
        String studyUid = text(a, TagFromName.StudyInstanceUID);
        if (studyUid.isEmpty()) {
            throw new BadInputException(file, "no StudyInstanceUID: cannot tell which exam the image belongs to");
        }
        return new DicomHeader(file, text(a, TagFromName.PatientID), studyUid, text(a, TagFromName.AccessionNumber),
                date(text(a, TagFromName.StudyDate)), acquired(a), view(file, a), chestWall(a), transferSyntax, photometric,
                rows, columns, bitsStored, Attribute.getSingleIntegerValueOrDefault(a, TagFromName.PixelRepresentation, 0) == 1,
                Attribute.getSingleDoubleValueOrDefault(a, TagFromName.RescaleSlope, 1.0),
                Attribute.getSingleDoubleValueOrDefault(a, TagFromName.RescaleIntercept, 0.0), MammogramChecks.check(a),
                new Acquisition(new Equipment(text(a, TagFromName.Manufacturer), text(a, TagFromName.ManufacturerModelName)),
                        spacing(a)));
    }

    /**
     * Millimetres between pixel centres: Imager Pixel Spacing (0018,1164), else Pixel Spacing
     * (0028,0030), else NaN; the mean of the row and column values (detectors have square pixels).
     * Imager Pixel Spacing first because the MG IOD requires it (DX Detector module, Type 1) and it
     * is the detector's pitch, the same in every image of a detector. Pixel Spacing is optional in MG and, where a vendor writes it, usually
     * corrected to the breast (for a magnification that varies with the compressed thickness), so
     * reading it first would compare one vendor's breast-plane values with another's detector pitch.
     * It is read only from files without Imager Pixel Spacing (converted or digitised images), whose
     * maker says nothing else of a pixel's size.
     */
    private static double spacing(AttributeList a) {
        for (AttributeTag tag : List.of(TagFromName.ImagerPixelSpacing, TagFromName.PixelSpacing)) {
            double[] values = Attribute.getDoubleValues(a, tag);
            if (values != null && values.length > 0 && Arrays.stream(values).allMatch(v -> v > 0 && Double.isFinite(v))) {
                return Arrays.stream(values).limit(2).average().orElseThrow();
            }
        }
        return Double.NaN;
    }

    /** L or R from ImageLaterality, else the series' Laterality; CC or MLO from ViewPosition, else ViewCodeSequence. */
    static View view(Path file, AttributeList a) {
        String side = text(a, TagFromName.ImageLaterality);
        if (side.isEmpty()) {
            side = text(a, TagFromName.Laterality);
        }
        if (!side.equals("L") && !side.equals("R")) {
            throw new BadInputException(file, "laterality not found (ImageLaterality and Laterality are "
                    + (side.isEmpty() ? "absent" : "'" + side + "'") + "): cannot tell the left breast from the right");
        }
        String position = text(a, TagFromName.ViewPosition).toUpperCase(Locale.ROOT);
        if (!position.equals("CC") && !position.equals("MLO")) {
            position = viewCode(a);
        }
        if (position.isEmpty()) {
            throw new BadInputException(file, "view not found (ViewPosition '" + text(a, TagFromName.ViewPosition)
                    + "', no cranio-caudal or medio-lateral oblique code in ViewCodeSequence): the network reads CC and MLO views");
        }
        return View.fromLabel(side + "-" + position);
    }

    /** CC or MLO from the first ViewCodeSequence item (SNOMED CT and the older SNOMED-RT codes), else "". */
    private static String viewCode(AttributeList a) {
        Attribute seq = a.get(TagFromName.ViewCodeSequence);
        if (!(seq instanceof SequenceAttribute s) || s.getNumberOfItems() == 0) {
            return "";
        }
        String code = text(s.getItem(0).getAttributeList(), TagFromName.CodeValue);
        return switch (code) {
            case "399162004", "R-10242" -> "CC";
            case "399368009", "R-10226" -> "MLO";
            default -> "";
        };
    }

    /**
     * PatientOrientation's first value is the direction of increasing column index: toward
     * anterior (A) puts the chest wall at the left edge, toward posterior (P) at the right.
     */
    private static Mammogram.ChestWall chestWall(AttributeList a) {
        String[] values = Attribute.getStringValues(a, TagFromName.PatientOrientation);
        String row = values == null || values.length == 0 || values[0] == null ? "" : values[0].trim();
        if (row.startsWith("A")) {
            return Mammogram.ChestWall.LEFT;
        }
        return row.startsWith("P") ? Mammogram.ChestWall.RIGHT : Mammogram.ChestWall.UNSTATED;
    }

    private static LocalDateTime acquired(AttributeList a) {
        String dateTime = text(a, TagFromName.AcquisitionDateTime);
        if (dateTime.length() >= 14) {
            return LocalDateTime.of(date(dateTime.substring(0, 8)), time(dateTime.substring(8)));
        }
        LocalDate d = date(text(a, TagFromName.AcquisitionDate));
        if (d == null) {
            d = date(text(a, TagFromName.ContentDate));
        }
        String t = text(a, TagFromName.AcquisitionTime);
        if (t.isEmpty()) {
            t = text(a, TagFromName.ContentTime);
        }
        return d == null || t.length() < 6 ? null : LocalDateTime.of(d, time(t));
    }

    private static LocalDate date(String da) {
        try {
            return da.length() >= 8 ? LocalDate.parse(da.substring(0, 8), DateTimeFormatter.BASIC_ISO_DATE) : null;
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static LocalTime time(String tm) {
        try {
            return LocalTime.parse(tm.substring(0, 6), DateTimeFormatter.ofPattern("HHmmss"));
        } catch (DateTimeParseException | IndexOutOfBoundsException e) {
            return LocalTime.MIDNIGHT;
        }
    }

    static String text(AttributeList a, AttributeTag tag) {
        return Attribute.getSingleStringValueOrEmptyString(a, tag).trim();
    }
}

package org.mvdcn.dicom.web;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.DicomException;
import com.pixelmed.dicom.TagFromName;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.mvdcn.BadInputException;
import org.mvdcn.MissingFileException;

/** The SOP Instance UID of a DICOM file, which is how DICOMweb names what it stored or failed to. */
final class InstanceUid {

    private static final int PREAMBLE = 128;

    private InstanceUid() {}

    /** Reads it from the attributes before the pixel data; refuses a file that is not DICOM (PS3.10) or has none. */
    static String of(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new MissingFileException(file, "DICOM file");
        }
        if (!hasDicmPrefix(file)) {
            throw new BadInputException(file, "not a DICOM file (no 'DICM' after the 128-byte preamble)");
        }
        AttributeList attributes = new AttributeList();
        try {
            attributes.read(file.toFile(), TagFromName.PixelData);
        } catch (IOException | DicomException | RuntimeException e) {
            throw new BadInputException(file, "unreadable or truncated DICOM (" + e + ")", e);
        }
        String uid = Attribute.getSingleStringValueOrEmptyString(attributes, TagFromName.SOPInstanceUID).strip();
        if (uid.isEmpty()) {
            throw new BadInputException(file, "no SOP Instance UID: not a DICOM instance a server can store");
        }
        return uid;
    }

    private static boolean hasDicmPrefix(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] head = in.readNBytes(PREAMBLE + 4);
            return head.length == PREAMBLE + 4
                    && new String(head, PREAMBLE, 4, StandardCharsets.US_ASCII).equals("DICM");
        } catch (IOException e) {
            throw new BadInputException(file, "unreadable (" + e.getMessage() + ")", e);
        }
    }
}

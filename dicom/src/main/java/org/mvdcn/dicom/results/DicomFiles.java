package org.mvdcn.dicom.results;

import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.DicomException;
import com.pixelmed.dicom.FileMetaInformation;
import com.pixelmed.dicom.TransferSyntax;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import org.mvdcn.io.AtomicFiles;

/** Writes result objects as DICOM Part 10 files. */
public final class DicomFiles {

    /** Names this program in the meta header, as the AE that made the file. */
    private static final String SOURCE_AE = "MVDCN";

    private DicomFiles() {}

    /**
     * Writes {@code list} with a meta header in Explicit VR Little Endian (every receiver accepts
     * it), atomically: a sender watching the folder never picks up half a file. The caller's list
     * is left as it was.
     */
    public static void write(AttributeList list, Path file) throws IOException {
        AttributeList copy = new AttributeList();
        copy.putAll(list);
        // encoded in memory first: PixelMed closes the stream it writes to, and AtomicFiles must
        // still force its stream to disk after the content is written
        ByteArrayOutputStream encoded = new ByteArrayOutputStream();
        try {
            FileMetaInformation.addFileMetaInformation(copy, TransferSyntax.ExplicitVRLittleEndian, SOURCE_AE);
            copy.write(encoded, TransferSyntax.ExplicitVRLittleEndian, true, false);
        } catch (DicomException e) {
            throw new IOException(file + ": not writable as DICOM (" + e.getMessage() + ")", e);
        }
        AtomicFiles.write(file, encoded::writeTo);
    }
}

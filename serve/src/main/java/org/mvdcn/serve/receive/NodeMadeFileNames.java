package org.mvdcn.serve.receive;

import com.pixelmed.dicom.StoredFilePathStrategy;
import java.io.File;
import java.util.UUID;

/**
 * Where PixelMed's storage SCP puts a received object: a name the node makes, in the folder it was
 * given. PixelMed's own strategies name the file after the C-STORE request's Affected SOP Instance
 * UID, a value from the wire: a UID of {@code ../../../tmp/x} wrote outside the data folder before
 * anything had looked at it. This strategy ignores the UID altogether, so no value a caller sends
 * can become a path; the UIDs are checked later, when the inbox moves the object to its study.
 */
final class NodeMadeFileNames extends StoredFilePathStrategy {

    static final String PREFIX = "object-";

    @Override
    public String makeStoredFilePath(String sopInstanceUid) {
        return PREFIX + UUID.randomUUID() + ".dcm";
    }

    @Override
    public File makeStoredFilePath(File folder, String sopInstanceUid) {
        return new File(folder, makeStoredFilePath(sopInstanceUid));
    }

    @Override
    public File makeAlternativeStoredFilePath(File folder, String sopInstanceUid, String alternativeSubfolder) {
        return makeStoredFilePath(folder, sopInstanceUid);
    }

    @Override
    public File makeReliableStoredFilePathWithFoldersCreated(File folder, String sopInstanceUid, String alternativeSubfolder) {
        return makeStoredFilePath(folder, sopInstanceUid);
    }

    @Override
    public File makeReliableStoredFilePathWithFoldersCreated(File folder, String sopInstanceUid) {
        return makeStoredFilePath(folder, sopInstanceUid);
    }

    @Override
    public String toString() {
        return "node-made names (" + PREFIX + "<random UUID>.dcm), never the SOP Instance UID";
    }
}

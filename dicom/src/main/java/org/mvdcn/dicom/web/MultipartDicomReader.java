package org.mvdcn.dicom.web;

import org.mvdcn.dicom.DicomUid;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import org.apache.james.mime4j.MimeException;
import org.apache.james.mime4j.stream.BodyDescriptor;
import org.apache.james.mime4j.stream.EntityState;
import org.apache.james.mime4j.stream.MimeConfig;
import org.apache.james.mime4j.stream.MimeTokenStream;
import org.mvdcn.BadInputException;
import org.mvdcn.io.AtomicFiles;

/**
 * Saves the DICOM parts of a WADO-RS answer (multipart/related, PS3.18 8.7.3) as files named by
 * their SOP Instance UID, streaming each part to disk.
 */
final class MultipartDicomReader {

    // a mammogram's pixel data is binary: no line length limit; strict, so a cut-off answer fails
    private static final MimeConfig CONFIG = MimeConfig.custom().setStrictParsing(true).setMaxLineLen(-1).build();

    private MultipartDicomReader() {}

    /**
     * Writes each part to {@code folder} (atomically) as {@code <SOPInstanceUID>.dcm} and returns
     * the files in the answer's order; the files of the parts before a failure stay.
     */
    static List<Path> save(InputStream body, String contentType, Path folder, URI source) throws IOException {
        MimeTokenStream parts = new MimeTokenStream(CONFIG);
        parts.parseHeadless(body, contentType);
        List<Path> saved = new ArrayList<>();
        try {
            for (EntityState state = parts.getState(); state != EntityState.T_END_OF_STREAM; state = parts.next()) {
                if (state == EntityState.T_BODY) {
                    saved.add(savePart(parts, folder, source, saved.size() + 1));
                }
            }
        } catch (MimeException e) {
            throw new IOException(source + ": malformed multipart/related answer after " + saved.size() + " parts: "
                    + e.getMessage(), e);
        }
        return saved;
    }

    private static Path savePart(MimeTokenStream parts, Path folder, URI source, int number) throws IOException {
        BodyDescriptor part = parts.getBodyDescriptor();
        if (!part.getMimeType().equals("application/dicom")) {
            throw new IOException(source + ": part " + number + " is " + part.getMimeType() + ", not application/dicom");
        }
        Path staged = folder.resolve(".part-" + number + ".dcm");
        try {
            AtomicFiles.write(staged, out -> parts.getDecodedInputStream().transferTo(out));
            long size = Files.size(staged);
            if (part.getContentLength() >= 0 && size != part.getContentLength()) {
                throw new IOException(source + ": part " + number + " has " + size + " bytes where its Content-Length says "
                        + part.getContentLength());
            }
            String uid = sopInstanceUid(staged, source, number);
            String name = DicomUid.isValid(uid) ? uid : "instance-" + number;
            return Files.move(staged, folder.resolve(name + ".dcm"), StandardCopyOption.ATOMIC_MOVE,
                    StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(staged);
        }
    }

    private static String sopInstanceUid(Path part, URI source, int number) throws IOException {
        try {
            return InstanceUid.of(part);
        } catch (BadInputException e) {
            throw new IOException(source + ": part " + number + " is no DICOM instance: " + e.problem(), e);
        }
    }
}

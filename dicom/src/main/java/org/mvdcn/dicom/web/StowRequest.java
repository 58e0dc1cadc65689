package org.mvdcn.dicom.web;

import java.io.FileNotFoundException;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.mvdcn.MissingFileException;

/**
 * A STOW-RS request (PS3.18 10.5): the files as the parts of one multipart/related body of type
 * application/dicom. The framing is written here rather than with a MIME library because it is one
 * boundary line and one header per part, and this way the JDK streams each file from disk
 * (BodyPublishers.ofFile) where mime4j's or Jakarta Mail's writers want the whole body written to a
 * stream first.
 */
record StowRequest(List<Instance> instances, String contentType, BodyPublisher body) {

    /** A file sent and the SOP Instance UID the server's answer will name it by. */
    record Instance(Path file, String sopInstanceUid) {}

    /** Reads each file's SOP Instance UID (refusing files that are not DICOM) and frames the files. */
    static StowRequest of(List<Path> files) {
        // random, so it cannot occur in a file by more than a 2^-122 chance
        String boundary = "mvdcn-" + UUID.randomUUID();
        List<Instance> instances = new ArrayList<>();
        List<BodyPublisher> parts = new ArrayList<>();
        for (Path file : files) {
            instances.add(new Instance(file, InstanceUid.of(file)));
            parts.add(BodyPublishers.ofString("--" + boundary + "\r\nContent-Type: application/dicom\r\n\r\n"));
            parts.add(fileBody(file));
            parts.add(BodyPublishers.ofString("\r\n"));
        }
        parts.add(BodyPublishers.ofString("--" + boundary + "--\r\n"));
        return new StowRequest(List.copyOf(instances), "multipart/related; type=\"application/dicom\"; boundary=" + boundary,
                BodyPublishers.concat(parts.toArray(HttpRequest.BodyPublisher[]::new)));
    }

    private static BodyPublisher fileBody(Path file) {
        try {
            return BodyPublishers.ofFile(file);
        } catch (FileNotFoundException e) {
            throw new MissingFileException(file, "DICOM file");
        }
    }
}

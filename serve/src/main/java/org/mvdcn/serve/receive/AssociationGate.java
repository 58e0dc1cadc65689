package org.mvdcn.serve.receive;

import org.mvdcn.serve.CallerText;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.SequenceInputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Set;

/**
 * Admits or refuses a DICOM association by its calling AE title, before PixelMed sees it.
 *
 * <p>Written here because PixelMed's association acceptor checks only the called AE title: to
 * refuse unknown callers the node reads the A-ASSOCIATE-RQ PDU itself (PS3.8 9.3.2: the calling AE
 * title is bytes 26-41), answers an unknown caller with A-ASSOCIATE-RJ "calling AE title not
 * recognised" (PS3.8 9.3.4: rejected-permanent, service user, reason 3), and otherwise hands
 * PixelMed a stream that replays the request it has read.
 */
final class AssociationGate {

    /**
     * The request as read: the calling AE title (printable, for the log), whether it was refused
     * (the refusal already sent), and the stream to hand on (the request replayed, then the socket's).
     */
    record Admitted(String callingAe, boolean refused, InputStream replay) {}

    private static final int ASSOCIATE_RQ = 0x01;
    private static final int HEADER = 6;
    private static final int CALLING_AE_OFFSET = 26;
    private static final int AE_LENGTH = 16;
    /** A request is a few presentation contexts: far below this; larger is not a DICOM peer. */
    private static final int MAX_REQUEST = 1 << 20;

    private final Set<String> allowed;

    /** {@code allowed} empty: every caller is admitted. */
    AssociationGate(Set<String> allowed) {
        this.allowed = Set.copyOf(allowed);
    }

    /** The association's request; when refused, the refusal is sent on {@code socket}. */
    Admitted admit(Socket socket) throws IOException {
        DataInputStream in = new DataInputStream(socket.getInputStream());
        byte[] header = new byte[HEADER];
        in.readFully(header);
        int length = ((header[2] & 0xff) << 24) | ((header[3] & 0xff) << 16) | ((header[4] & 0xff) << 8) | (header[5] & 0xff);
        if ((header[0] & 0xff) != ASSOCIATE_RQ || length < CALLING_AE_OFFSET + AE_LENGTH - HEADER || length > MAX_REQUEST) {
            throw new IOException("not a DICOM association request (PDU type " + (header[0] & 0xff) + ", length " + length + ")");
        }
        byte[] request = new byte[HEADER + length];
        System.arraycopy(header, 0, request, 0, HEADER);
        in.readFully(request, HEADER, length);
        String callingAe = new String(request, CALLING_AE_OFFSET, AE_LENGTH, StandardCharsets.US_ASCII).trim();
        if (!allowed.isEmpty() && !allowed.contains(callingAe)) {
            OutputStream out = socket.getOutputStream();
            out.write(new byte[] {0x03, 0, 0, 0, 0, 4, 0, 0x01, 0x01, 0x03});
            out.flush();
            return new Admitted(CallerText.printable(callingAe), true, null);
        }
        return new Admitted(CallerText.printable(callingAe), false, new SequenceInputStream(new ByteArrayInputStream(request), in));
    }

}

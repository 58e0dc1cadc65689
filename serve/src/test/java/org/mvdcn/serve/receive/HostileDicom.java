package org.mvdcn.serve.receive;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.TagFromName;
import com.pixelmed.network.StorageSOPClassSCU;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** What an attacker sends a DICOM node, made with the tools a sender has: dcmtk's dcmodify and storescu, PixelMed's SCU. */
public final class HostileDicom {

    /** A sender's answer: storescu's exit status and what it printed. */
    public record Sent(int exit, String output) {}

    private HostileDicom() {}

    /** A copy of {@code file} with these attributes ("(gggg,eeee)" to value) set or added, whatever their value, by dcmodify. */
    public static Path modified(Path file, Path copy, Map<String, String> attributes) throws IOException, InterruptedException {
        Files.copy(file, copy, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        List<String> command = new ArrayList<>(List.of("dcmodify", "--no-backup"));
        attributes.forEach((tag, value) -> command.addAll(List.of("--insert", tag + "=" + value)));
        command.add(copy.toString());
        Sent r = run(command);
        if (r.exit() != 0) {
            throw new IOException("dcmodify failed: " + r.output());
        }
        return copy;
    }

    /** dcmtk's storescu (3.6.7 sends a file whose UIDs are not UIDs as it is); returns, never throws, on a failed store. */
    public static Sent storescu(String callingAe, int port, Path... files) throws IOException, InterruptedException {
        return storescu(callingAe, port, List.of(), files);
    }

    /** storescu with options of its own, such as the transfer syntaxes it proposes. */
    public static Sent storescu(String callingAe, int port, List<String> options, Path... files) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("storescu", "-aet", callingAe, "-aec", "MVDCN"));
        command.addAll(options);
        command.addAll(List.of("127.0.0.1", String.valueOf(port)));
        for (Path f : files) {
            command.add(f.toString());
        }
        return run(command);
    }

    /**
     * Sends {@code file} by C-STORE with this Affected SOP Instance UID in the request (PixelMed's SCU
     * takes it as given): the value PixelMed's storage SCP named its files after. Failures on the
     * node's side are the point, so they are returned, not thrown.
     */
    public static String storeAs(int port, Path file, String affectedSopInstanceUid) throws IOException {
        AttributeList a = new AttributeList();
        try {
            a.read(file.toString(), TagFromName.PixelData);
            new StorageSOPClassSCU("127.0.0.1", port, "MVDCN", "ATTACKER", file.toString(),
                    Attribute.getSingleStringValueOrEmptyString(a, TagFromName.SOPClassUID), affectedSopInstanceUid, 0);
            return "sent";
        } catch (Exception e) {
            return "failed: " + e;
        }
    }

    static Sent run(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Sent(p.waitFor(), out);
    }
}

package org.mvdcn.dicom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.TagFromName;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OrthancTest {

    private static final String STUDY = "1.2.826.0.1.3680043.10.1234.1";

    @TempDir
    Path dir;

    @Test
    void storesAndFindsAnInstanceThenLeavesNoProcessNorNamespace() throws Exception {
        Path file = TestDicom.sampleExam(dir.resolve("exam"), UnaryOperator.identity()).get(0);
        Path work = dir.resolve("pacs");
        ProcessHandle server;
        String namespace;
        try (Orthanc orthanc = Orthanc.start(work, Map.of())) {
            String id = orthanc.upload(file);

            assertThat(orthanc.instancesOfStudy(STUDY)).containsExactly(Map.of("ID", id, "SOPInstanceUID", STUDY + ".1",
                    "SOPClassUID", "1.2.840.10008.5.1.4.1.1.1.2", "Modality", "MG", "SeriesInstanceUID", STUDY + ".0"));
            assertThat(orthanc.instanceFile(id)).isEqualTo(Files.readAllBytes(file));
            assertThat(orthanc.instancesOfStudy("1.2.3.4")).isEmpty();

            server = ProcessHandle.allProcesses().filter(p -> startedFrom(p, work)).findFirst().orElseThrow();
            namespace = namespaceOf(server.pid());
            assertThat(namespace).as("network namespace holding Orthanc").isNotNull();
            assertThat(orthanc.address()).isNotEqualTo(orthanc.hostAddress()).startsWith("10.211.");
        }
        assertThat(server.isAlive()).isFalse();
        assertThat(ip("netns", "list")).doesNotContain(namespace);
    }

    @Test
    void sendsAStudyToAModalityOnTheHostAndReportsOneThatIsNotListening() throws Exception {
        Path file = TestDicom.sampleExam(dir.resolve("exam"), UnaryOperator.identity()).get(0);
        Path received = Files.createDirectories(dir.resolve("received"));
        int port = freePort();
        // dcmtk's storage SCP stands for the caller's DICOM node; it listens on all the host's interfaces, the link's included
        Process scp = new ProcessBuilder("storescp", "--aetitle", "RECEIVER", "--output-directory", received.toString(),
                String.valueOf(port)).redirectErrorStream(true).redirectOutput(dir.resolve("storescp.log").toFile()).start();
        Map<String, Orthanc.Modality> modalities = Map.of("receiver", new Orthanc.Modality("RECEIVER", port),
                "nobody", new Orthanc.Modality("NOBODY", freePort()));
        try (Orthanc orthanc = Orthanc.start(dir.resolve("pacs"), modalities)) {
            orthanc.upload(file);
            awaitListening(port);

            orthanc.sendStudyToModality("receiver", STUDY);

            List<Path> arrived;
            try (var files = Files.list(received)) {
                arrived = files.toList();
            }
            assertThat(arrived).hasSize(1);
            AttributeList sent = new AttributeList();
            sent.read(arrived.get(0).toFile());
            assertThat(Attribute.getSingleStringValueOrEmptyString(sent, TagFromName.SOPInstanceUID)).isEqualTo(STUDY + ".1");
            assertThat(Attribute.getSingleIntegerValueOrDefault(sent, TagFromName.Rows, 0)).isEqualTo(2600);
            assertThatThrownBy(() -> orthanc.sendStudyToModality("nobody", STUDY))
                    .hasMessageContaining("/modalities/nobody/store: HTTP 500")
                    .hasMessageContaining("connecting to AET \\\"NOBODY\\\"");
            assertThatThrownBy(() -> orthanc.sendStudyToModality("receiver", "1.2.3.4"))
                    .hasMessageContaining("has no study 1.2.3.4");
        } finally {
            scp.destroy();
            scp.waitFor(5, TimeUnit.SECONDS);
        }
    }

    private static void awaitListening(int port) throws InterruptedException {
        for (int i = 0; i < 50; i++) {
            try (Socket probe = new Socket("127.0.0.1", port)) {
                return;
            } catch (IOException notYet) {
                Thread.sleep(100);
            }
        }
        throw new AssertionError("storescp is not listening on port " + port);
    }

    private static boolean startedFrom(ProcessHandle p, Path work) {
        return p.info().arguments().map(args -> Arrays.stream(args).anyMatch(a -> a.startsWith(work.toString()))).orElse(false);
    }

    private static String namespaceOf(long pid) throws IOException, InterruptedException {
        for (String line : ip("netns", "list").lines().toList()) {
            String name = line.split(" ")[0];
            if (ip("netns", "pids", name).lines().anyMatch(p -> p.equals(String.valueOf(pid)))) {
                return name;
            }
        }
        return null;
    }

    private static String ip(String... args) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(concat("ip", args)).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor()).as("ip " + String.join(" ", args) + ": " + out).isZero();
        return out;
    }

    private static List<String> concat(String first, String... rest) {
        return java.util.stream.Stream.concat(java.util.stream.Stream.of(first), Arrays.stream(rest)).toList();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}

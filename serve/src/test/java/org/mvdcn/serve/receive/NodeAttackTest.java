package org.mvdcn.serve.receive;

import static org.assertj.core.api.Assertions.assertThat;

import com.pixelmed.network.VerificationSOPClassSCU;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mvdcn.dicom.TestDicom;
import org.mvdcn.exam.View;
import org.mvdcn.serve.jobs.StudyJob;
import org.mvdcn.serve.jobs.StudyState;
import org.mvdcn.serve.web.RunningNode;

/**
 * The running node (receiver, inbox, compute loop) attacked through its DICOM port: values from the
 * wire that are paths, broken pixel data, a sender that stalls, a crowd of associations, bytes that
 * are no DICOM at all. After each, nothing exists outside the data folder that a value aimed at,
 * no half-received file is left in the spool, and a good study is still computed.
 */
class NodeAttackTest {

    private static final Duration IDLE = Duration.ofSeconds(2);
    private static final int ASSOCIATIONS = 8;
    private static final Duration STUDY_WITHIN = Duration.ofMinutes(3);

    @TempDir
    static Path dir;
    static RunningNode running;
    static Path outside;
    static Path absoluteTarget;
    private static int studies;

    @BeforeAll
    static void start() throws IOException {
        running = RunningNode.start(dir, false, new ReceiveLimits(IDLE, ASSOCIATIONS));
        outside = dir.resolve("outside");
        absoluteTarget = Path.of(System.getProperty("java.io.tmpdir"), "mvdcn-escaped-" + ProcessHandle.current().pid());
    }

    @AfterAll
    static void stop() {
        running.close();
    }

    @AfterEach
    void nothingEscapedAndTheSpoolIsEmptyOnceTheAssociationsEnd() throws Exception {
        assertThat(outside).doesNotExist();
        assertThat(absoluteTarget).doesNotExist();
        Path spool = running.node.folders().spool();
        awaitState(() -> associationFolders(spool).isEmpty(), Duration.ofSeconds(30), "the spool's association folders removed");
        // the next test's caller must find a free place, not one a caller of this test still holds
        awaitState(() -> running.node.openAssociations() == 0, Duration.ofSeconds(30), "every association ended");
        try (Stream<Path> all = Files.walk(dir.resolve("data"))) {
            // every file the node holds is one it named: its store, audit trail, a study's images or results
            assertThat(all.filter(Files::isRegularFile).map(p -> dir.resolve("data").relativize(p).toString()))
                    .allMatch(p -> p.matches("jobs\\.db.*|audit/[0-9]{4}-[0-9]{2}-[0-9]{2}\\.jsonl|incoming/[0-9.]+/[0-9.]+\\.dcm"
                            + "|results/[0-9.]+/[0-9a-f]{16}/.+"));
        }
    }

    @Test
    void uidsInTheStoreRequestThatArePathsNeverBecomePaths() throws Exception {
        String study = nextStudyUid();
        Path file = TestDicom.sampleExam(dir.resolve("request-uids"), s -> s.study(study, "P-REQ", "ACC-REQ")).get(0);
        Path fromSpool = Path.of("..", "..", "..", "outside", "x");
        for (String uid : List.of(fromSpool.toString(), absoluteTarget.toString(), "1.2.3/../../../../outside/y", "9".repeat(1000))) {
            HostileDicom.storeAs(running.dicomPort(), file, uid);
        }
        // the object itself is sound: it is kept under its own SOP Instance UID, whatever the request said
        assertThat(running.node.jobs().get(study)).isPresent();
        assertThat(running.node.studyFolder(study)).isDirectoryContaining(p -> p.getFileName().toString().matches("[0-9.]+\\.dcm"));
    }

    @Test
    void uidsInTheObjectThatAreNotUidsAreRefusedWithTheirReason() throws Exception {
        Path file = TestDicom.sampleExam(dir.resolve("object-uids"), s -> s.study(nextStudyUid(), "P-OBJ", "ACC-OBJ")).get(0);
        List<Map<String, String>> hostile = List.of(Map.of("(0008,0018)", "../../../outside/x"),
                Map.of("(0020,000d)", "../../../outside"), Map.of("(0020,000d)", "1." + "2".repeat(400)),
                Map.of("(0008,0018)", "not-a-uid"), Map.of("(0020,000d)", absoluteTarget.toString()));
        for (int i = 0; i < hostile.size(); i++) {
            Path copy = HostileDicom.modified(file, dir.resolve("object-uids").resolve("hostile-" + i + ".dcm"), hostile.get(i));
            int before = running.log.size();
            HostileDicom.Sent sent = HostileDicom.storescu("MODALITY", running.dicomPort(), copy);
            assertThat(sent.exit()).as("the sender is told the store failed: %s", sent.output()).isNotZero();
            assertThat(running.log.subList(before, running.log.size())).as("%s", hostile.get(i))
                    .anyMatch(l -> l.startsWith("refused an object from 127.0.0.1") && l.contains("not a valid UID"));
        }
        assertThat(running.node.jobs().list(0, 500)).extracting(StudyJob::studyUid).allMatch(u -> u.matches("[0-9.]+"));
    }

    @Test
    void callingAeTitlesThatArePathsOrControlCharactersAreOnlyLogged() throws Exception {
        String study = nextStudyUid();
        Path file = TestDicom.sampleExam(dir.resolve("ae"), s -> s.study(study, "P-AE", "ACC-AE")).get(0);
        for (String ae : List.of("../../../outside", "/etc/passwd", "A\\B|C;rm -rf")) {
            assertThat(HostileDicom.storescu(ae, running.dicomPort(), file).exit()).as(ae).isZero();
        }
        assertThat(running.node.jobs().get(study)).isPresent();
    }

    @Test
    void brokenPixelDataFailsItsStudyWithTheReasonAndTheNextStudyIsComputed() throws Exception {
        // the reason each change must give: Rows over the data's 2600 (truncated), a header promising 65535 x 65535 pixels
        Map<String, Map<String, String>> changes = Map.of("truncated pixel data", Map.of("(0028,0010)", "5200"),
                "larger than any mammography detector", Map.of("(0028,0010)", "65535", "(0028,0011)", "65535"));
        for (var broken : changes.entrySet()) {
            String study = nextStudyUid();
            List<Path> files = new ArrayList<>(TestDicom.sampleExam(dir.resolve("broken-" + study), s -> s.study(study, "P-BAD", "ACC-BAD")));
            files.set(1, HostileDicom.modified(files.get(1), files.get(1).resolveSibling("broken.dcm"), broken.getValue()));
            assertThat(HostileDicom.storescu("MODALITY", running.dicomPort(), files.toArray(Path[]::new)).exit()).isZero();
            StudyJob job = running.awaitFinished(study, STUDY_WITHIN);
            assertThat(job.state()).isEqualTo(StudyState.FAILED);
            assertThat(job.reason()).contains(broken.getKey()).doesNotContain("internal error");
        }
        String study = nextStudyUid();
        List<Path> files = TestDicom.sampleExam(dir.resolve("random-" + study), s -> s.study(study, "P-RND", "ACC-RND")
                .encoding(TestDicom.Encoding.JPEG_LOSSLESS));
        randomiseAfterTheFirstKilobyteOfPixelData(files.get(0));
        HostileDicom.Sent sent = HostileDicom.storescu("MODALITY", running.dicomPort(), List.of("--propose-lossless"),
                files.toArray(Path[]::new));
        assertThat(sent.exit()).as(sent.output()).isZero();
        StudyJob job = running.awaitFinished(study, STUDY_WITHIN);
        // JPEG lossless has no checksum: noise may decode to noise; what it must never do is take the node down
        if (job.state() == StudyState.FAILED) {
            assertThat(job.reason()).isNotBlank().doesNotContain("internal error");
        }
        aGoodStudyIsComputed();
    }

    @Test
    void aSenderThatStallsMidObjectIsCutOffAndItsPartLeftNowhere() throws Exception {
        Path file = TestDicom.sampleExam(dir.resolve("stall"), s -> s.study(nextStudyUid(), "P-STALL", "ACC-STALL")).get(0);
        try (StallingProxy proxy = new StallingProxy(running.dicomPort(), 64 * 1024)) {
            Process sender = new ProcessBuilder("storescu", "-aet", "MODALITY", "-aec", "MVDCN", "127.0.0.1", String.valueOf(proxy.port()),
                    file.toString()).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            try {
                awaitState(proxy::nodeHungUp, IDLE.multipliedBy(10), "the node hanging up on the stalled sender");
            } finally {
                sender.destroyForcibly().waitFor();
            }
        }
        // PixelMed may close the socket before the node's handler logs the cut-off; the association's place is freed after it
        awaitState(() -> running.node.openAssociations() == 0, IDLE.multipliedBy(10), "the stalled association ended");
        assertThat(running.log).anyMatch(l -> l.startsWith("cut off the association from 127.0.0.1") && l.contains("nothing received for 2 s"));
        // a caller that opens a connection and says almost nothing
        try (Socket s = new Socket("127.0.0.1", running.dicomPort())) {
            s.getOutputStream().write(new byte[] {1, 0, 0});
            s.setSoTimeout(Math.toIntExact(IDLE.multipliedBy(10).toMillis()));
            assertThat(s.getInputStream().read()).as("the node closes the connection").isEqualTo(-1);
        }
        aGoodStudyIsComputed();
    }

    @Test
    void bytesThatAreNoAssociationRequestAreRefused() throws Exception {
        byte[] noise = new byte[4096];
        new Random(7).nextBytes(noise);
        noise[0] = 7; // not A-ASSOCIATE-RQ (1)
        try (Socket s = new Socket("127.0.0.1", running.dicomPort())) {
            s.setSoTimeout(30_000);
            s.getOutputStream().write(noise);
            assertThat(s.getInputStream().read()).isEqualTo(-1);
        }
        assertThat(running.log).anyMatch(l -> l.contains("not a DICOM association request (PDU type 7"));
    }

    @Test
    void aHundredAssociationsAtOnceAreAnsweredOrToldToComeBackAndTheNodeStaysUp() throws Exception {
        int callers = 100;
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(callers);
        List<Future<Boolean>> answers = new ArrayList<>();
        for (int i = 0; i < callers; i++) {
            answers.add(pool.submit(() -> {
                go.await();
                try {
                    new VerificationSOPClassSCU("127.0.0.1", running.dicomPort(), "MVDCN", "CROWD", false);
                    return true;
                } catch (Exception refused) {
                    return false;
                }
            }));
        }
        go.countDown();
        pool.shutdown();
        assertThat(pool.awaitTermination(2, TimeUnit.MINUTES)).as("every caller answered within 2 minutes").isTrue();
        long echoed = 0;
        for (Future<Boolean> f : answers) {
            echoed += f.get() ? 1 : 0;
        }
        assertThat(echoed).as("echoed").isGreaterThanOrEqualTo(ASSOCIATIONS);
        if (echoed < callers) {
            assertThat(running.log).anyMatch(l -> l.contains(ASSOCIATIONS + " associations are open (the limit)"));
        }
        awaitState(NodeAttackTest::echoed, Duration.ofSeconds(30), "a C-ECHO answered once the crowd has gone");
        aGoodStudyIsComputed();
    }

    private static void aGoodStudyIsComputed() throws Exception {
        String study = nextStudyUid();
        running.store(TestDicom.sampleExam(dir.resolve("good-" + study), s -> s.study(study, "P-GOOD", "ACC-GOOD")));
        assertThat(running.awaitFinished(study, STUDY_WITHIN).state()).isEqualTo(StudyState.DONE);
    }

    private static synchronized String nextStudyUid() {
        return "1.2.826.0.1.3680043.10.1147.9" + (++studies);
    }

    /** Overwrites the JPEG stream of the first pixel data fragment, past its first kilobyte, with random bytes. */
    private static void randomiseAfterTheFirstKilobyteOfPixelData(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        int soi = -1;
        for (int i = 0; i + 1 < bytes.length; i++) {
            if ((bytes[i] & 0xff) == 0xff && (bytes[i + 1] & 0xff) == 0xd8) {
                soi = i;
                break;
            }
        }
        assertThat(soi).as("a JPEG stream in " + file).isPositive();
        byte[] noise = new byte[bytes.length - soi - 1024 - 16];
        new Random(11).nextBytes(noise);
        System.arraycopy(noise, 0, bytes, soi + 1024, noise.length);
        Files.write(file, bytes);
    }

    private static boolean echoed() {
        try {
            new VerificationSOPClassSCU("127.0.0.1", running.dicomPort(), "MVDCN", "MODALITY", false);
            return true;
        } catch (Exception busy) {
            return false;
        }
    }

    private static List<Path> associationFolders(Path spool) {
        try (Stream<Path> s = Files.list(spool)) {
            return s.filter(p -> p.getFileName().toString().startsWith(DicomReceiver.ASSOCIATION_PREFIX)).toList();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void awaitState(BooleanSupplier state, Duration within, String what) throws InterruptedException {
        Instant end = Instant.now().plus(within);
        while (!state.getAsBoolean()) {
            if (Instant.now().isAfter(end)) {
                throw new AssertionError("not within " + within + ": " + what + "; log:\n" + String.join("\n", running.log));
            }
            Thread.sleep(50);
        }
    }

    /** Forwards a sender's first bytes to the node, then forwards nothing more and keeps the connection open: an object that never ends. */
    private static final class StallingProxy implements AutoCloseable {

        private final ServerSocket server = new ServerSocket(0);
        private final Thread thread;
        private volatile boolean nodeHungUp;
        private final List<Socket> sockets = new java.util.concurrent.CopyOnWriteArrayList<>();

        StallingProxy(int nodePort, int forward) throws IOException {
            thread = new Thread(() -> {
                try (Socket client = server.accept(); Socket node = new Socket("127.0.0.1", nodePort)) {
                    sockets.add(client);
                    sockets.add(node);
                    Thread back = new Thread(() -> pump(node, client, Long.MAX_VALUE, true));
                    back.setDaemon(true);
                    back.start();
                    pump(client, node, forward, false);
                    back.join(); // holds both open until the node hangs up
                } catch (Exception e) {
                    // the test's close() ends it
                }
            }, "stalling-proxy");
            thread.setDaemon(true);
            thread.start();
        }

        private void pump(Socket from, Socket to, long limit, boolean fromNode) {
            try {
                InputStream in = from.getInputStream();
                OutputStream out = to.getOutputStream();
                byte[] buffer = new byte[8192];
                long sent = 0;
                while (sent < limit) {
                    int n = in.read(buffer, 0, (int) Math.min(buffer.length, limit - sent));
                    if (n < 0) {
                        break;
                    }
                    out.write(buffer, 0, n);
                    sent += n;
                }
            } catch (IOException e) {
                // a connection closed
            }
            if (fromNode) {
                nodeHungUp = true;
            }
        }

        int port() {
            return server.getLocalPort();
        }

        boolean nodeHungUp() {
            return nodeHungUp;
        }

        @Override
        public void close() throws IOException {
            server.close();
            for (Socket s : sockets) {
                s.close();
            }
        }
    }
}

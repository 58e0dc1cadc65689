package org.mvdcn.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mvdcn.TestData;
import org.mvdcn.dicom.TestDicom;
import org.mvdcn.serve.receive.HostileDicom;
import org.mvdcn.serve.web.WebServer;

/**
 * {@code ./mvdcn serve} as shipped: the launcher's class path, not a module's. Every route of the
 * web API answers (a class-path conflict between modules, such as a servlet API of the wrong
 * version, fails here), a study sent by C-STORE is computed, and a store request whose UID is a
 * path writes nothing outside the data folder.
 */
class ServeLauncherIT {

    private static final String STUDY = "1.2.826.0.1.3680043.10.1147.70";

    @TempDir
    static Path dir;
    static Process node;
    static Path log;
    static int dicomPort;
    static NodeApi api;
    static String token;

    @BeforeAll
    static void startTheNodeFromTheLauncher() throws Exception {
        dicomPort = ServeProcess.freePort();
        int httpPort = ServeProcess.freePort();
        log = dir.resolve("serve.log");
        node = Launcher.start(log, "serve", "--weights", TestData.resource("parity/full.safetensors").toString(), "--ae", "MVDCN",
                "--port", String.valueOf(dicomPort), "--data", dir.resolve("data").toString(), "--http", String.valueOf(httpPort),
                "--quiet-seconds", "1", "--threads", "2");
        api = new NodeApi(httpPort);
        Instant end = Instant.now().plus(Duration.ofMinutes(2));
        while (api.status("GET", "/api/health", null) != 200) {
            if (!node.isAlive() || Instant.now().isAfter(end)) {
                throw new AssertionError("./mvdcn serve did not answer /api/health: " + Files.readString(log));
            }
            Thread.sleep(200);
        }
        token = Files.readString(dir.resolve("data").resolve("token")).strip();
    }

    @AfterAll
    static void stopByPid() throws Exception {
        Launcher.stop(node, log);
    }

    @Test
    void healthAnswersAndEveryOtherRouteRefusesACallerWithoutTheToken() throws Exception {
        for (WebServer.Route r : WebServer.routes()) {
            int answer = api.status(r.method().name(), concrete(r), null);
            assertThat(answer).as(r.method() + " " + r.path() + ": " + Files.readString(log)).isEqualTo(r.open() ? 200 : 401);
        }
    }

    @Test
    void aStudySentByCStoreIsComputedAndEveryRouteServesIt() throws Exception {
        HostileDicom.Sent sent = HostileDicom.storescu("MODALITY", dicomPort,
                TestDicom.sampleExam(dir.resolve("study"), s -> s.study(STUDY, "P-LAUNCHER", "ACC-LAUNCHER")).toArray(Path[]::new));
        assertThat(sent.exit()).as(sent.output()).isZero();
        awaitDone();
        for (WebServer.Route r : WebServer.routes()) {
            HttpResponse<byte[]> answer = api.send(r.method().name(), concrete(r), token);
            assertThat(answer.statusCode()).as(r.method() + " " + r.path() + ": " + Files.readString(log))
                    .isEqualTo(r.method().name().equals("POST") ? 202 : 200);
            if (r.path().endsWith("{name}") && r.path().startsWith("/api")) {
                assertThat(ImageIO.read(new ByteArrayInputStream(answer.body()))).as("a PNG that decodes").isNotNull();
            }
        }
        awaitDone(); // the reprocessing asked for above
    }

    @Test
    void aStoreRequestWhoseUidIsAPathWritesNothingOutsideTheDataFolder() throws Exception {
        Path file = TestDicom.sampleExam(dir.resolve("traversal"), s -> s.study("1.2.826.0.1.3680043.10.1147.71", "P-T", "ACC-T")).get(0);
        Path target = dir.resolve("escaped");
        // from data/spool/<folder>/ four levels up is dir's parent; three is dir itself
        for (String uid : List.of("../../../escaped", "../../../../escaped", target.toString())) {
            HostileDicom.storeAs(dicomPort, file, uid);
        }
        assertThat(target).doesNotExist();
        assertThat(dir.getParent().resolve("escaped")).doesNotExist();
        assertThat(api.status("GET", "/api/health", null)).isEqualTo(200);
    }

    private static void awaitDone() throws Exception {
        Instant end = Instant.now().plus(Duration.ofMinutes(3));
        while (true) {
            String state = api.found("/api/studies/" + STUDY, token).map(s -> s.path("status").asText()).orElse("");
            if (state.equals("done")) {
                return;
            }
            assertThat(state).as("study state").isNotEqualTo("failed");
            if (Instant.now().isAfter(end)) {
                throw new AssertionError("study not done within 3 minutes: " + Files.readString(log));
            }
            Thread.sleep(200);
        }
    }

    private static String concrete(WebServer.Route r) {
        return r.path().replace("{uid}", STUDY).replace("{name}", r.path().startsWith("/assets") ? "app.js" : "L-CC.png");
    }
}

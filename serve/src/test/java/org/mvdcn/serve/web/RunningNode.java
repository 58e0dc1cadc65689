package org.mvdcn.serve.web;

import ai.djl.Device;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.mvdcn.TestData;
import org.mvdcn.preprocess.PreprocessingOverrides;
import org.mvdcn.serve.DicomNode;
import org.mvdcn.serve.NodeConfig;
import org.mvdcn.serve.receive.ReceiveLimits;
import org.mvdcn.serve.jobs.StudyJob;
import org.mvdcn.serve.jobs.StudyState;

/**
 * A node with its web server, in this JVM, on free ports, with the reference weights: studies are
 * pushed to it with dcmtk's storescu, its pages and API asked over real HTTP.
 */
public final class RunningNode implements AutoCloseable {

    public final DicomNode node;
    public final WebServer web;
    public final String token;
    public final List<String> log;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private RunningNode(DicomNode node, WebServer web, String token, List<String> log) {
        this.log = log;
        this.node = node;
        this.web = web;
        this.token = token;
    }

    public static RunningNode start(Path dir, boolean showPatient) throws IOException {
        return start(dir, showPatient, ReceiveLimits.defaults());
    }

    public static RunningNode start(Path dir, boolean showPatient, ReceiveLimits limits) throws IOException {
        List<String> log = new CopyOnWriteArrayList<>();
        // the quiet period: on a loaded machine (CI beside a training run) the four full-size views of one C-STORE came
        // more than 500 ms apart, and the study was computed with three views and failed
        NodeConfig config = new NodeConfig(TestData.resource("parity/full.safetensors"), PreprocessingOverrides.none(), "MVDCN", 0,
                dir.resolve("data"), Duration.ofSeconds(3), null, null, java.time.LocalDate.now(), Duration.ofSeconds(30), Set.of(),
                null, 0, Device.cpu(), limits);
        DicomNode node = DicomNode.start(config, Clock.systemUTC(), log::add);
        Path tokenFile = dir.resolve("token");
        WebServer web;
        try {
            web = WebServer.start(node, new WebConfig("127.0.0.1", 0, tokenFile, showPatient), log::add);
        } catch (IOException | RuntimeException e) {
            node.close();
            throw e;
        }
        return new RunningNode(node, web, java.nio.file.Files.readString(tokenFile).strip(), log);
    }

    public String base() {
        return "http://127.0.0.1:" + web.port();
    }

    /** Sends the files to the node by C-STORE (dcmtk storescu), as a modality or PACS would. */
    public void store(List<Path> files) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("storescu", "-aet", "MODALITY", "-aec", "MVDCN", "127.0.0.1",
                String.valueOf(node.dicomPort())));
        files.forEach(f -> command.add(f.toString()));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IOException("storescu failed: " + out);
        }
    }

    public int dicomPort() {
        return node.dicomPort();
    }

    /** Waits until the study is done or failed; returns its job. */
    public StudyJob awaitFinished(String studyUid, Duration within) throws InterruptedException {
        Instant end = Instant.now().plus(within);
        while (Instant.now().isBefore(end)) {
            StudyJob job = node.jobs().get(studyUid).orElse(null);
            if (job != null && (job.state() == StudyState.DONE || job.state() == StudyState.FAILED)) {
                return job;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("study " + studyUid + " not finished within " + within + "; log:\n" + String.join("\n", log));
    }

    /** GET with the token (or with {@code bearer}, null for none). */
    public HttpResponse<String> get(String path, String bearer) throws IOException, InterruptedException {
        HttpRequest.Builder r = HttpRequest.newBuilder(URI.create(base() + path)).GET();
        if (bearer != null) {
            r.header("Authorization", "Bearer " + bearer);
        }
        return http.send(r.build(), HttpResponse.BodyHandlers.ofString());
    }

    public HttpResponse<byte[]> getBytes(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(base() + path)).header("Authorization", "Bearer " + token).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    public HttpResponse<String> post(String path, String bearer) throws IOException, InterruptedException {
        HttpRequest.Builder r = HttpRequest.newBuilder(URI.create(base() + path)).POST(HttpRequest.BodyPublishers.noBody());
        if (bearer != null) {
            r.header("Authorization", "Bearer " + bearer);
        }
        return http.send(r.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Override
    public void close() {
        web.close();
        node.close();
    }
}

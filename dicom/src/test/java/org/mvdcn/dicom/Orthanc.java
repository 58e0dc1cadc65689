package org.mvdcn.dicom;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.mvdcn.io.AtomicFiles;

/**
 * A real PACS for tests: Debian's Orthanc with its DICOMweb plugin, alone in a network namespace.
 * Orthanc listens on all interfaces, so the namespace keeps its ports off the host's; each fixture
 * gets its own /30 link to the host (10.211.n.0/30: host .1, Orthanc .2), so fixtures of several
 * test JVMs run side by side. Needs root, iproute2 and the orthanc and orthanc-dicomweb packages
 * (./mvdcn test installs them); without them it fails rather than skips, so a missing PACS never
 * passes as a green build.
 */
public final class Orthanc implements AutoCloseable {

    /** A DICOM node on the host side that Orthanc may send to (C-STORE), at {@link #hostAddress()}. */
    public record Modality(String aeTitle, int port) {}

    private static final Path BINARY = Path.of("/usr/sbin/Orthanc");
    private static final Path DICOMWEB_PLUGIN = Path.of("/usr/share/orthanc/plugins/libOrthancDicomWeb.so");
    private static final String AE_TITLE = "ORTHANC";
    private static final int DICOM_PORT = 4242;
    private static final int HTTP_PORT = 8042;
    private static final Duration READY_WITHIN = Duration.ofSeconds(30);
    // Orthanc takes about 3.5 s to stop on SIGTERM (its servers poll); past this it is killed
    private static final Duration STOP_WITHIN = Duration.ofSeconds(10);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Link link;
    private final Path log;
    private final HttpClient http;
    private final Thread cleanupAtExit;
    private final AtomicBoolean closed = new AtomicBoolean();
    private Process process;

    private Orthanc(Link link, Path log) {
        this.link = link;
        this.log = log;
        // Orthanc's web server speaks HTTP/1.1; the JDK's default h2c upgrade attempt is only noise
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
        this.cleanupAtExit = new Thread(this::close, "orthanc-cleanup-" + link.namespace);
    }

    /**
     * Starts Orthanc with its database under a new folder in {@code workDir} and the given DICOM
     * nodes (Orthanc's name for each -> AE title and port on the host side); returns once its REST
     * API answers.
     */
    public static Orthanc start(Path workDir, Map<String, Modality> modalities) throws IOException {
        return start(workDir, modalities, List.of());
    }

    /** The same, with Lua scripts Orthanc runs (its "LuaScripts" setting), e.g. to forward what it stores. */
    public static Orthanc start(Path workDir, Map<String, Modality> modalities, List<Path> luaScripts) throws IOException {
        checkPrerequisites();
        Path home = Files.createTempDirectory(Files.createDirectories(workDir), "orthanc-");
        Orthanc orthanc = new Orthanc(Link.create(), home.resolve("orthanc.log"));
        // registered as soon as the namespace exists, so a crashed test leaves none behind
        Runtime.getRuntime().addShutdownHook(orthanc.cleanupAtExit);
        try {
            orthanc.launch(writeConfig(home, orthanc.hostAddress(), modalities, luaScripts));
            return orthanc;
        } catch (IOException | RuntimeException e) {
            orthanc.close();
            throw e;
        }
    }

    /** Where Orthanc reaches the host (the host side of the link). */
    public String hostAddress() {
        return link.hostAddress();
    }

    /** Orthanc's address, for DICOM and HTTP. */
    public String address() {
        return link.namespaceAddress();
    }

    public int dicomPort() {
        return DICOM_PORT;
    }

    public String aeTitle() {
        return AE_TITLE;
    }

    /** The REST API's root. */
    public URI rest() {
        return URI.create("http://" + address() + ":" + HTTP_PORT);
    }

    /** The DICOMweb (QIDO-RS, WADO-RS, STOW-RS) root. */
    public URI dicomWeb() {
        return URI.create(rest() + "/dicom-web");
    }

    /** Stores one DICOM file; returns Orthanc's ID of the instance. */
    public String upload(Path dicomFile) throws IOException {
        JsonNode answer = json(post("/instances", HttpRequest.BodyPublishers.ofFile(dicomFile)));
        return answer.path("ID").asText();
    }

    /**
     * The study's instances, each as Orthanc's ID ("ID") and its SOPInstanceUID, SOPClassUID,
     * Modality and SeriesInstanceUID. Orthanc 1.10 keeps only some of these in its index (and has no
     * RequestedTags in /tools/find), so each instance's tags are read from its file.
     */
    public List<Map<String, String>> instancesOfStudy(String studyInstanceUid) throws IOException {
        ObjectNode query = JSON.createObjectNode().put("Level", "Instance");
        query.putObject("Query").put("StudyInstanceUID", studyInstanceUid);
        List<Map<String, String>> instances = new ArrayList<>();
        for (JsonNode id : json(post("/tools/find", HttpRequest.BodyPublishers.ofString(query.toString())))) {
            JsonNode tags = json(get("/instances/" + id.asText() + "/simplified-tags", HttpResponse.BodyHandlers.ofString()));
            Map<String, String> instance = new LinkedHashMap<>();
            instance.put("ID", id.asText());
            for (String tag : List.of("SOPInstanceUID", "SOPClassUID", "Modality", "SeriesInstanceUID")) {
                instance.put(tag, tags.path(tag).asText());
            }
            instances.add(instance);
        }
        return instances;
    }

    /** The instance's DICOM file as Orthanc stores it. */
    public byte[] instanceFile(String orthancInstanceId) throws IOException {
        return get("/instances/" + orthancInstanceId + "/file", HttpResponse.BodyHandlers.ofByteArray());
    }

    /** Has Orthanc send the whole study to one of the modalities given at start (C-STORE), and waits for it. */
    public void sendStudyToModality(String modality, String studyInstanceUid) throws IOException {
        String studyId = null;
        for (JsonNode found : json(post("/tools/lookup", HttpRequest.BodyPublishers.ofString(studyInstanceUid)))) {
            if (found.path("Type").asText().equals("Study")) {
                studyId = found.path("ID").asText();
            }
        }
        if (studyId == null) {
            throw new IOException("Orthanc at " + rest() + " has no study " + studyInstanceUid + " to send to " + modality);
        }
        ObjectNode job = JSON.createObjectNode().put("Synchronous", true);
        job.putArray("Resources").add(studyId);
        post("/modalities/" + modality + "/store", HttpRequest.BodyPublishers.ofString(job.toString()));
    }

    /** Stops Orthanc and removes its network namespace; safe to call twice. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        if (Thread.currentThread() != cleanupAtExit) {
            try {
                Runtime.getRuntime().removeShutdownHook(cleanupAtExit);
            } catch (IllegalStateException jvmExiting) {
                // the hook runs anyway and finds this fixture closed
            }
        }
        try {
            stop();
        } finally {
            link.close();
        }
    }

    private void launch(Path config) throws IOException {
        process = new ProcessBuilder("ip", "netns", "exec", link.namespace, BINARY.toString(), config.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        awaitReady();
        // close() stops Orthanc by this PID: that only works because `ip netns exec` execs Orthanc
        // in place instead of running it as a child
        String command = process.info().command().orElse("?");
        if (!command.equals(BINARY.toString())) {
            throw new IOException("Orthanc fixture: process " + process.pid() + " runs " + command + ", not " + BINARY
                    + " (ip netns exec no longer execs?): it could not be stopped by its PID");
        }
    }

    private void awaitReady() throws IOException {
        long deadline = System.nanoTime() + READY_WITHIN.toNanos();
        HttpRequest system = HttpRequest.newBuilder(rest().resolve("/system")).timeout(Duration.ofSeconds(2)).build();
        while (true) {
            if (!process.isAlive()) {
                throw new IOException("Orthanc exited with status " + process.exitValue() + " before answering; "
                        + log + " ends with:\n" + logTail());
            }
            try {
                if (http.send(system, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while waiting for Orthanc at " + rest());
            }
            if (System.nanoTime() > deadline) {
                throw new IOException("Orthanc did not answer GET " + system.uri() + " within " + READY_WITHIN.toSeconds()
                        + " s; " + log + " ends with:\n" + logTail());
            }
            sleep(100);
        }
    }

    private void stop() {
        if (process == null) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(STOP_WITHIN.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private String logTail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
        } catch (IOException e) {
            return "(log unreadable: " + e.getMessage() + ")";
        }
    }

    private String post(String path, HttpRequest.BodyPublisher body) throws IOException {
        return send(HttpRequest.newBuilder(rest().resolve(path)).POST(body).build(), HttpResponse.BodyHandlers.ofString());
    }

    private <T> T get(String path, HttpResponse.BodyHandler<T> handler) throws IOException {
        return send(HttpRequest.newBuilder(rest().resolve(path)).GET().build(), handler);
    }

    private <T> T send(HttpRequest request, HttpResponse.BodyHandler<T> handler) throws IOException {
        HttpResponse<T> response;
        try {
            response = http.send(request, handler);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted: " + request.method() + " " + request.uri());
        }
        if (response.statusCode() / 100 != 2) {
            Object body = response.body();
            String text = body instanceof byte[] bytes ? new String(bytes, StandardCharsets.UTF_8) : String.valueOf(body);
            throw new IOException(request.method() + " " + request.uri() + ": HTTP " + response.statusCode() + ": " + text);
        }
        return response.body();
    }

    private static JsonNode json(String text) throws IOException {
        return JSON.readTree(text);
    }

    private static Path writeConfig(Path home, String hostAddress, Map<String, Modality> modalities, List<Path> luaScripts)
            throws IOException {
        Path storage = Files.createDirectories(home.resolve("db"));
        ObjectNode config = JSON.createObjectNode()
                .put("Name", "mvdcn-test")
                .put("StorageDirectory", storage.toString())
                .put("IndexDirectory", storage.toString())
                .put("DicomAet", AE_TITLE)
                .put("DicomPort", DICOM_PORT)
                .put("HttpPort", HTTP_PORT)
                .put("RemoteAccessAllowed", true)
                .put("AuthenticationEnabled", false);
        config.putArray("Plugins").add(DICOMWEB_PLUGIN.toString());
        config.putObject("DicomWeb").put("Enable", true).put("Root", "/dicom-web/");
        ObjectNode nodes = config.putObject("DicomModalities");
        modalities.forEach((name, m) -> nodes.putArray(name).add(m.aeTitle()).add(hostAddress).add(m.port()));
        var scripts = config.putArray("LuaScripts");
        luaScripts.forEach(script -> scripts.add(script.toAbsolutePath().toString()));
        Path file = home.resolve("orthanc.json");
        AtomicFiles.writeString(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(config));
        return file;
    }

    private static void checkPrerequisites() throws IOException {
        int uid = (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid");
        if (uid != 0) {
            throw new IOException("Orthanc fixture: needs root to create a network namespace (running as uid " + uid + ")");
        }
        for (Path file : List.of(BINARY, DICOMWEB_PLUGIN)) {
            if (!Files.exists(file)) {
                throw new IOException("Orthanc fixture: " + file + " not found; install Debian's orthanc and orthanc-dicomweb "
                        + "packages (./mvdcn test installs them)");
            }
        }
    }

    private static void sleep(long millis) throws InterruptedIOException {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted");
        }
    }

    /**
     * A network namespace joined to the host by a veth pair on its own /30. The namespace's name
     * doubles as the lock on its subnet: `ip netns add` fails when the name exists, so two fixtures
     * (in one JVM or several) never take the same one.
     */
    private static final class Link implements AutoCloseable {
        private static final int SUBNETS = 256;

        final String namespace;
        private final int subnet;

        private Link(int subnet) {
            this.subnet = subnet;
            this.namespace = "mvdcn-orthanc-" + subnet;
        }

        static Link create() throws IOException {
            for (int subnet = 0; subnet < SUBNETS; subnet++) {
                Link link = new Link(subnet);
                Result added = ip("netns", "add", link.namespace);
                if (added.failed() && added.output.contains("File exists")) {
                    continue;
                }
                added.check();
                try {
                    link.wire();
                    return link;
                } catch (IOException | RuntimeException e) {
                    link.close();
                    throw e;
                }
            }
            throw new IOException("Orthanc fixture: network namespaces mvdcn-orthanc-0.." + (SUBNETS - 1) + " all exist; "
                    + "remove stale ones (ip netns list; ip netns del NAME)");
        }

        String hostAddress() {
            return "10.211." + subnet + ".1";
        }

        String namespaceAddress() {
            return "10.211." + subnet + ".2";
        }

        private void wire() throws IOException {
            ip("link", "add", hostSide(), "type", "veth", "peer", "name", namespaceSide()).check();
            ip("link", "set", namespaceSide(), "netns", namespace).check();
            ip("addr", "add", hostAddress() + "/30", "dev", hostSide()).check();
            ip("link", "set", hostSide(), "up").check();
            ip("-n", namespace, "addr", "add", namespaceAddress() + "/30", "dev", namespaceSide()).check();
            ip("-n", namespace, "link", "set", namespaceSide(), "up").check();
            ip("-n", namespace, "link", "set", "lo", "up").check();
        }

        // interface names are at most 15 characters
        private String hostSide() {
            return "mvo" + subnet + "h";
        }

        private String namespaceSide() {
            return "mvo" + subnet + "n";
        }

        /** Removes the pair (deleting one end deletes both) and the namespace; what is already gone is fine. */
        @Override
        public void close() {
            try {
                ip("link", "del", hostSide());
                ip("netns", "del", namespace).check();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private static Result ip(String... args) throws IOException {
            List<String> command = new ArrayList<>(List.of("ip"));
            command.addAll(List.of(args));
            Process p;
            try {
                p = new ProcessBuilder(command).redirectErrorStream(true).start();
            } catch (IOException e) {
                throw new IOException("Orthanc fixture: `ip` not found; install iproute2 (./mvdcn test installs it)", e);
            }
            String output = new String(p.getInputStream().readAllBytes()).strip();
            try {
                return new Result(String.join(" ", command), p.waitFor(), output);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted: " + String.join(" ", command));
            }
        }

        private record Result(String command, int status, String output) {
            boolean failed() {
                return status != 0;
            }

            void check() throws IOException {
                if (failed()) {
                    throw new IOException("Orthanc fixture: " + command + " failed (" + status + "): " + output);
                }
            }
        }
    }
}

package org.mvdcn.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import org.mvdcn.serve.NodeLoop;

/**
 * {@code mvdcn serve} in its own JVM (so it can be killed -9), its log collected for failure
 * messages. What it did is read from its state, never from its log's wording: its studies from the
 * API (the job store's view), and its loops' pass counts from its health answer.
 */
final class ServeProcess implements AutoCloseable {

    /** A study whose results went back to the PACS. */
    static final Predicate<JsonNode> RESULTS_SENT = s -> s.path("sent").asText().equals("sent");

    private static final Duration READY_WITHIN = Duration.ofMinutes(1);
    private static final Duration PASSES_WITHIN = Duration.ofMinutes(1);

    private final Process process;
    private final NodeApi api;
    private final Path tokenFile;
    private final List<String> lines = new CopyOnWriteArrayList<>();
    private String token;

    private ServeProcess(Process process, NodeApi api, Path tokenFile) {
        this.process = process;
        this.api = api;
        this.tokenFile = tokenFile;
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    lines.add(line);
                }
            } catch (IOException e) {
                lines.add("(log reader: " + e.getMessage() + ")");
            }
        }, "serve-log");
        reader.setDaemon(true);
        reader.start();
    }

    /**
     * Starts a node on {@code data} with its API on a free port, and returns once the API answers
     * (the DICOM listener and the loops are up by then: the web server starts after them).
     */
    static ServeProcess start(Path data, String... args) throws IOException, InterruptedException {
        int http = freePort();
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dai.djl.offline=true", "-cp", classPath(), Main.class.getName(), "serve", "--data", data.toString(),
                "--http", String.valueOf(http)));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        ServeProcess node = new ServeProcess(p, new NodeApi(http), data.resolve("token"));
        try {
            node.await("an answer to /api/health", READY_WITHIN,
                    () -> node.api.status("GET", "/api/health", null) == 200 ? Optional.of(true) : Optional.empty());
            node.token = Files.readString(node.tokenFile).strip();
        } catch (Throwable e) {
            node.close();
            throw e;
        }
        return node;
    }

    /**
     * This JVM's class path with the servlet API the launcher gives serve (Servlet 6, for Javalin's Jetty 12) in place of
     * Spark's (Servlet 5): one class path cannot hold both (pom.xml), and this module's holds Spark's.
     */
    private static String classPath() {
        Path servlet = Path.of(System.getProperty("mvdcn.servlet.serve"));
        if (!Files.isRegularFile(servlet)) {
            throw new IllegalStateException("serve's servlet API " + servlet + " is missing (cli/pom.xml sets mvdcn.servlet.serve)");
        }
        List<String> entries = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (!Path.of(entry).getFileName().toString().startsWith("jakarta.servlet-api-")) {
                entries.add(entry);
            }
        }
        entries.add(servlet.toString());
        return String.join(File.pathSeparator, entries);
    }

    /** A TCP port free now, for the node to listen on. */
    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** The study as the API shows it; empty while the node does not know it. */
    Optional<JsonNode> study(String studyUid) throws IOException, InterruptedException {
        return api.found("/api/studies/" + studyUid, token);
    }

    /** Waits until the node knows the study and it matches {@code state}; returns it as it was then. */
    JsonNode awaitStudy(String studyUid, Predicate<JsonNode> state, Duration within, String description)
            throws IOException, InterruptedException {
        return await(description + " (study " + studyUid + ")", within, () -> study(studyUid).filter(state));
    }

    /**
     * Waits until {@code loop} has completed a whole pass that began after this call: whatever that
     * loop would do about what happened before the call, it has done (or never will).
     */
    void awaitPassAfterNow(NodeLoop loop) throws IOException, InterruptedException {
        // the pass running now may have begun before the call: the one after it did not
        long target = passes(loop) + 2;
        await(target + " passes of the " + loop.label() + " loop", PASSES_WITHIN,
                () -> passes(loop) >= target ? Optional.of(true) : Optional.empty());
    }

    private long passes(NodeLoop loop) throws IOException, InterruptedException {
        return api.get("/api/health", null).path("passes").path(loop.label()).asLong();
    }

    @FunctionalInterface
    private interface State<T> {
        Optional<T> read() throws IOException, InterruptedException;
    }

    /** Reads {@code state} until it gives a value; fails with the log once the node exits or {@code within} is over. */
    private <T> T await(String description, Duration within, State<T> state) throws IOException, InterruptedException {
        Instant end = Instant.now().plus(within);
        while (true) {
            if (!process.isAlive()) {
                throw new AssertionError("serve exited (" + process.exitValue() + ") before " + description + ":\n" + log());
            }
            Optional<T> value = state.read();
            if (value.isPresent()) {
                return value.get();
            }
            if (Instant.now().isAfter(end)) {
                throw new AssertionError("no " + description + " within " + within + ":\n" + log());
            }
            Thread.sleep(100);
        }
    }

    String log() {
        return String.join("\n", lines);
    }

    void kill9() throws InterruptedException {
        process.destroyForcibly(); // SIGKILL on Linux: no shutdown hook runs
        process.waitFor();
    }

    /** SIGTERM, as a service manager stops it; returns the exit code. */
    int stop() throws InterruptedException {
        process.destroy();
        return process.waitFor();
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroyForcibly();
            process.waitFor();
        }
    }
}

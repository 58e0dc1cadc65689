package org.mvdcn.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/** {@code mvdcn serve} in its own JVM (so it can be killed -9), with its log lines collected. */
final class ServeProcess implements AutoCloseable {

    private final Process process;
    private final List<String> lines = new CopyOnWriteArrayList<>();

    private ServeProcess(Process process) {
        this.process = process;
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

    static ServeProcess start(String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dai.djl.offline=true", "-cp", System.getProperty("java.class.path"), Main.class.getName(), "serve", "--http", "0"));
        command.addAll(List.of(args));
        return new ServeProcess(new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD).start());
    }

    /** A TCP port free now, for the node to listen on. */
    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** Waits for a log line matching {@code what}; fails with the log so far. */
    String await(Predicate<String> what, Duration within, String description) throws InterruptedException {
        Instant end = Instant.now().plus(within);
        while (Instant.now().isBefore(end)) {
            for (String l : lines) {
                if (what.test(l)) {
                    return l;
                }
            }
            if (!process.isAlive() && lines.stream().noneMatch(what)) {
                throw new AssertionError("serve exited (" + process.exitValue() + ") before " + description + ":\n" + log());
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no " + description + " within " + within + ":\n" + log());
    }

    List<String> lines() {
        return List.copyOf(lines);
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

package org.mvdcn.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The shipped launcher ({@code ./mvdcn} at the checkout's root), as a user runs it: its own class
 * path (cli/target/lib and the cli jar), allocator and flags. Only in the integration-test phase,
 * after {@code package} has made that class path; MVDCN_NO_BUILD keeps it from building again
 * inside the running build.
 */
final class Launcher {

    /** A finished command: exit status, standard output, standard error. */
    record Result(int exit, String out, String err) {}

    private Launcher() {}

    static Path script() {
        Path script = Path.of(System.getProperty("mvdcn.root"), "mvdcn");
        if (!Files.isExecutable(script)) {
            throw new IllegalStateException(script + " is not executable: the launcher tests run the checkout's ./mvdcn");
        }
        return script;
    }

    /** Starts {@code ./mvdcn ARGS}, standard error to {@code log}; the process is java itself (the launcher execs it). */
    static Process start(Path log, String... args) throws IOException {
        return builder(args).redirectErrorStream(false).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(log.toFile()).start();
    }

    /** Runs {@code ./mvdcn ARGS} to its end (at most {@code minutes}). */
    static Result run(int minutes, String... args) throws IOException, InterruptedException {
        return toTheEnd(builder(args), minutes);
    }

    /** Runs a command to its end (at most {@code minutes}, else it is killed and the test fails with its stderr). */
    static Result toTheEnd(ProcessBuilder command, int minutes) throws IOException, InterruptedException {
        Path out = Files.createTempFile("mvdcn-out", ".txt");
        Path err = Files.createTempFile("mvdcn-err", ".txt");
        try {
            Process p = command.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            if (!p.waitFor(minutes, TimeUnit.MINUTES)) {
                p.destroyForcibly().waitFor();
                throw new AssertionError(String.join(" ", command.command()) + " still running after " + minutes + " min:\n"
                        + Files.readString(err, StandardCharsets.UTF_8));
            }
            return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    /** SIGTERM, as a service manager or a container runtime stops a node: it must end by itself within 2 minutes, with 0. */
    static void stop(Process node, Path log) throws IOException, InterruptedException {
        node.destroy();
        boolean ended = node.waitFor(2, TimeUnit.MINUTES);
        if (!ended) {
            node.destroyForcibly().waitFor();
        }
        assertThat(ended).as("stopped within 2 minutes of SIGTERM").isTrue();
        assertThat(node.exitValue()).as(Files.readString(log)).isZero();
    }

    private static ProcessBuilder builder(String... args) {
        List<String> command = new ArrayList<>(List.of(script().toString()));
        command.addAll(List.of(args));
        ProcessBuilder b = new ProcessBuilder(command).directory(script().getParent().toFile());
        b.environment().put("MVDCN_NO_BUILD", "1");
        return b;
    }
}

package org.mvdcn.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * A machine as a release meets it: a mount and network namespace (root only: unshare) whose only network is its own
 * loopback, where empty file systems cover the JDK, Maven, Debian's jars and the local Maven repository, so nothing
 * but a release's own runtime can run Java there. Its mounts stay inside it. Commands enter it by nsenter, which
 * becomes the command: each is a process of its own, with its own PID, and a clean environment (PATH with no JDK).
 */
final class OfflineNamespace implements AutoCloseable {

    /** What a release must do without. */
    static final List<String> HIDDEN = List.of("/usr/lib/jvm", "/usr/share/maven", "/usr/share/java",
            Path.of(System.getProperty("user.home"), ".m2").toString());

    private final Process holder;
    private final Path home;

    private OfflineNamespace(Process holder, Path home) {
        this.holder = holder;
        this.home = home;
    }

    /** A new namespace; its commands get {@code home} as HOME. */
    static OfflineNamespace start(Path home) throws IOException {
        String hide = HIDDEN.stream().map(d -> "if [ -d " + d + " ]; then mount -t tmpfs -o ro tmpfs " + d + "; fi")
                .collect(Collectors.joining("; "));
        Path err = Files.createTempFile("namespace", ".txt");
        // the holder keeps the namespace alive; "ready" says the mounts are in place
        Process holder = new ProcessBuilder("unshare", "--mount", "--net", "--propagation", "private", "bash", "-c",
                "set -e; ip link set lo up; " + hide + "; echo ready; exec sleep infinity").redirectError(err.toFile()).start();
        String first = new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8)).readLine();
        String problem = Files.readString(err);
        Files.delete(err);
        if (!"ready".equals(first)) {
            holder.destroyForcibly();
            throw new IllegalStateException("no namespace (unshare --mount --net needs root): " + problem);
        }
        return new OfflineNamespace(holder, home);
    }

    /** {@code args} to run inside. */
    ProcessBuilder command(String... args) {
        List<String> command = new ArrayList<>(List.of("nsenter", "--target", String.valueOf(holder.pid()), "--mount", "--net", "--"));
        command.addAll(List.of(args));
        ProcessBuilder b = new ProcessBuilder(command);
        Map<String, String> env = b.environment();
        String threads = env.get("OMP_NUM_THREADS");
        env.clear();
        env.put("PATH", "/usr/sbin:/usr/bin:/sbin:/bin");
        env.put("HOME", home.toString());
        if (threads != null) {
            env.put("OMP_NUM_THREADS", threads); // as the in-process runs have it, for the same numbers
        }
        return b;
    }

    /** Runs {@code args} inside to their end (at most {@code minutes}). */
    Launcher.Result run(int minutes, String... args) throws IOException, InterruptedException {
        return Launcher.toTheEnd(command(args), minutes);
    }

    @Override
    public void close() throws InterruptedException {
        holder.destroy();
        if (!holder.waitFor(1, TimeUnit.MINUTES)) {
            holder.destroyForcibly().waitFor();
        }
    }
}

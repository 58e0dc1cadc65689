package org.mvdcn.spark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A Spark standalone cluster on this machine, as sbin/start-master.sh and start-worker.sh start
 * one: a master JVM and a worker JVM (spark-class of a {@link SparkDistribution}), the worker
 * offering {@code cores} cores and launching the applications' executors. Both bind the loopback
 * alone; their logs and the worker's folder (each executor's stdout and stderr) are under the
 * folder given.
 */
final class StandaloneCluster implements AutoCloseable {

    private static final Duration READY_WITHIN = Duration.ofSeconds(90);
    // the worker's shutdown hook kills its executors first; past this they are killed
    private static final Duration STOP_WITHIN = Duration.ofSeconds(20);
    private static final String HOST = "127.0.0.1";

    private final Path dir;
    private final int port;
    private final URI state;
    private final List<Process> processes = new ArrayList<>();
    private final AtomicBoolean closed = new AtomicBoolean();

    private StandaloneCluster(Path dir, int port, int webUiPort) {
        this.dir = dir;
        this.port = port;
        this.state = URI.create("http://" + HOST + ":" + webUiPort + "/json/");
    }

    /** Starts the master and the worker in {@code dir}; returns once the master counts the worker alive with its cores. */
    static StandaloneCluster start(SparkDistribution spark, Path dir, int cores, String memory) throws IOException {
        StandaloneCluster cluster = new StandaloneCluster(Files.createDirectories(dir), freePort(), freePort());
        // a test JVM that ends without its tear-down (Ctrl-C on the build, say) takes the cluster with it
        Runtime.getRuntime().addShutdownHook(new Thread(cluster::close, "spark-cluster-stop"));
        try {
            cluster.launch(spark, "master.log", "org.apache.spark.deploy.master.Master", "--host", HOST, "--port",
                    String.valueOf(cluster.port), "--webui-port", String.valueOf(cluster.state.getPort()));
            cluster.launch(spark, "worker.log", "org.apache.spark.deploy.worker.Worker", "--host", HOST, "--cores",
                    String.valueOf(cores), "--memory", memory, "--work-dir", cluster.workDir().toString(), "--webui-port", "0",
                    cluster.master());
            cluster.awaitWorker(cores);
            return cluster;
        } catch (IOException | RuntimeException e) {
            cluster.close();
            throw e;
        }
    }

    /** The URL applications are submitted to. */
    String master() {
        return "spark://" + HOST + ":" + port;
    }

    /** The worker's folder: an app-* folder per application, an executor's stdout and stderr in each. */
    Path workDir() {
        return dir.resolve("work");
    }

    /** The last lines of the master's and the worker's logs and of every executor's stderr, for a failure's message. */
    String logs() {
        StringBuilder text = new StringBuilder();
        try (var files = Files.walk(dir)) {
            for (Path log : files.filter(f -> f.toString().endsWith(".log") || f.getFileName().toString().equals("stderr")).sorted()
                    .toList()) {
                text.append("\n--- ").append(log).append(" ends with:\n").append(tail(log));
            }
        } catch (IOException e) {
            text.append("\n(").append(dir).append(" unreadable: ").append(e.getMessage()).append(')');
        }
        return text.toString();
    }

    /** Stops the worker, then the master, each by its PID; what the worker started goes with it. Safe to call twice. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        for (int i = processes.size() - 1; i >= 0; i--) {
            Process p = processes.get(i);
            // taken before the stop: once the worker is gone its executors are no longer its descendants
            List<ProcessHandle> started = p.descendants().toList();
            stop(p.toHandle());
            started.forEach(StandaloneCluster::stop);
        }
    }

    private void launch(SparkDistribution spark, String log, String mainClass, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(spark.bin("spark-class").toString(), mainClass));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(dir.resolve(log).toFile());
        builder.environment().putAll(spark.environment());
        builder.environment().put("SPARK_DAEMON_MEMORY", "512m");
        // the master's REST submission server, unused here, would take a fixed port (6066)
        builder.environment().put("SPARK_MASTER_OPTS", "-Dspark.master.rest.enabled=false");
        builder.environment().put("SPARK_LOCAL_DIRS", Files.createDirectories(dir.resolve("local")).toString());
        processes.add(builder.start());
    }

    private void awaitWorker(int cores) throws IOException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest request = HttpRequest.newBuilder(state).timeout(Duration.ofSeconds(5)).build();
        long deadline = System.nanoTime() + READY_WITHIN.toNanos();
        String last = "(no answer)";
        while (System.nanoTime() < deadline) {
            for (Process p : processes) {
                if (!p.isAlive()) {
                    throw new IOException("a Spark daemon exited with status " + p.exitValue() + " before the worker registered" + logs());
                }
            }
            try {
                try {
                    HttpResponse<String> answer = http.send(request, HttpResponse.BodyHandlers.ofString());
                    last = answer.body();
                    JsonNode master = new ObjectMapper().readTree(last);
                    if (answer.statusCode() == 200 && master.path("aliveworkers").asInt() >= 1 && master.path("cores").asInt() >= cores) {
                        return;
                    }
                } catch (IOException notYet) {
                    last = notYet.toString();
                }
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while waiting for the Spark worker");
            }
        }
        throw new IOException("the Spark master at " + state + " did not count an alive worker with " + cores + " cores within "
                + READY_WITHIN.toSeconds() + " s; it last said: " + last + logs());
    }

    private static void stop(ProcessHandle process) {
        process.destroy();
        try {
            process.onExit().get(STOP_WITHIN.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            process.destroyForcibly();
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /** The last lines of a log, for a failure's message. */
    static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException e) {
            return "(" + log + " unreadable: " + e.getMessage() + ")";
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
            return socket.getLocalPort();
        }
    }
}

package org.mvdcn.bench;

import ai.djl.Device;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Queue;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.mvdcn.TestData;
import org.mvdcn.dicom.TestDicom;
import org.mvdcn.preprocess.PreprocessingOverrides;
import org.mvdcn.serve.DicomNode;
import org.mvdcn.serve.NodeConfig;
import org.mvdcn.serve.receive.ReceiveLimits;
import org.mvdcn.serve.jobs.StudyJob;
import org.mvdcn.serve.jobs.StudyState;
import org.mvdcn.serve.web.WebConfig;
import org.mvdcn.serve.web.WebServer;

/**
 * The service under load (issue 13): STUDIES distinct four-view studies (the sample exam as
 * uncompressed 12-bit DICOM, a StudyInstanceUID and accession each) pushed at once, one dcmtk
 * storescu process per study (at niceness SENDER_NICE: 0 shares the cores as a PACS on the same
 * machine would, 19 lets them yield as if they ran elsewhere), to a node and its web server in
 * this JVM, configured as {@code mvdcn serve} is by default but for the free ports; meanwhile
 * CLIENTS clients each ask {@code GET /api/studies} every 100 ms. Then checks that every study
 * finished, none failed, each was computed exactly once, the job store holds exactly these
 * studies, and the API's 95th percentile stays within 200 ms both while the images arrive and
 * after. Prints a Markdown block (also when a check fails: the figures say why) and exits 1 when
 * a check failed.
 *
 * <p>Usage: ServeLoadBenchmark WORK_DIR STUDIES CLIENTS QUIET_SECONDS TIMEOUT_MINUTES SENDER_NICE
 */
public final class ServeLoadBenchmark {

    private static final long PERIOD_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
    private static final double P95_LIMIT_MS = 200;
    private static final int VIEWS = 4;
    private static final Duration IDLE = Duration.ofSeconds(5);

    /** What the node is doing while a request is sent. */
    private enum Phase {
        IDLE("idle, before the push"),
        RECEIVING("while the storescu processes run"),
        COMPUTING("after all were received, until the last study is done");

        final String label;

        Phase(String label) {
            this.label = label;
        }
    }

    private ServeLoadBenchmark() {}

    public static void main(String[] args) throws Exception {
        Path work = Paths.get(args[0]).toAbsolutePath();
        int studies = Integer.parseInt(args[1]);
        int clients = Integer.parseInt(args[2]);
        Duration quiet = Duration.ofMillis(Math.round(Double.parseDouble(args[3]) * 1000));
        Duration timeout = Duration.ofMinutes(Long.parseLong(args[4]));
        int senderNice = Integer.parseInt(args[5]);
        // a fresh node every run: a job store left from the last run would answer "already done"
        deleteTree(work);
        List<String> uids = new ArrayList<>();
        List<List<Path>> files = new ArrayList<>();
        for (int i = 1; i <= studies; i++) {
            String uid = "1.2.826.0.1.3680043.10.1234.13." + i;
            String accession = "LOAD" + i;
            uids.add(uid);
            files.add(TestDicom.sampleExam(work.resolve("studies").resolve(String.valueOf(i)), s -> s.study(uid, accession, accession)));
        }
        long studyBytes = 0;
        for (Path f : files.get(0)) {
            studyBytes += Files.size(f);
        }

        List<String> log = new CopyOnWriteArrayList<>();
        Consumer<String> logger = line -> {
            log.add(line);
            System.err.println(Instant.now().truncatedTo(ChronoUnit.MILLIS) + " " + line);
        };
        NodeConfig config = new NodeConfig(TestData.resource("parity/full.safetensors"), PreprocessingOverrides.none(), "MVDCN", 0,
                work.resolve("node"), quiet, null, null, LocalDate.now(), Duration.ofSeconds(30), Set.of(), null, 0,
                Device.cpu(), ReceiveLimits.defaults());
        Map<Phase, Queue<Long>> latencies = new EnumMap<>(Phase.class);
        for (Phase p : Phase.values()) {
            latencies.put(p, new ConcurrentLinkedQueue<>());
        }
        Queue<String> errors = new ConcurrentLinkedQueue<>();
        List<String> failures = new ArrayList<>();
        double receivedSeconds;
        double wallSeconds;
        List<StudyJob> jobs;
        Path tokenFile = work.resolve("node").resolve("token");
        try (DicomNode node = DicomNode.start(config, Clock.systemUTC(), logger);
                WebServer web = WebServer.start(node, new WebConfig("127.0.0.1", 0, tokenFile, false), logger)) {
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + web.port() + "/api/studies"))
                    .header("Authorization", "Bearer " + Files.readString(tokenFile).strip())
                    .timeout(Duration.ofSeconds(30)).GET().build();
            // the first requests run Javalin, Jetty and Jackson interpreted: JIT warm-up, not load
            HttpClient warm = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            for (int i = 0; i < 300; i++) {
                warm.send(request, HttpResponse.BodyHandlers.ofByteArray());
            }

            AtomicReference<Phase> phase = new AtomicReference<>(Phase.IDLE);
            AtomicBoolean stop = new AtomicBoolean();
            List<Thread> pollers = new ArrayList<>();
            long first = System.nanoTime();
            for (int c = 0; c < clients; c++) {
                // staggered, so that the clients' requests spread over each 100 ms rather than arrive together
                long start = first + c * PERIOD_NANOS / clients;
                Thread t = new Thread(() -> poll(request, start, stop, phase, latencies, errors), "api-client-" + c);
                t.setDaemon(true); // a failing run must still end
                t.start();
                pollers.add(t);
            }
            Thread.sleep(IDLE.toMillis());

            phase.set(Phase.RECEIVING);
            long pushed = System.nanoTime();
            List<Process> senders = new ArrayList<>();
            for (int i = 0; i < studies; i++) {
                List<String> command = new ArrayList<>(List.of("nice", "-n", String.valueOf(senderNice), "storescu", "-aet", "MODALITY",
                        "-aec", "MVDCN", "127.0.0.1", String.valueOf(node.dicomPort())));
                files.get(i).forEach(f -> command.add(f.toString()));
                senders.add(new ProcessBuilder(command).redirectErrorStream(true)
                        .redirectOutput(work.resolve("storescu-" + (i + 1) + ".log").toFile()).start());
            }
            long deadline = pushed + timeout.toNanos();
            for (int i = 0; i < studies; i++) {
                Process p = senders.get(i);
                if (!p.waitFor(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                    p.destroyForcibly();
                    failures.add("storescu of study " + (i + 1) + " still running after " + timeout.toMinutes() + " min");
                } else if (p.exitValue() != 0) {
                    failures.add("storescu of study " + (i + 1) + " exited " + p.exitValue() + ": "
                            + Files.readString(work.resolve("storescu-" + (i + 1) + ".log"), StandardCharsets.UTF_8).strip());
                }
            }
            receivedSeconds = (System.nanoTime() - pushed) / 1e9;
            phase.set(Phase.COMPUTING);

            while (!allFinished(node, uids) && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            wallSeconds = (System.nanoTime() - pushed) / 1e9;
            stop.set(true);
            for (Thread t : pollers) {
                t.join();
            }
            jobs = node.jobs().list(0, 10 * studies + 10);
        }

        // the node is closed: its log is complete
        Map<String, StudyJob> byUid = new HashMap<>();
        jobs.forEach(j -> byUid.put(j.studyUid(), j));
        if (!byUid.keySet().equals(new TreeSet<>(uids)) || jobs.size() != studies) {
            failures.add("the job store lists " + jobs.size() + " studies, " + new TreeSet<>(byUid.keySet()) + "; sent " + uids);
        }
        for (String uid : uids) {
            StudyJob job = byUid.get(uid);
            if (job != null && (job.state() != StudyState.DONE || job.images() != VIEWS)) {
                failures.add("study " + uid + " is " + job.state().label() + " with " + job.images() + " images"
                        + (job.reason() != null ? " (" + job.reason() + ")" : ""));
            }
            long computed = log.stream().filter(l -> l.startsWith("computing study " + uid + " ")).count();
            if (computed != 1) {
                failures.add("study " + uid + " computed " + computed + " times");
            }
        }
        if (!errors.isEmpty()) {
            failures.add(errors.size() + " API requests failed, the first: " + errors.peek());
        }
        // each loaded phase on its own: pooled, the long computing phase would hide a slow receiving burst
        Map<Phase, Double> p95 = new EnumMap<>(Phase.class);
        for (Phase p : List.of(Phase.RECEIVING, Phase.COMPUTING)) {
            p95.put(p, percentileMs(new ArrayList<>(latencies.get(p)), 0.95));
            if (!(p95.get(p) <= P95_LIMIT_MS)) {
                failures.add(String.format(Locale.ROOT, "API p95 %s %.1f ms > %.0f ms", p.label, p95.get(p), P95_LIMIT_MS));
            }
        }
        List<Long> underLoad = new ArrayList<>(latencies.get(Phase.RECEIVING));
        underLoad.addAll(latencies.get(Phase.COMPUTING));

        double[] computeSeconds = jobs.stream().filter(j -> j.state() == StudyState.DONE).mapToDouble(StudyJob::seconds).sorted()
                .toArray();
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "%d studies of %d uncompressed 12-bit views (2600x2000, %.0f MB a study) pushed at once, "
                + "one dcmtk storescu process each on the same cores (niceness %d), to a node and web server in one JVM (as `mvdcn serve` "
                + "runs by default: quiet period %.0f s, one study computed at a time, full-size network), while %d clients each asked "
                + "`GET /api/studies` every 100 ms (latency counted from when a request was due, so a slow answer also delays the next). "
                + "%s, %d cores; measured %s.%n%n", studies, VIEWS, studyBytes / 1e6, senderNice, quiet.toMillis() / 1000.0, clients,
                cpuModel(), Runtime.getRuntime().availableProcessors(), LocalDate.now()));
        sb.append("| `GET /api/studies` | requests | p50 ms | p95 ms | p99 ms | max ms |\n|---|---|---|---|---|---|\n");
        for (Phase p : Phase.values()) {
            row(sb, p.label, new ArrayList<>(latencies.get(p)));
        }
        row(sb, "**under load (both)**", underLoad);
        // the quiet period holds every study back after its last image: computing proper runs from the first start to the last finish
        Instant firstStarted = jobs.stream().map(StudyJob::started).filter(Objects::nonNull).min(Comparator.naturalOrder()).orElse(null);
        Instant lastFinished = jobs.stream().map(StudyJob::finished).filter(Objects::nonNull).max(Comparator.naturalOrder()).orElse(null);
        double computingSeconds = firstStarted == null || lastFinished == null ? Double.NaN
                : Duration.between(firstStarted, lastFinished).toMillis() / 1e3;
        sb.append(String.format(Locale.ROOT, "%nAll %d received %.1f s after the push; the last done %.1f s after it: %.2f studies/min "
                + "from the push, %.2f studies/min from the first study started to the last done (%.1f s). Compute per study (job start "
                + "to result files) median %.2f s, %.1f s in all.%n%n", studies, receivedSeconds, wallSeconds, studies / (wallSeconds / 60),
                studies / (computingSeconds / 60), computingSeconds,
                computeSeconds.length == 0 ? Double.NaN : computeSeconds[computeSeconds.length / 2], Arrays.stream(computeSeconds).sum()));
        sb.append(failures.isEmpty()
                ? String.format(Locale.ROOT, "PASS: %d done, none failed, each computed once, the job store lists exactly them, all %d "
                        + "requests answered 200, API p95 %.1f ms while receiving and %.1f ms after, both <= %.0f ms.", studies,
                        latencies.values().stream().mapToInt(Queue::size).sum(), p95.get(Phase.RECEIVING),
                        p95.get(Phase.COMPUTING), P95_LIMIT_MS)
                : "FAIL: " + String.join("; ", failures));
        System.out.println(sb);
        System.exit(failures.isEmpty() ? 0 : 1);
    }

    /**
     * One client: a request every 100 ms from {@code due}. The latency runs from when the request
     * was due, not from when it was sent: a client held up by a slow answer would otherwise send
     * fewer requests exactly when the service is slow, and hide it.
     */
    private static void poll(HttpRequest request, long due, AtomicBoolean stop, AtomicReference<Phase> phase,
            Map<Phase, Queue<Long>> latencies, Queue<String> errors) {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        for (; !stop.get(); due += PERIOD_NANOS) {
            try {
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(wait);
                }
                Phase p = phase.get();
                HttpResponse<byte[]> r = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
                long latency = System.nanoTime() - due;
                if (r.statusCode() == 200) {
                    latencies.get(p).add(latency);
                } else {
                    errors.add("HTTP " + r.statusCode() + ": " + new String(r.body(), StandardCharsets.UTF_8));
                }
            } catch (IOException e) {
                errors.add(e.toString());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static boolean allFinished(DicomNode node, List<String> uids) {
        for (String uid : uids) {
            StudyState state = node.jobs().get(uid).map(StudyJob::state).orElse(null);
            if (state != StudyState.DONE && state != StudyState.FAILED) {
                return false;
            }
        }
        return true;
    }

    private static void row(StringBuilder sb, String label, List<Long> nanos) {
        sb.append(String.format(Locale.ROOT, "| %s | %d | %.1f | %.1f | %.1f | %.1f |%n", label, nanos.size(), percentileMs(nanos, 0.5),
                percentileMs(nanos, 0.95), percentileMs(nanos, 0.99), percentileMs(nanos, 1)));
    }

    /** Nearest rank: the smallest latency that a share {@code q} of the requests do not exceed. */
    private static double percentileMs(List<Long> nanos, double q) {
        if (nanos.isEmpty()) {
            return Double.NaN;
        }
        long[] sorted = nanos.stream().mapToLong(Long::longValue).sorted().toArray();
        return sorted[(int) Math.ceil(q * sorted.length) - 1] / 1e6;
    }

    private static String cpuModel() throws IOException {
        try (Stream<String> lines = Files.lines(Paths.get("/proc/cpuinfo"))) {
            return lines.filter(l -> l.startsWith("model name")).map(l -> l.substring(l.indexOf(':') + 1).strip()).findFirst()
                    .orElse(System.getProperty("os.arch"));
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}

package org.mvdcn.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mvdcn.ExitCodes;
import org.mvdcn.data.Manifest;
import org.mvdcn.eval.EvaluationFile;
import org.mvdcn.eval.EvaluationReport;
import picocli.CommandLine;

/**
 * The README's spark-submit line, as written but for its master and files, against a real Spark
 * standalone cluster: a master and a worker JVM ({@link StandaloneCluster}) of a distribution made
 * of this build's Spark jars ({@link SparkDistribution}), the executor launched by the worker, the
 * application's jars those the build packaged (spark/target). Its table must hold what local mode
 * writes (which ScoreArchiveTest holds to evaluate's numbers), and a failure must exit with
 * ./mvdcn's code. Failsafe runs it after package, in a network namespace of its own
 * (src/test/netns/bin/java).
 */
class ScoreArchiveClusterIT {

    private static final Path ROOT = Path.of(System.getProperty("mvdcn.root"));
    private static final Duration SUBMISSION_WITHIN = Duration.ofMinutes(3);
    /** Added to the line's options: two crop sets per exam instead of ten keep the test short. */
    private static final int CROPS = 2;

    @TempDir
    static Path dir;

    static Path manifest;
    static Path weights;
    static SparkDistribution spark;
    static StandaloneCluster cluster;

    @BeforeAll
    static void cohortModelAndCluster() throws Exception {
        manifest = ScoringFixture.cohort(dir.resolve("cohort"), 8);
        weights = ScoringFixture.model(dir.resolve("model.safetensors"));
        spark = SparkDistribution.create(dir.resolve("spark-home"), Path.of(System.getProperty("mvdcn.dependencyTree")),
                System.getProperty("java.class.path"));
        cluster = StandaloneCluster.start(spark, dir.resolve("cluster"), 1, "2g");
    }

    @AfterAll
    static void stopCluster() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void theReadmeLineScoresEachExamOnTheClusterAsLocalModeDoes() throws Exception {
        Path out = dir.resolve("on-the-cluster");
        List<Path> before = executorLogs();
        Submission submitted = submit(manifest, out);
        assertThat(submitted.status()).as(submitted.describe()).isZero();

        int exams = Manifest.load(manifest, false).exams().size();
        assertThat(submitted.output()).as(submitted.describe()).contains("scored " + exams + " exams (0 failed)");
        assertThat(executorLogs()).as("an executor the worker launched for the application").hasSizeGreaterThan(before.size());

        // local mode with the same options, the rest left to their defaults as the line leaves them: what ./mvdcn score writes
        Path local = dir.resolve("in-local-mode");
        ScoreArchive app = new ScoreArchive();
        new CommandLine(app).parseArgs("--manifest", manifest.toString(), "--weights", weights.toString(), "--out", local.toString(),
                "--crops", String.valueOf(CROPS));
        SparkSession session = ScoreArchive.session("local[1]");
        Map<String, Row> expected;
        Map<String, Row> actual;
        try {
            ArchiveScoring.run(session, app.options.job(), note -> { });
            expected = ScoringFixture.table(session, local);
            actual = ScoringFixture.table(session, out);
        } finally {
            session.stop();
        }
        assertThat(actual).hasSize(exams);
        assertThat(actual.keySet()).isEqualTo(expected.keySet());
        for (Map.Entry<String, Row> e : actual.entrySet()) {
            Row row = e.getValue();
            assertThat(row.isNullAt(row.fieldIndex("error"))).as("%s: %s", e.getKey(), row).isTrue();
            for (String column : List.of("p0", "p1", "p2", "entropy")) {
                assertThat(row.<Double>getAs(column)).as("%s %s", e.getKey(), column)
                        .isCloseTo(expected.get(e.getKey()).<Double>getAs(column), within(1e-6));
            }
        }
        EvaluationReport ours = EvaluationFile.read(out.resolve(EvaluationFile.NAME));
        EvaluationReport theirs = EvaluationFile.read(local.resolve(EvaluationFile.NAME));
        assertThat(ours.exams()).isEqualTo(theirs.exams()).isPositive();
        assertThat(ours.macAuc()).isNotNaN();
        assertThat(ours.macAuc()).isCloseTo(theirs.macAuc(), within(1e-9));
        assertThat(ours.hcMacAuc()).isCloseTo(theirs.hcMacAuc(), within(1e-9));
    }

    @Test
    void aMissingManifestExitsWithMvdcnsCode() throws Exception {
        Path missing = dir.resolve("no-such-manifest.csv");
        Submission submitted = submit(missing, dir.resolve("not-scored"));
        assertThat(submitted.status()).as(submitted.describe()).isEqualTo(ExitCodes.MISSING_FILE);
        assertThat(submitted.output()).contains("mvdcn: " + missing + ": manifest not found");
    }

    /** The stderr of every executor the worker has launched, in its folder. */
    private static List<Path> executorLogs() throws IOException {
        try (Stream<Path> files = Files.walk(cluster.workDir())) {
            return files.filter(f -> f.getFileName().toString().equals("stderr")).toList();
        }
    }

    /** What spark-submit did: its exit status and its output (stdout and stderr, the driver's log among them). */
    private record Submission(int status, Path log) {

        String output() throws IOException {
            return Files.readString(log);
        }

        String describe() {
            return "spark-submit exited with " + status + "; " + log + " ends with:\n" + StandaloneCluster.tail(log) + cluster.logs();
        }
    }

    /** Runs the README's line in the checkout's root (its jars are paths from there), with spark-submit on the PATH. */
    private static Submission submit(Path manifest, Path out) throws Exception {
        Path log = dir.resolve(out.getFileName() + ".log");
        ProcessBuilder builder = new ProcessBuilder("bash", "-c", readmeLine(manifest, out)).directory(ROOT.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(spark.environment());
        Process process = builder.start();
        if (!process.waitFor(SUBMISSION_WITHIN.toSeconds(), TimeUnit.SECONDS)) {
            List<ProcessHandle> started = process.descendants().toList();
            process.destroyForcibly();
            started.forEach(ProcessHandle::destroyForcibly);
            throw new AssertionError("spark-submit did not end within " + SUBMISSION_WITHIN.toSeconds() + " s; " + log + " ends with:\n"
                    + StandaloneCluster.tail(log) + cluster.logs());
        }
        return new Submission(process.exitValue(), log);
    }

    /**
     * The README's spark-submit line, its continued lines joined, with this cluster for YARN (and no
     * web UI), this test's files for the example's, and {@link #CROPS}.
     */
    private static String readmeLine(Path manifest, Path out) throws IOException {
        List<String> readme = Files.readAllLines(ROOT.resolve("README.md"));
        int start = 0;
        while (start < readme.size() && !readme.get(start).startsWith("spark-submit --class org.mvdcn.spark.ScoreArchive")) {
            start++;
        }
        StringBuilder line = new StringBuilder();
        for (int i = start; i < readme.size(); i++) {
            String text = readme.get(i);
            line.append(text.endsWith("\\") ? text.substring(0, text.length() - 1) : text);
            if (!text.endsWith("\\")) {
                break;
            }
        }
        Map<String, String> replaced = new HashMap<>();
        replaced.put("--master yarn", "--master " + cluster.master() + " --conf spark.ui.enabled=false");
        replaced.put("--manifest M", "--manifest '" + manifest + "'");
        replaced.put("hdfs:///models/best.safetensors", "'" + weights + "'");
        replaced.put("hdfs:///scores/archive", "'" + out + "'");
        String command = line.toString();
        List<String> absent = new ArrayList<>();
        for (Map.Entry<String, String> r : replaced.entrySet()) {
            if (!command.contains(r.getKey())) {
                absent.add(r.getKey());
            }
            command = command.replace(r.getKey(), r.getValue());
        }
        if (start == readme.size() || !absent.isEmpty()) {
            throw new AssertionError(ROOT.resolve("README.md") + ": its spark-submit line (" + line + ") lacks " + absent
                    + ", which this test replaces: update the test with the README");
        }
        return command + " --crops " + CROPS;
    }
}

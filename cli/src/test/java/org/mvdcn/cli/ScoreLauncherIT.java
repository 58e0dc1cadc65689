package org.mvdcn.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mvdcn.data.Manifest;

/**
 * {@code ./mvdcn score} as a user runs it, from the shipped launcher (Spark in local mode on the cli's
 * class path, where a dependency conflict between modules would show), on a trained (calibrated)
 * synthetic run's model: the same probabilities and macAUC as {@code evaluate}.
 */
class ScoreLauncherIT {

    @TempDir
    Path dir;

    @Test
    void scoreWritesEvaluatesProbabilitiesAsParquetAndEvaluationBesideIt() throws Exception {
        SyntheticRun run = SyntheticRun.in(dir);
        String weights = run.run().resolve("best.safetensors").toString();
        String[] same = {"--crops", "2", "--bootstrap", "50", "--seed", "3"};
        Path evaluation = dir.resolve("evaluation");
        CommandRunner evaluate = CommandRunner.run(CommandRunner.concat(new String[] {"evaluate", "--weights", weights, "--manifest",
            run.manifest().toString(), "--out", evaluation.toString()}, same));
        assertThat(evaluate.exitCode()).as(evaluate.err()).isZero();

        Path out = dir.resolve("scored");
        Launcher.Result score = Launcher.run(10, CommandRunner.concat(new String[] {"score", "--manifest", run.manifest().toString(),
            "--weights", weights, "--out", out.toString()}, same));
        assertThat(score.exit()).as(score.err()).isZero();
        int exams = Manifest.load(run.manifest(), false).exams().size();
        assertThat(score.out()).startsWith("scored " + exams + " exams (0 failed)").contains("written to " + out.resolve("scores.parquet"))
                .contains("probabilities calibrated (temperature");
        // mvdcn's lines only: no logger of Spark, Hadoop or DJL reaches the user
        assertThat(score.err().lines()).isNotEmpty().allMatch(l -> l.startsWith("scoring ") || l.startsWith("scored "));

        Map<String, Row> table = new HashMap<>();
        SparkSession spark = SparkSession.builder().master("local[1]").config("spark.ui.enabled", "false").getOrCreate();
        try {
            spark.read().parquet(out.resolve("scores.parquet").toString()).collectAsList().forEach(r -> table.put(r.getAs("exam"), r));
        } finally {
            spark.stop();
        }
        assertThat(table).hasSize(exams);
        List<CSVRecord> predictions = csv(evaluation.resolve("predictions.csv"));
        assertThat(predictions).isNotEmpty();
        for (CSVRecord expected : predictions) {
            for (int k = 0; k < 3; k++) {
                assertThat(table.get(expected.get("exam_id")).<Double>getAs("p" + k))
                        .isCloseTo(Double.parseDouble(expected.get("p_birads" + k)), within(1e-6));
            }
        }
        JsonNode ours = new ObjectMapper().readTree(out.resolve("evaluation.json").toFile());
        JsonNode theirs = new ObjectMapper().readTree(evaluation.resolve("evaluation.json").toFile());
        assertThat(ours.path("macAUC").asDouble()).isCloseTo(theirs.path("macAUC").asDouble(), within(1e-9));
        assertThat(ours.path("temperature").asDouble()).isEqualTo(theirs.path("temperature").asDouble());
    }

    private static List<CSVRecord> csv(Path file) throws Exception {
        try (Reader in = Files.newBufferedReader(file)) {
            return CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(in).getRecords();
        }
    }
}

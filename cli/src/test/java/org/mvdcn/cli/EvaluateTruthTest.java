package org.mvdcn.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mvdcn.eval.PairwiseAuc;
import org.mvdcn.preprocess.Preprocessing;
import org.mvdcn.weights.UntrainedWeights;

/** {@code evaluate --truth}: the same predictions scored against the drawn classes, checked against a count of pairs. */
class EvaluateTruthTest {

    @TempDir
    Path dir;

    @Test
    void evaluateScoresAgainstTheDrawnClassesToo() throws Exception {
        Path cohort = dir.resolve("cohort");
        assertThat(CommandRunner.run("synth", "--out", cohort.toString(), "--patients", "60", "--test-patients", "40", "--scale",
                "0.05", "--seed", "3").exitCode()).isZero();
        Path truth = cohort.resolve("truth.csv");
        Path out = dir.resolve("evaluation");
        CommandRunner eval = CommandRunner.run("evaluate", "--weights",
                UntrainedWeights.write(dir.resolve("model.safetensors"), Preprocessing.of(1, 120, 90)).toString(),
                "--manifest", cohort.resolve("manifest.csv").toString(), "--crops", "1", "--bootstrap", "20",
                "--out", out.toString(), "--truth", truth.toString());
        assertThat(eval.exitCode()).as(eval.err()).isZero();
        assertThat(eval.out()).contains("against the drawn classes (" + truth + ")").contains("HC-macAUC (30%) against drawn classes");

        Map<String, Integer> drawn = new HashMap<>();
        for (String row : Files.readAllLines(truth).subList(1, Files.readAllLines(truth).size())) {
            drawn.put(row.split(",")[0], Integer.parseInt(row.split(",")[1]));
        }
        List<String> predictions = Files.readAllLines(out.resolve("predictions.csv"));
        int n = predictions.size() - 1;
        double[][] p = new double[n][];
        int[] classes = new int[n];
        int otherwise = 0;
        for (int i = 0; i < n; i++) {
            String[] f = predictions.get(i + 1).split(",");
            p[i] = new double[] {Double.parseDouble(f[2]), Double.parseDouble(f[3]), Double.parseDouble(f[4])};
            classes[i] = drawn.get(f[0]);
            otherwise += classes[i] != Integer.parseInt(f[6]) ? 1 : 0;
        }
        JsonNode block = new ObjectMapper().readTree(out.resolve("evaluation.json").toFile()).path("drawn_classes");
        assertThat(block.path("exams").asInt()).isEqualTo(n);
        assertThat(block.path("recorded_otherwise").asInt()).isEqualTo(otherwise);
        double mac = 0;
        for (int k = 0; k < 3; k++) {
            double auc = PairwiseAuc.ofClass(p, classes, k);
            assertThat(block.path("auc").path(String.valueOf(k)).asDouble()).as("AUC %d", k).isCloseTo(auc, within(1e-9));
            mac += auc / 3;
        }
        assertThat(block.path("macAUC").asDouble()).isCloseTo(mac, within(1e-9));
        assertThat(block.path("hc_macAUC_by_share")).hasSize(5);
        assertThat(block.path("hc_macAUC_by_share").get(4).path("test_exams").asInt()).isEqualTo(n);
        assertThat(block.path("hc_macAUC_by_share").get(4).path("macAUC").asDouble()).isCloseTo(mac, within(1e-9));
    }

    @Test
    void aMissingTruthFileIsNamedBeforeAnythingIsScored() {
        Path nowhere = dir.resolve("truth.csv");
        CommandRunner r = CommandRunner.run("evaluate", "--run", dir.resolve("no-run").toString(), "--truth", nowhere.toString());
        assertThat(r.exitCode()).isEqualTo(66);
        assertThat(r.error()).contains(nowhere + ": truth not found");
    }
}

package org.mvdcn.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mvdcn.io.Sha256;

/** The model card a run writes, and writes again once evaluated, from its own records. */
class CardCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aRunHasACardThatEvaluationCompletes(@TempDir Path dir) throws Exception {
        SyntheticRun r = SyntheticRun.in(dir);
        Path card = r.run().resolve("model-card.md");
        JsonNode run = JSON.readTree(r.run().resolve("run.json").toFile());
        String before = Files.readString(card);
        assertThat(before).contains("## Intended use", "**Not for:** diagnosis", "## Known limitations", "synthetic cohort")
                .contains(Sha256.of(r.run().resolve("best.safetensors")))
                .contains(run.path("manifest").path("sha256").asText())
                .contains(String.format(Locale.ROOT, "T = %.4f", run.path("calibration").path("temperature").asDouble()))
                .contains(String.format(Locale.ROOT, "threshold %.2f", run.path("ood").path("threshold").asDouble()))
                .contains("Not evaluated yet");
        // the label mix: the table's test row counts the test exams the run used, and its labels add up
        int test = run.path("split").path("test_exams_used").asInt();
        java.util.regex.Matcher row = java.util.regex.Pattern.compile("\\| test \\| (\\d+) \\| (\\d+) \\| (\\d+) \\| (\\d+) \\| (\\d+) \\|")
                .matcher(before);
        assertThat(row.find()).as(before).isTrue();
        assertThat(Integer.parseInt(row.group(1))).isEqualTo(test);
        assertThat(Integer.parseInt(row.group(2)) + Integer.parseInt(row.group(3)) + Integer.parseInt(row.group(4))
                + Integer.parseInt(row.group(5))).isEqualTo(test);
        assertThat(before).contains("to " + run.path("finished").asText()).doesNotContain("to true");

        CommandRunner evaluate = CommandRunner.run("evaluate", "--run", r.run().toString(), "--crops", "2", "--bootstrap", "50");
        assertThat(evaluate.exitCode()).as(evaluate.err()).isZero();
        JsonNode evaluation = JSON.readTree(r.run().resolve("evaluation").resolve("evaluation.json").toFile());
        String after = Files.readString(card);
        assertThat(after).doesNotContain("Not evaluated yet")
                .contains(String.format(Locale.ROOT, "| **macAUC** | **%.3f** |", evaluation.path("macAUC").asDouble()))
                .contains(evaluation.path("exams").asInt() + " test exams");

        Files.delete(card);
        CommandRunner again = CommandRunner.run("card", "--run", r.run().toString());
        assertThat(again.exitCode()).as(again.err()).isZero();
        assertThat(Files.readString(card)).isEqualTo(after);
    }
}

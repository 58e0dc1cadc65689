package org.mvdcn.train;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.Device;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mvdcn.BadInputException;
import org.mvdcn.TestData;

/** A run that cannot be measured on shifted exams is refused, by name, before any work. */
class RunShiftDetectionTest {

    private static final Path OLD = TestData.resource("runs/written-by-0.1.0/run.json").getParent();

    @TempDir
    Path dir;

    /** The 0.1.0 run (no out-of-distribution check in its model) with a manifest of one exam, {@code examId}, on the sample exam's images. */
    private Path run(String examId) throws Exception {
        Path run = dir.resolve("run");
        Files.createDirectories(run);
        for (String name : List.of("best.safetensors", "split.csv")) {
            Files.copy(OLD.resolve(name), run.resolve(name));
        }
        StringBuilder manifest = new StringBuilder("patient_id,exam_id,exam_date,view,image_path,label\n");
        for (String view : List.of("L-CC", "R-CC", "L-MLO", "R-MLO")) {
            manifest.append(examId, 0, examId.indexOf("-E")).append(',').append(examId).append(",2020-01-01,").append(view).append(',')
                    .append(TestData.sampleExam().resolve(view + ".png").toAbsolutePath()).append(",1\n");
        }
        Path manifestFile = Files.writeString(dir.resolve("manifest.csv"), manifest);
        ObjectMapper json = new ObjectMapper();
        ObjectNode record = (ObjectNode) json.readTree(OLD.resolve("run.json").toFile());
        ((ObjectNode) record.get("manifest")).put("path", manifestFile.toString());
        json.writeValue(run.resolve("run.json").toFile(), record);
        return run;
    }

    @Test
    void aRunWithoutTestExamsIsNamed() throws Exception {
        Path run = run("P00001-E1"); // a training exam in the run's split
        assertThatThrownBy(() -> RunShiftDetection.of(run)).isInstanceOf(BadInputException.class)
                .hasMessage(run.resolve("split.csv") + ": run " + run + " has no labelled test exams to make shifted exams from");
    }

    @Test
    void aRunWithoutAnOutOfDistributionCheckIsNamed() throws Exception {
        Path run = run("P00028-E3"); // a scored test exam
        assertThatThrownBy(() -> RunShiftDetection.of(run).measure(List.of(1L), Device.cpu(), (done, total) -> {}, line -> {}))
                .isInstanceOf(BadInputException.class)
                .hasMessage(run.resolve("best.safetensors") + ": run " + run + " has no out-of-distribution check to measure (fit one "
                        + "with mvdcn ood --run " + run + ")");
    }
}

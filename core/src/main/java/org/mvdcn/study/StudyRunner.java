package org.mvdcn.study;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.mvdcn.eval.ModelEvaluation;
import org.mvdcn.train.RunRecord;
import org.mvdcn.train.TrainingRun;

/**
 * Trains and evaluates one model per setting, each in its own folder under the study. Resumable
 * at every level: a setting whose evaluation exists is reused, a setting whose run was cut off
 * resumes from its checkpoint, the rest start.
 */
public final class StudyRunner {

    /** One setting's outcome, read back from its evaluation.json. */
    public record Outcome(StudySetting setting, JsonNode evaluation, boolean reused) {}

    private StudyRunner() {}

    public static List<Outcome> run(Path manifest, Path study, List<StudySetting> settings, int crops, int bootstrap,
            Consumer<TrainingRun.Progress> progress, Consumer<String> log, BooleanSupplier cancelled) throws IOException {
        List<Outcome> outcomes = new ArrayList<>();
        for (StudySetting s : settings) {
            Path dir = study.resolve(s.name());
            Path run = dir.resolve("run");
            Path evaluation = dir.resolve(ModelEvaluation.JSON_FILE);
            boolean reused = Files.exists(evaluation);
            if (!reused) {
                log.accept("setting " + s.label() + " (" + s.name() + ")");
                if (finished(run)) {
                    log.accept("  model already trained");
                } else if (Files.exists(run.resolve(RunRecord.FILE))) {
                    TrainingRun.resume(run, progress, log, cancelled);
                } else {
                    TrainingRun.start(manifest, run, s.options(), progress, log, cancelled);
                }
                ModelEvaluation.run(TrainingRun.evaluationSetup(run, crops, bootstrap, s.options().threads()), dir, l -> { });
            } else {
                log.accept("setting " + s.label() + ": reusing " + evaluation);
            }
            outcomes.add(new Outcome(s, new ObjectMapper().readTree(evaluation.toFile()), reused));
        }
        return outcomes;
    }

    private static boolean finished(Path run) throws IOException {
        Path record = run.resolve(RunRecord.FILE);
        return Files.exists(record) && new ObjectMapper().readTree(record.toFile()).has("best_epoch");
    }
}

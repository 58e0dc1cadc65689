package org.mvdcn.study;

import ai.djl.Device;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.mvdcn.eval.EvaluationFile;
import org.mvdcn.eval.EvaluationReport;
import org.mvdcn.eval.ModelEvaluation;
import org.mvdcn.eval.PredictionsFile;
import org.mvdcn.preprocess.PreprocessingOverrides;
import org.mvdcn.train.RunEvaluation;
import org.mvdcn.train.RunFolder;
import org.mvdcn.train.RunRecord;
import org.mvdcn.train.TrainingListener;
import org.mvdcn.train.TrainingRun;

/**
 * Trains and evaluates one model per setting, each in its own folder under the study. Resumable
 * at every level: a setting whose evaluation exists is reused, a setting whose run was cut off
 * resumes from its checkpoint, the rest start. Every setting trains and evaluates on {@code device}.
 */
public final class StudyRunner {

    /** One setting's outcome, read back from its evaluation.json and predictions.csv (what the paired comparisons resample). */
    public record Outcome(StudySetting setting, EvaluationReport evaluation, PredictionsFile.ScoredExams predictions, boolean reused) {}

    private StudyRunner() {}

    public static List<Outcome> run(Path manifest, Path study, List<StudySetting> settings, int crops, int bootstrap, Device device,
            Consumer<TrainingListener.BatchEnd> progress, Consumer<String> log, BooleanSupplier stop) throws IOException {
        List<Outcome> outcomes = new ArrayList<>();
        for (StudySetting s : settings) {
            Path dir = study.resolve(s.name());
            Path run = dir.resolve("run");
            Path evaluation = dir.resolve(EvaluationFile.NAME);
            boolean reused = Files.exists(evaluation);
            if (!reused) {
                log.accept("setting " + s.label() + " (" + s.name() + ")");
                RunFolder folder = new RunFolder(run);
                if (Files.exists(folder.record()) && RunRecord.read(folder).isFinished()) {
                    log.accept("  model already trained");
                } else if (Files.exists(folder.record())) {
                    TrainingRun.resume(run, null, device, progress, log, stop);
                } else {
                    TrainingRun.start(manifest, run, s.options(), s.preprocessing(), device, progress, log, stop);
                }
                ModelEvaluation.run(RunEvaluation.setup(run, crops, bootstrap, null, s.options().data().threads(), PreprocessingOverrides.none(),
                        true, device), dir, l -> { });
            } else {
                log.accept("setting " + s.label() + ": reusing " + evaluation);
            }
            outcomes.add(new Outcome(s, EvaluationFile.read(evaluation), PredictionsFile.read(dir.resolve(ModelEvaluation.PREDICTIONS)),
                    reused));
        }
        return outcomes;
    }
}

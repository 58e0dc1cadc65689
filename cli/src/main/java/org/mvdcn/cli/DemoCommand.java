package org.mvdcn.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Comparator;
import java.util.stream.Stream;
import org.mvdcn.eval.EvaluationReport;
import org.mvdcn.eval.ModelEvaluation;
import org.mvdcn.application.ExamApplication;
import org.mvdcn.data.ExamCandidates;
import org.mvdcn.predict.Prediction;
import org.mvdcn.predict.TrainedModel;
import org.mvdcn.preprocess.Preprocessing;
import org.mvdcn.preprocess.PreprocessingOverrides;
import org.mvdcn.synth.CohortGenerator;
import org.mvdcn.train.RunEvaluation;
import org.mvdcn.train.ModelCard;
import org.mvdcn.train.RunFolder;
import org.mvdcn.train.TrainingOptions;
import org.mvdcn.train.TrainingRun;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code mvdcn demo}: the whole pipeline in about five minutes on two cores. Generates a
 * synthetic screening cohort at 1/10 scale, trains a half-width network on it, evaluates it on
 * the test split as the paper does, and predicts the real sample exam (down-scaled to match).
 * Everything lands in {@code out/demo}. Synthetic data is not clinical evidence, and the demo
 * cohort's findings are drawn four times brighter than the designed cohort's so that a small
 * network learns them in minutes; say both wherever its numbers are shown.
 */
@Command(name = "demo", mixinStandardHelpOptions = true, showDefaultValues = true,
        description = "Synthesise a screening cohort, train on it, evaluate as the paper did, and predict the real sample "
                + "exam; results in out/demo. Synthetic data is not clinical evidence.")
public final class DemoCommand extends EngineCommand {

    /** Images at 1/10 of full size: a 260 x 200 crop. */
    static final int DOWNSCALE = 10;
    static final double TARGET = 0.85;

    @Option(names = "--out", paramLabel = "DIR", description = "Where to write (default: out/demo in the checkout).")
    Path out;

    @Option(names = "--patients", defaultValue = "500", description = "Synthetic patients.")
    int patients;

    @Option(names = "--epochs", defaultValue = "30", description = "Training epochs.")
    int epochs;

    @Option(names = "--seed", defaultValue = "2017", description = "Seed of the cohort and the training.")
    long seed;

    @Option(names = "--exam", paramLabel = "DIR",
            description = "Real exam to predict at the end (default: the NYU sample exam in ../shared/data/nyu-sample-exam).")
    Path exam;

    @Override
    int run(PrintWriter console, PrintWriter err) throws Exception {
        Path dir = (out != null ? out : home().resolve("out").resolve("demo")).toAbsolutePath().normalize();
        Path cohort = dir.resolve("cohort");
        Path run = dir.resolve("run");
        console.println("mvdcn demo -> " + dir);
        console.println("NOTE: synthetic data (findings drawn 4x brighter than the designed cohort): not clinical evidence.");

        console.printf("1/4 synthesising %d patients at 1/%d scale ...%n", patients, DOWNSCALE);
        CohortGenerator.Options cohortOptions = new CohortGenerator.Options(patients, 1.0 / DOWNSCALE, seed, 0.0, 0.08, 4.0);
        ProgressLine synthProgress = new ProgressLine("synth", "exams");
        CohortGenerator.Cohort generated = CohortGenerator.generate(cohort, cohortOptions, synthProgress::update);

        console.printf("2/4 training (%d epochs, width 0.5, 260x200 crops) ...%n", epochs);
        if (Files.exists(new RunFolder(run).record())) {
            deleteTree(run); // an earlier demo's run: the demo always trains afresh
        }
        TrainingOptions options = TrainingOptions.builder().epochs(epochs).batch(8).learningRate(1e-3f).width(0.5).seed(seed)
                .threads(engine.loaderThreads).build();
        // the cohort's images are already at 1/10 size: the model crops them as they are
        Preprocessing preprocessing = Preprocessing.of(1, 2600 / DOWNSCALE, 2000 / DOWNSCALE);
        TrainCommand.ProgressBar bar = new TrainCommand.ProgressBar();
        TrainingRun.Result trained = TrainingRun.start(generated.manifest(), run, options, preprocessing, engine.device(), bar::show,
                line -> bar.log(console, "    " + line), InterruptToStop.install());

        console.println("3/4 evaluating on the test split (10 crops per exam) ...");
        ModelEvaluation.Setup evaluation = RunEvaluation.setup(run, 10, 1000, null, engine.loaderThreads,
                PreprocessingOverrides.none(), true, engine.device());
        EvaluationReport report = ModelEvaluation.run(evaluation, dir, line -> { });
        console.println(ModelEvaluation.table(report));
        ModelCard.write(run, dir);
        console.printf("test macAUC %.3f (demo target %.2f: %s)%n", report.macAuc(), TARGET,
                report.macAuc() >= TARGET ? "reached" : "NOT reached");

        Path real = exam != null ? exam : home().resolveSibling("shared").resolve("data").resolve("nyu-sample-exam");
        console.println("4/4 predicting the real exam " + real + " with the synthetic-trained model (down-scaled 1/" + DOWNSCALE
                + " to the cohort's size: predict --downscale " + DOWNSCALE + ")");
        Prediction p;
        PreprocessingOverrides fullSize = new PreprocessingOverrides(DOWNSCALE, null, null, null, null);
        try (TrainedModel model = TrainedModel.load(evaluation.weights(), null, fullSize, engine.device(), line -> console.println("    " + line))) {
            p = new ExamApplication(model, 1, 0).predict(ExamCandidates.pngFolder(real)).prediction();
        }
        console.println(PredictionTable.format(real, p));
        console.println("(a model trained on synthetic images: this prediction shows the pipeline, not a diagnosis)");
        console.printf("%nwritten: %s (evaluation.json, roc.png, reliability.png, predictions.csv), %s (best.safetensors, training-curve.png,"
                + " metrics.jsonl, run.json, model-card.md), cohort in %s; best validation macAUC %.3f at epoch %d%n", dir, run, cohort,
                trained.bestValidationMacAuc(), trained.bestEpoch());
        return 0;
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    /** The checkout, from the launcher's {@code mvdcn.home}. */
    static Path home() {
        return Paths.get(System.getProperty("mvdcn.home", ".")).toAbsolutePath().normalize();
    }
}

package org.mvdcn.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.Device;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mvdcn.BadInputException;
import org.mvdcn.UsageException;
import org.mvdcn.calibration.Calibration;
import org.mvdcn.data.LoaderConfig;
import org.mvdcn.data.Manifest;
import org.mvdcn.data.Split;
import org.mvdcn.data.SplitAssignment;
import org.mvdcn.predict.DatasetPredictor;
import org.mvdcn.predict.TrainedModel;
import org.mvdcn.preprocess.PreprocessingOverrides;
import org.mvdcn.synth.CohortGenerator;
import org.mvdcn.weights.ModelFile;

class RunCalibrationTest {

    @TempDir
    static Path dir;

    static Path manifest;

    @BeforeAll
    static void cohort() throws Exception {
        manifest = CohortGenerator.generate(dir.resolve("cohort"), new CohortGenerator.Options(60, 0.05, 6, 0.1, 0.1), (d, t) -> { })
                .manifest();
    }

    /** Cross-entropy of the crop-averaged softmax(z / t), written out plainly. */
    private static double nll(double[][][] logits, int[] labels, double t) {
        double sum = 0;
        for (int i = 0; i < labels.length; i++) {
            double p = 0;
            for (double[] z : logits[i]) {
                double norm = Math.exp(z[0] / t) + Math.exp(z[1] / t) + Math.exp(z[2] / t);
                p += Math.exp(z[labels[i]] / t) / norm / logits[i].length;
            }
            sum -= Math.log(p);
        }
        return sum / labels.length;
    }

    @Test
    void aRunEndsCalibratedOnItsValidationExamsAndCanBeCalibratedAgain() throws Exception {
        Path run = dir.resolve("run");
        TrainingRun.start(manifest, run, TrainingRunTest.OPTIONS, TrainingRunTest.CROP, Device.cpu(), p -> { }, l -> { }, () -> false);
        RunFolder folder = new RunFolder(run);
        RunRecord record = RunRecord.read(folder);
        Calibration c = record.calibration();
        assertThat(c).isNotNull();
        assertThat(ModelFile.read(folder.best()).calibration()).as("the model file carries it").isEqualTo(c);
        assertThat(c.crops()).isEqualTo(RunCalibration.CROPS);

        // the validation exams scored independently of the step: 10 crop sets each from the run's seed, as evaluate scores a test exam
        List<org.mvdcn.data.ExamRecord> validation = SplitAssignment.read(folder.split())
                .selectLabelled(Manifest.load(manifest, false).exams(), Split.VALIDATION);
        assertThat(c.exams()).isEqualTo(validation.size()).isPositive();
        double[][][] z;
        int[] labels;
        try (TrainedModel model = TrainedModel.load(folder.best(), null, PreprocessingOverrides.none(), false, Device.cpu(), n -> { })) {
            assertThat(model.temperature()).as("loaded raw").isEmpty();
            DatasetPredictor.Predictions p = DatasetPredictor.predict(model.network(), model.manager(), model.pipeline(), validation,
                    Split.TEST, new LoaderConfig(4, 1, 8, 10, false, record.seed()), n -> { });
            z = p.logits();
            labels = p.labels();
        }
        assertThat(c.nllBefore()).isCloseTo(nll(z, labels, 1), within(1e-6));
        assertThat(c.nllAfter()).isCloseTo(nll(z, labels, c.temperature()), within(1e-6));
        // it is the minimum: not above the raw model's, nor above any temperature near it
        assertThat(c.nllAfter()).isLessThanOrEqualTo(c.nllBefore());
        for (double f : new double[] {0.9, 0.99, 1.01, 1.1}) {
            assertThat(nll(z, labels, c.temperature() * f)).as("T x %s", f).isGreaterThan(nll(z, labels, c.temperature()));
        }

        RunRecord again = PostTrainingStep.run(run, List.of(new RunCalibration(2)), 1, Device.cpu(), l -> { });
        assertThat(again.calibration().crops()).isEqualTo(2);
        assertThat(RunRecord.read(folder).calibration()).isEqualTo(again.calibration());
        assertThat(ModelFile.read(folder.best()).calibration()).isEqualTo(again.calibration());
        assertThat(again.bestEpoch()).isEqualTo(record.bestEpoch());
    }

    @Test
    void onlyAFinishedRunIsCalibrated() {
        Path stopped = dir.resolve("stopped");
        assertThatThrownBy(() -> TrainingRun.start(manifest, stopped, TrainingRunTest.OPTIONS, TrainingRunTest.CROP, Device.cpu(), p -> { },
                l -> { }, () -> true)).isInstanceOf(TrainingRun.Stopped.class);
        assertThatThrownBy(() -> PostTrainingStep.run(stopped, List.of(new RunCalibration(2)), 1, Device.cpu(), l -> { }))
                .isInstanceOf(BadInputException.class)
                .hasMessage(stopped.resolve("run.json") + ": the run has not finished training (continue it with train --resume "
                        + stopped + ")");
        assertThatThrownBy(() -> new RunCalibration(0)).isInstanceOf(UsageException.class).hasMessage("crops must be at least 1, got 0");
    }
}

package org.mvdcn.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.Device;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mvdcn.TestData;
import org.mvdcn.data.ExamRecord;
import org.mvdcn.data.Manifest;
import org.mvdcn.application.ExamApplication;
import org.mvdcn.exam.ExamImages;
import org.mvdcn.exam.View;
import org.mvdcn.predict.ExamScorer;
import org.mvdcn.predict.TrainedModel;
import org.mvdcn.preprocess.PreprocessingOverrides;

/** A small synthetic run from training to the calibrated probabilities predict, explain and evaluate report. */
class CalibrationCommandsTest {

    @TempDir
    Path dir;

    private static final ObjectMapper JSON = new ObjectMapper();

    /** softmax(z / t) averaged over the crop sets, written out plainly. */
    private static double[] averagedSoftmax(double[][] crops, double t) {
        double[] p = new double[3];
        for (double[] z : crops) {
            double norm = Math.exp(z[0] / t) + Math.exp(z[1] / t) + Math.exp(z[2] / t);
            for (int k = 0; k < 3; k++) {
                p[k] += Math.exp(z[k] / t) / norm / crops.length;
            }
        }
        return p;
    }

    /** ECE over 15 equal-width confidence bins, (b/15, (b+1)/15], written out plainly. */
    private static double ece(List<double[]> probabilities, List<Integer> labels) {
        double ece = 0;
        for (int b = 0; b < 15; b++) {
            int n = 0;
            double confidence = 0;
            double right = 0;
            for (int i = 0; i < labels.size(); i++) {
                double[] p = probabilities.get(i);
                double top = Math.max(p[0], Math.max(p[1], p[2]));
                int predicted = p[0] == top ? 0 : p[1] == top ? 1 : 2;
                if (top > b / 15.0 && top <= (b + 1) / 15.0) {
                    n++;
                    confidence += top;
                    right += predicted == labels.get(i) ? 1 : 0;
                }
            }
            ece += n == 0 ? 0 : (double) n / labels.size() * Math.abs(right / n - confidence / n);
        }
        return ece;
    }

    @Test
    void aTrainedRunIsCalibratedAndItsProbabilitiesAreReportedCalibrated() throws Exception {
        SyntheticRun trained = SyntheticRun.in(dir);
        Path run = trained.run();
        assertThat(trained.train().out()).contains("calibrated: temperature");
        JsonNode calibration = JSON.readTree(run.resolve("run.json").toFile()).path("calibration");
        assertThat(calibration.path("crops").asInt()).isEqualTo(10);
        assertThat(calibration.path("validation_nll_after").asDouble()).as("the fit minimises the validation cross-entropy")
                .isLessThanOrEqualTo(calibration.path("validation_nll_before").asDouble());

        CommandRunner calibrate = CommandRunner.run("calibrate", "--run", run.toString(), "--crops", "3");
        assertThat(calibrate.exitCode()).as(calibrate.err()).isZero();
        assertThat(calibrate.out()).contains("temperature", "x 3 crops", run.resolve("best.safetensors").toAbsolutePath().toString());
        calibration = JSON.readTree(run.resolve("run.json").toFile()).path("calibration");
        assertThat(calibration.path("crops").asInt()).isEqualTo(3);
        assertThat(calibration.path("validation_nll_after").asDouble())
                .isLessThanOrEqualTo(calibration.path("validation_nll_before").asDouble());
        double t = calibration.path("temperature").asDouble();

        // a test exam of the cohort as a folder of four PNGs
        Path exam = dir.resolve("exam");
        Files.createDirectories(exam);
        ExamRecord record = Manifest.load(trained.manifest(), false).exams().get(0);
        for (View v : View.values()) {
            Files.copy(record.images().get(v).get(0).path(), exam.resolve(v.label() + ".png"));
        }
        Path weights = run.resolve("best.safetensors");
        double[][] logits;
        try (TrainedModel model = TrainedModel.load(weights, null, PreprocessingOverrides.none(), false, Device.cpu(), n -> { })) {
            logits = new ExamScorer(model.network(), model.manager())
                    .score(List.of(new ExamApplication(model, 4, 7).prepare(ExamImages.readPngFolder(exam)))).logits()[0];
        }
        String[] predict = {"predict", "--exam", exam.toString(), "--weights", weights.toString(), "--crops", "4", "--seed", "7"};
        CommandRunner calibrated = CommandRunner.run(CommandRunner.concat(predict, "--json"));
        assertThat(calibrated.exitCode()).as(calibrated.err()).isZero();
        JsonNode json = JSON.readTree(calibrated.out());
        assertThat(json.path("calibrated").asBoolean()).isTrue();
        assertThat(json.path("temperature").asDouble()).isEqualTo(t);
        double[] expected = averagedSoftmax(logits, t);
        for (int k = 0; k < 3; k++) {
            assertThat(json.path("probabilities").path("BI-RADS " + k).asDouble()).as("calibrated P(BI-RADS %d)", k)
                    .isCloseTo(expected[k], within(1e-5));
        }
        CommandRunner raw = CommandRunner.run(CommandRunner.concat(predict, "--json", "--uncalibrated"));
        JsonNode rawJson = JSON.readTree(raw.out());
        assertThat(rawJson.path("calibrated").asBoolean()).isFalse();
        assertThat(rawJson.has("temperature")).isFalse();
        double[] unscaled = averagedSoftmax(logits, 1);
        assertThat(Math.abs(unscaled[0] - expected[0])).as("the temperature moves the probabilities").isGreaterThan(1e-3);
        for (int k = 0; k < 3; k++) {
            assertThat(rawJson.path("probabilities").path("BI-RADS " + k).asDouble()).isCloseTo(unscaled[k], within(1e-5));
        }
        assertThat(CommandRunner.run(predict).out()).contains(String.format("probabilities calibrated (temperature %.4f)", t));

        // explain's forward is the calibrated network's too
        CommandRunner explain = CommandRunner.run("explain", "--exam", exam.toString(), "--weights", weights.toString(), "--crops",
                "4", "--seed", "7", "--out", dir.resolve("saliency").toString());
        assertThat(explain.exitCode()).as(explain.err()).isZero();
        assertThat(explain.out()).contains(String.format("probabilities calibrated (temperature %.4f)", t));
        java.util.regex.Matcher shown = java.util.regex.Pattern.compile("BI-RADS 0 (\\d\\.\\d{4})").matcher(explain.out());
        assertThat(shown.find()).as(explain.out()).isTrue();
        assertThat(Double.parseDouble(shown.group(1))).isCloseTo(expected[0], within(6e-5));

        CommandRunner evaluate = CommandRunner.run("evaluate", "--run", run.toString(), "--crops", "2", "--bootstrap", "20", "--json");
        assertThat(evaluate.exitCode()).as(evaluate.err()).isZero();
        JsonNode evaluation = JSON.readTree(evaluate.out());
        assertThat(evaluation.path("calibrated").asBoolean()).isTrue();
        assertThat(evaluation.path("temperature").asDouble()).isEqualTo(t);
        assertThat(evaluation.path("calibration").path("bins").asInt()).isEqualTo(15);
        assertThat(evaluation.path("calibration").path("before").path("brier").size()).isEqualTo(3);
        // the calibrated ECE is that of predictions.csv's (calibrated) probabilities, binned independently
        Path out = run.resolve("evaluation");
        assertThat(evaluation.path("calibration").path("after").path("ece").asDouble()).isCloseTo(ece(out), within(1e-9));
        assertThat(ImageIO.read(out.resolve("reliability.png").toFile()).getWidth()).isEqualTo(640);

        CommandRunner uncalibrated = CommandRunner.run("evaluate", "--run", run.toString(), "--crops", "2", "--bootstrap", "20",
                "--uncalibrated");
        assertThat(uncalibrated.exitCode()).as(uncalibrated.err()).isZero();
        assertThat(uncalibrated.out()).contains(String.format("probabilities uncalibrated, as asked (the model's temperature is %.4f)", t))
                .containsPattern("ECE \\(15 bins\\) +\\d\\.\\d{4} uncalibrated -> \\d\\.\\d{4} calibrated");
        assertThat(ece(out)).as("predictions.csv holds the raw probabilities now")
                .isCloseTo(evaluation.path("calibration").path("before").path("ece").asDouble(), within(1e-9));
    }

    @Test
    void aModelWithoutATemperatureSaysItsProbabilitiesAreUncalibrated() throws Exception {
        String[] predict = {"predict", "--exam", TestData.sampleExam().toString(), "--weights",
            TestData.resource("parity/full.safetensors").toString()};
        CommandRunner table = CommandRunner.run(predict);
        assertThat(table.exitCode()).as(table.err()).isZero();
        assertThat(table.out()).contains("probabilities uncalibrated");
        JsonNode json = JSON.readTree(CommandRunner.run(CommandRunner.concat(predict, "--json")).out());
        assertThat(json.path("calibrated").asBoolean()).isFalse();
        assertThat(json.has("temperature")).isFalse();
    }

    private static double ece(Path evaluation) throws Exception {
        List<double[]> p = new java.util.ArrayList<>();
        List<Integer> labels = new java.util.ArrayList<>();
        try (Reader in = Files.newBufferedReader(evaluation.resolve("predictions.csv"))) {
            for (CSVRecord row : CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(in)) {
                p.add(new double[] {Double.parseDouble(row.get("p_birads0")), Double.parseDouble(row.get("p_birads1")),
                    Double.parseDouble(row.get("p_birads2"))});
                labels.add(Integer.parseInt(row.get("label")));
            }
        }
        return ece(p, labels);
    }
}

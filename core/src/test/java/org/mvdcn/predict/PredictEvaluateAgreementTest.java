package org.mvdcn.predict;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.Device;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mvdcn.application.ExamApplication;
import org.mvdcn.data.ExamCandidates;
import org.mvdcn.data.ExamRecord;
import org.mvdcn.data.Manifest;
import org.mvdcn.data.SplitAssignment;
import org.mvdcn.eval.ModelEvaluation;
import org.mvdcn.preprocess.Preprocessing;
import org.mvdcn.preprocess.PreprocessingOverrides;
import org.mvdcn.synth.CohortGenerator;
import org.mvdcn.weights.UntrainedWeights;

/** One preparation path: an exam predicted alone gets the probabilities evaluate gave it among the others. */
class PredictEvaluateAgreementTest {

    @TempDir
    Path dir;

    @Test
    void predictGivesEachExamTheProbabilitiesEvaluateGaveIt() throws Exception {
        // one image per view, images down-scaled by 2 and cropped with random shifts: every step of the pipeline acts
        Path manifest = CohortGenerator.generate(dir.resolve("cohort"), new CohortGenerator.Options(60, 0.1, 3, 0.0, 0.0),
                (d, t) -> { }).manifest();
        Preprocessing preprocessing = Preprocessing.of(2, 120, 90);
        Path weights = UntrainedWeights.write(dir.resolve("model.safetensors"), preprocessing);
        List<ExamRecord> exams = Manifest.load(manifest, false).exams();
        SplitAssignment split = SplitAssignment.assign(exams);
        ModelEvaluation.run(new ModelEvaluation.Setup(manifest, split, weights, null, PreprocessingOverrides.none(), 3, 20, 5, 2, true,
                Device.cpu()),
                dir.resolve("evaluation"), l -> { });

        List<CSVRecord> rows;
        try (Reader in = Files.newBufferedReader(dir.resolve("evaluation").resolve(ModelEvaluation.PREDICTIONS))) {
            rows = new ArrayList<>(CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(in).getRecords());
        }
        assertThat(rows).hasSizeGreaterThan(2);
        List<String> notes = new ArrayList<>();
        try (TrainedModel model = TrainedModel.load(weights, null, PreprocessingOverrides.none(), Device.cpu(), notes::add)) {
            assertThat(notes).as("the file's own preprocessing is used without a word").isEmpty();
            assertThat(model.preprocessing()).isEqualTo(preprocessing);
            for (CSVRecord row : rows.subList(0, 3)) {
                ExamRecord exam = exams.stream().filter(e -> e.examId().equals(row.get("exam_id"))).findFirst().orElseThrow();
                Prediction p = new ExamApplication(model, 3, 5).predict(ExamCandidates.of(exam, manifest)).prediction();
                for (int k = 0; k < 3; k++) {
                    assertThat(p.probabilities()[k]).as("%s P(BI-RADS %d)", exam.examId(), k)
                            .isCloseTo(Double.parseDouble(row.get("p_birads" + k)), within(1e-6));
                }
            }
            // another seed draws other crops: the agreement above is not a coincidence of fixed placements
            ExamRecord first = exams.stream().filter(e -> e.examId().equals(rows.get(0).get("exam_id"))).findFirst().orElseThrow();
            assertThat(new ExamApplication(model, 3, 6).predict(ExamCandidates.of(first, manifest)).prediction().probabilities()[0])
                    .isNotCloseTo(Double.parseDouble(rows.get(0).get("p_birads0")), within(1e-7));
        }
    }
}

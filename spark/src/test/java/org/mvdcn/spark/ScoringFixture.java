package org.mvdcn.spark;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
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
import org.mvdcn.calibration.Calibration;
import org.mvdcn.data.Manifest;
import org.mvdcn.model.MultiViewNetwork;
import org.mvdcn.model.NetworkConfig;
import org.mvdcn.preprocess.Preprocessing;
import org.mvdcn.synth.CohortGenerator;
import org.mvdcn.weights.ModelFile;
import org.mvdcn.weights.NetworkWeights;
import org.mvdcn.weights.SafetensorsWriter;

/** What the scoring tests score (a small synthetic cohort with its splits declared, a calibrated random model) and read. */
final class ScoringFixture {

    private ScoringFixture() {}

    /**
     * A cohort of {@code patients} (images at 1/10 of full size, some exams with two images of a view)
     * under {@code dir}, its splits declared: half the patients in test (evaluate scores each one's
     * last exam), a quarter in validation, so many exams are compared. Returns its manifest.
     */
    static Path cohort(Path dir, int patients) throws Exception {
        Path generated = CohortGenerator.generate(dir, new CohortGenerator.Options(patients, 0.1, 3, 0.0, 0.3), (d, t) -> { })
                .manifest();
        List<String> ids = csv(generated).stream().map(r -> r.get("patient_id")).distinct().toList();
        StringBuilder lines = new StringBuilder(String.join(",", Manifest.COLUMNS)).append('\n');
        for (CSVRecord r : csv(generated)) {
            int p = ids.indexOf(r.get("patient_id"));
            lines.append(String.join(",", r.get("patient_id"), r.get("exam_id"), r.get("exam_date"), r.get("view"),
                    r.get("image_path"), r.get("acquired_at"), r.get("label"), p % 2 == 0 ? "test" : p % 4 == 1 ? "val" : "train"))
                    .append('\n');
        }
        Path declared = generated.resolveSibling("declared.csv");
        Files.writeString(declared, lines);
        return declared;
    }

    /** A small random network for 120x90 crops of the images down-scaled by 2, its outputs spread, with a temperature of 1.7. */
    static Path model(Path file) throws Exception {
        Engine.getInstance().setRandomSeed(8);
        try (NDManager manager = NDManager.newBaseManager()) {
            MultiViewNetwork network = new MultiViewNetwork(new NetworkConfig(120, 90, 0.25, 0, 0));
            network.initialize(manager);
            network.referenceParameters().get("fc2.weight").getArray().muli(40);
            NetworkWeights.saveSafetensors(network, Preprocessing.of(2, 120, 90), file);
        }
        SafetensorsWriter.putMetadata(file, ModelFile.CALIBRATION, new Calibration(1.7, 10, 1, 1, 1, 0.1, 0.1).toJson());
        return file;
    }

    /** Exam id to row of the table a scoring wrote to {@code out}. */
    static Map<String, Row> table(SparkSession spark, Path out) {
        Map<String, Row> byExam = new HashMap<>();
        for (Row r : spark.read().parquet(out.resolve(ScoreJob.TABLE).toString()).collectAsList()) {
            byExam.put(r.getAs("exam"), r);
        }
        return byExam;
    }

    static List<CSVRecord> csv(Path file) throws Exception {
        try (Reader in = Files.newBufferedReader(file)) {
            return CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(in).getRecords();
        }
    }
}

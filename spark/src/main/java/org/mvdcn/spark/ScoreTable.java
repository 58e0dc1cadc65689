package org.mvdcn.spark;

import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.mvdcn.calibration.TemperatureScaling;
import org.mvdcn.predict.Prediction;

/**
 * The table a scoring writes, one row per exam: who, the split and label, P(BI-RADS 0, 1, 2)
 * averaged over the crops and their entropy, the model's identity, and the logits of each crop
 * set (what a temperature is fitted on, and what the evaluation reads). An exam that could not be
 * scored has its reason in {@code error} and no probabilities.
 */
final class ScoreTable {

    static final String EXAM = "exam";
    static final String SPLIT = "split";
    static final String LABEL = "label";
    static final String LOGITS = "logits";
    static final String ERROR = "error";

    static final StructType SCHEMA = new StructType()
            .add(EXAM, DataTypes.StringType, false)
            .add("patient", DataTypes.StringType, false)
            .add(SPLIT, DataTypes.StringType, false)
            .add(LABEL, DataTypes.IntegerType, true)
            .add("p0", DataTypes.DoubleType, true)
            .add("p1", DataTypes.DoubleType, true)
            .add("p2", DataTypes.DoubleType, true)
            .add("entropy", DataTypes.DoubleType, true)
            .add("crops", DataTypes.IntegerType, false)
            .add("seconds", DataTypes.DoubleType, false)
            .add("weights_sha256", DataTypes.StringType, false)
            .add("calibrated", DataTypes.BooleanType, false)
            .add("temperature", DataTypes.DoubleType, true)
            // crop set by crop set, three per set: [set][class] flattened
            .add(LOGITS, DataTypes.createArrayType(DataTypes.DoubleType, false), true)
            .add(ERROR, DataTypes.StringType, true);

    private ScoreTable() {}

    /** A scored exam: {@code logits} [crop set][class]; {@code temperature} null for the raw probabilities. */
    static Row scored(ArchiveExam e, double[][] logits, Double temperature, double seconds, String sha256) {
        double[] p = TemperatureScaling.probabilities(new double[][][] {logits}, temperature == null ? 1 : temperature)[0];
        double[] flat = new double[logits.length * 3];
        for (int c = 0; c < logits.length; c++) {
            System.arraycopy(logits[c], 0, flat, c * 3, 3);
        }
        return RowFactory.create(e.examId(), e.patientId(), e.split().label(), e.label(), p[0], p[1], p[2], Prediction.entropy(p),
                logits.length, seconds, sha256, temperature != null, temperature, flat, null);
    }

    static Row failed(ArchiveExam e, int crops, String error, Double temperature, double seconds, String sha256) {
        return RowFactory.create(e.examId(), e.patientId(), e.split().label(), e.label(), null, null, null, null, crops, seconds,
                sha256, temperature != null, temperature, null, error);
    }

    /** A row's logits back as [crop set][class]. */
    static double[][] logits(Row row) {
        List<Double> flat = row.getList(row.fieldIndex(LOGITS));
        double[][] z = new double[flat.size() / 3][3];
        for (int i = 0; i < flat.size(); i++) {
            z[i / 3][i % 3] = flat.get(i);
        }
        return z;
    }
}

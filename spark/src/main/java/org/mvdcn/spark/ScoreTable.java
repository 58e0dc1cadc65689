package org.mvdcn.spark;

import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.mvdcn.predict.Assessment;
import org.mvdcn.predict.Prediction;

/**
 * The table a scoring writes, one row per exam: who, the split and label, P(BI-RADS 0, 1, 2)
 * averaged over the crops and their entropy, the model's identity, what the checks said (as
 * evaluate's predictions.csv says it: {@link Assessment}), and the logits of each crop set (what a
 * temperature is fitted on, and what the evaluation reads). An exam that could not be scored has
 * its reason in {@code error}, and no probabilities and no checks.
 */
final class ScoreTable {

    static final String EXAM = "exam";
    static final String SPLIT = "split";
    static final String LABEL = "label";
    static final String LOGITS = "logits";
    static final String ERROR = "error";
    static final String OOD_SCORE = "ood_score";
    static final String ASSESSED = "assessed";
    static final String CHECKS = "checks";

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
            .add(OOD_SCORE, DataTypes.DoubleType, true)
            .add(ASSESSED, DataTypes.BooleanType, true)
            .add(CHECKS, DataTypes.StringType, true)
            // crop set by crop set, three per set: [set][class] flattened
            .add(LOGITS, DataTypes.createArrayType(DataTypes.DoubleType, false), true)
            .add(ERROR, DataTypes.StringType, true);

    private ScoreTable() {}

    /** A scored exam: its prediction from {@code logits}, [crop set][class]. */
    static Row scored(ArchiveExam e, double[][] logits, Prediction p, String sha256) {
        double[] q = p.probabilities();
        double[] flat = new double[logits.length * 3];
        for (int c = 0; c < logits.length; c++) {
            System.arraycopy(logits[c], 0, flat, c * 3, 3);
        }
        Assessment a = p.assessment();
        return RowFactory.create(e.examId(), e.patientId(), e.split().label(), e.label(), q[0], q[1], q[2], p.entropy(), p.crops(),
                p.seconds(), sha256, p.calibrated(), p.calibrated() ? p.temperature().getAsDouble() : null, a.oodScore(), a.assessed(),
                a.codes(), flat, null);
    }

    static Row failed(ArchiveExam e, int crops, String error, Double temperature, double seconds, String sha256) {
        return RowFactory.create(e.examId(), e.patientId(), e.split().label(), e.label(), null, null, null, null, crops, seconds,
                sha256, temperature != null, temperature, null, null, null, null, error);
    }

    /** What the checks said of a scored exam, back from its row. */
    static Assessment assessment(Row row) {
        int score = row.fieldIndex(OOD_SCORE);
        return Assessment.of(row.isNullAt(score) ? null : row.getDouble(score), row.getBoolean(row.fieldIndex(ASSESSED)),
                row.getString(row.fieldIndex(CHECKS)));
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

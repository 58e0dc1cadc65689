package org.mvdcn.spark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.util.SerializableConfiguration;
import org.mvdcn.BadInputException;
import org.mvdcn.UsageException;
import org.mvdcn.data.ExamRecord;
import org.mvdcn.data.Manifest;
import org.mvdcn.data.Split;
import org.mvdcn.data.SplitAssignment;
import org.mvdcn.eval.EvaluationFile;
import org.mvdcn.eval.EvaluationReport;
import org.mvdcn.eval.ModelEvaluation;
import org.mvdcn.io.Sha256;
import org.mvdcn.predict.Assessment;
import org.mvdcn.predict.DatasetPredictor;
import org.mvdcn.predict.TrainedModel;

/**
 * A scoring on the driver: the manifest's exams chosen and their images picked, partitions of at
 * most {@link #EXAMS_PER_TASK} exams scored by the executors ({@link ExamScoring}), the rows
 * written as Parquet through Spark's output committer (a failed task's rows are discarded with it,
 * so a retried task leaves each exam once), and, where the table holds labelled test and
 * validation exams, what evaluate writes, computed from the table by evaluate's own code.
 */
final class ArchiveScoring {

    /** A task's exams: minutes of work on one core at the paper's resolution, little to redo when one fails. */
    static final int EXAMS_PER_TASK = 16;
    /** Seconds between progress lines. */
    private static final double PROGRESS_INTERVAL = 5;

    private ArchiveScoring() {}

    static ScoreSummary run(SparkSession spark, ScoreJob job, Consumer<String> log) {
        return run(spark, job, log, UnaryOperator.identity());
    }

    /** As {@link #run(SparkSession, ScoreJob, Consumer)}, the executors' function wrapped by {@code around} (tests make it fail). */
    static ScoreSummary run(SparkSession spark, ScoreJob job, Consumer<String> log,
            UnaryOperator<FlatMapFunction<Iterator<ArchiveExam>, Row>> around) {
        long start = System.nanoTime();
        Manifest manifest = Manifest.load(job.manifest(), false);
        SplitAssignment assignment = SplitAssignment.assign(manifest.exams());
        List<ExamRecord> chosen = chosen(job, manifest.exams(), assignment);
        Configuration conf = spark.sparkContext().hadoopConfiguration();
        URI out = HadoopFiles.uri(job.out());
        org.apache.hadoop.fs.Path table = new org.apache.hadoop.fs.Path(new org.apache.hadoop.fs.Path(out), ScoreJob.TABLE);
        refuseExisting(table, conf);

        URI weights = HadoopFiles.uri(job.weights());
        String sha256 = HadoopFiles.read(weights, conf, "weights", ArchiveScoring::sha256);
        int threads = job.threads() != null ? job.threads() : spark.sparkContext().getConf().getInt("spark.task.cpus", 1);
        ExecutorModel.Ref ref = new ExecutorModel.Ref(weights, sha256, threads, job.device(), job.precision());
        // the driver loads the model too: a bad file fails here, before any task; in local mode this is the executors' copy
        TrainedModel model = ExecutorModel.get(ref, conf, log);
        Double temperature = model.calibration() == null ? null : model.calibration().temperature();
        Double applied = job.calibrated() ? temperature : null;

        List<ArchiveExam> exams = new ArrayList<>(chosen.size());
        for (ExamRecord e : chosen) {
            exams.add(ArchiveExam.of(e, assignment.of(e), job.seed()));
        }
        JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        int partitions = Math.max((exams.size() + EXAMS_PER_TASK - 1) / EXAMS_PER_TASK, Math.min(exams.size(), sc.defaultParallelism()));
        log.accept(String.format("scoring %d exams x %d crops in %d tasks on %s (%s; %s)", exams.size(), job.crops(), partitions,
                sc.master(), model.preprocessing().describe(), applied != null ? String.format("calibrated, temperature %.4f", applied)
                        : temperature != null ? "uncalibrated, as asked" : "uncalibrated: the model carries no temperature"));
        JavaRDD<Row> rows = sc.parallelize(exams, partitions).mapPartitions(
                around.apply(new ExamScoring(ref, sc.broadcast(new SerializableConfiguration(conf)), job.crops(), applied)));
        ScoreProgress progress = new ScoreProgress(exams.size(), PROGRESS_INTERVAL, log);
        spark.sparkContext().addSparkListener(progress);
        try {
            spark.createDataFrame(rows, ScoreTable.SCHEMA).write().mode(SaveMode.ErrorIfExists).parquet(table.toString());
        } catch (RuntimeException e) {
            throw userFacing(e);
        } finally {
            spark.sparkContext().removeSparkListener(progress);
        }

        Map<String, Row> written = new HashMap<>();
        for (Row r : spark.read().parquet(table.toString()).select(ScoreTable.EXAM, ScoreTable.ERROR, ScoreTable.LOGITS,
                ScoreTable.OOD_SCORE, ScoreTable.ASSESSED, ScoreTable.CHECKS).collectAsList()) {
            written.put(r.getString(0), r);
        }
        List<String> errors = written.values().stream().filter(r -> !r.isNullAt(1)).map(r -> r.getString(1)).sorted().toList();
        if (!errors.isEmpty()) {
            log.accept(String.format("%d exam%s could not be scored (the table's error column says why), e.g. %s", errors.size(),
                    errors.size() > 1 ? "s" : "", errors.get(0)));
        }
        EvaluationReport report = evaluate(job, out, conf, chosen, assignment, written, model, sha256, temperature, log);
        return new ScoreSummary(HadoopFiles.name(table.toUri()), written.size(), errors.size(), (System.nanoTime() - start) / 1e9, report);
    }

    /**
     * The exams the job asks for: every one, or those of its split as evaluate takes them; the test
     * split brings the labelled validation exams too, as evaluate does, since the HC-macAUC cut-offs
     * of the test exams' evaluation come from their entropies.
     */
    private static List<ExamRecord> chosen(ScoreJob job, List<ExamRecord> exams, SplitAssignment assignment) {
        List<ExamRecord> asked = job.split() == null ? exams : assignment.select(exams, job.split());
        if (asked.isEmpty()) {
            throw new BadInputException(job.manifest(), "no exams to score" + (job.split() == null ? "" : " in the "
                    + job.split().label() + " split"));
        }
        if (job.split() != Split.TEST) {
            return asked;
        }
        return Stream.concat(asked.stream(), assignment.selectLabelled(exams, Split.VALIDATION).stream()).toList();
    }

    private static String sha256(Path file) {
        try {
            return Sha256.of(file);
        } catch (IOException e) {
            throw new BadInputException(file, "unreadable weights (" + e.getMessage() + ")", e);
        }
    }

    private static void refuseExisting(org.apache.hadoop.fs.Path table, Configuration conf) {
        try {
            if (table.getFileSystem(conf).exists(table)) {
                throw new UsageException(HadoopFiles.name(table.toUri()) + " already exists: choose another --out, or remove it");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(HadoopFiles.name(table.toUri()) + ": " + e.getMessage(), e);
        }
    }

    /** A job that failed for mvdcn's reasons (a refused file) says so as the command would, without Spark's wrapping. */
    private static RuntimeException userFacing(RuntimeException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof BadInputException || t instanceof UsageException) {
                return (RuntimeException) t;
            }
        }
        return e;
    }

    /**
     * evaluate's files from the table: its labelled test exams that evaluate scores (each test
     * patient's last) in the manifest's order, its labelled validation exams for the cut-offs,
     * each with the logits the table holds, the test exams with what the checks said; exams that
     * failed are left out.
     */
    private static EvaluationReport evaluate(ScoreJob job, URI out, Configuration conf, List<ExamRecord> chosen,
            SplitAssignment assignment, Map<String, Row> written, TrainedModel model, String sha256, Double temperature,
            Consumer<String> log) {
        DatasetPredictor.Predictions test = predictions(chosen, written,
                e -> assignment.of(e) == Split.TEST && assignment.scored().contains(e.examId()));
        DatasetPredictor.Predictions validation = predictions(chosen, written, e -> assignment.of(e) == Split.VALIDATION);
        if (test.exams().isEmpty() || validation.exams().isEmpty()) {
            log.accept(String.format("no evaluation: it needs labelled test and validation exams in the table (it has %d and %d)",
                    test.exams().size(), validation.exams().size()));
            return null;
        }
        EvaluationFile.Provenance provenance = new EvaluationFile.Provenance(job.weights(), sha256, model.preprocessing(), job.crops(),
                job.seed());
        List<Assessment> assessments = test.exams().stream().map(e -> ScoreTable.assessment(written.get(e.examId()))).toList();
        return HadoopFiles.writeInto(out, conf, folder -> ModelEvaluation.write(folder, test, validation, temperature,
                job.calibrated(), job.bootstrapRounds(), job.seed(), provenance, assessments, model.ood()));
    }

    /** The labelled exams {@code which} takes, in the manifest's order, with the table's logits; failed exams left out. */
    private static DatasetPredictor.Predictions predictions(List<ExamRecord> chosen, Map<String, Row> written,
            java.util.function.Predicate<ExamRecord> which) {
        List<ExamRecord> exams = new ArrayList<>();
        List<double[][]> logits = new ArrayList<>();
        for (ExamRecord e : chosen) {
            Row row = written.get(e.examId());
            if (e.label() != null && which.test(e) && row != null && row.isNullAt(1)) {
                exams.add(e);
                logits.add(ScoreTable.logits(row));
            }
        }
        return DatasetPredictor.Predictions.ofLogits(exams, logits.toArray(double[][][]::new));
    }
}

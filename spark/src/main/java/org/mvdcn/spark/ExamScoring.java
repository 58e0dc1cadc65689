package org.mvdcn.spark;

import java.net.URI;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Row;
import org.apache.spark.util.SerializableConfiguration;
import org.mvdcn.BadInputException;
import org.mvdcn.assess.ExamCheck;
import org.mvdcn.assess.ExamChecks;
import org.mvdcn.exam.Mammogram;
import org.mvdcn.exam.View;
import org.mvdcn.predict.CropScores;
import org.mvdcn.predict.ExamScorer;
import org.mvdcn.predict.Prediction;
import org.mvdcn.predict.TrainedModel;
import org.mvdcn.preprocess.CropPlan;
import org.mvdcn.preprocess.PreparedExam;

/**
 * What an executor does with a partition of exams: each exam's images read in the executor,
 * through core's pipeline, checks ({@link ExamChecks}, the model's out-of-distribution check) and
 * scorer, one row each, lazily (a row is written while the next exam is read). Input the pipeline
 * refuses fails its exam's row, not the task; anything else (a file system that did not answer)
 * fails the task, and Spark runs it again.
 *
 * @param temperature what the logits are divided by; null: the raw probabilities
 */
record ExamScoring(ExecutorModel.Ref model, Broadcast<SerializableConfiguration> hadoop, int crops, Double temperature)
        implements FlatMapFunction<Iterator<ArchiveExam>, Row> {

    @Override
    public Iterator<Row> call(Iterator<ArchiveExam> exams) {
        Configuration conf = hadoop.value().value();
        TrainedModel loaded = ExecutorModel.get(model, conf, note -> { });
        ExamScorer scorer = new ExamScorer(loaded.network(), loaded.manager());
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return exams.hasNext();
            }

            @Override
            public Row next() {
                return score(exams.next(), loaded, scorer, conf);
            }
        };
    }

    private Row score(ArchiveExam exam, TrainedModel loaded, ExamScorer scorer, Configuration conf) {
        long start = System.nanoTime();
        try {
            Map<View, Mammogram> images = new EnumMap<>(View.class);
            List<ExamCheck> attributes = new ArrayList<>();
            for (View v : View.values()) {
                Read read = read(exam.image(v), v, loaded, conf);
                images.put(v, read.image());
                attributes.addAll(read.attributes());
            }
            List<ExamCheck> found = loaded.checks().check(attributes, images);
            PreparedExam prepared = loaded.pipeline().prepare(images, CropPlan.averaged(crops), exam.draws());
            CropScores scores = scorer.score(List.of(prepared)).cropScores(0);
            Prediction p = Prediction.of(scores, temperature == null ? OptionalDouble.empty() : OptionalDouble.of(temperature),
                    loaded.ood(), found, seconds(start));
            return ScoreTable.scored(exam, scores.logits(), p, model.sha256());
        } catch (BadInputException e) {
            return ScoreTable.failed(exam, crops, e.getMessage(), temperature, seconds(start), model.sha256());
        }
    }

    /** A view's image as decoded, and what its file's attributes show. */
    private record Read(Mammogram image, List<ExamCheck> attributes) {}

    /**
     * A view's image and its attributes' findings, from one local copy; a finding or a refusal
     * names the file as the manifest's URI does, not as the temporary copy.
     */
    private static Read read(URI image, View view, TrainedModel loaded, Configuration conf) {
        try {
            return HadoopFiles.read(image, conf, "image",
                    file -> new Read(loaded.pipeline().read(file), ExamChecks.attributes(view, file, HadoopFiles.name(image))));
        } catch (BadInputException e) {
            throw new BadInputException(java.nio.file.Path.of(HadoopFiles.name(image)), e.problem(), e);
        }
    }

    private static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }
}

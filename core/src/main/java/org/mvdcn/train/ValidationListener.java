package org.mvdcn.train;

import ai.djl.ndarray.NDManager;
import java.util.List;
import java.util.function.Consumer;
import org.mvdcn.data.ExamRecord;
import org.mvdcn.data.LoaderConfig;
import org.mvdcn.data.Split;
import org.mvdcn.eval.ClassificationMetrics;
import org.mvdcn.model.MultiViewNetwork;
import org.mvdcn.predict.DatasetPredictor;
import org.mvdcn.preprocess.ExamPipeline;

/** Scores the validation exams after every epoch (noise-free crop, earliest image) and adds the AUCs per class. */
final class ValidationListener implements TrainingListener {

    private final MultiViewNetwork network;
    private final NDManager manager;
    private final ExamPipeline pipeline;
    private final List<ExamRecord> exams;
    private final LoaderConfig loading;
    private final Consumer<String> log;

    ValidationListener(MultiViewNetwork network, NDManager manager, ExamPipeline pipeline, List<ExamRecord> exams,
            LoaderConfig loading, Consumer<String> log) {
        this.network = network;
        this.manager = manager;
        this.pipeline = pipeline;
        this.exams = exams;
        this.loading = loading;
        this.log = log;
    }

    @Override
    public void onEpoch(EpochEnd epoch) {
        long start = System.nanoTime();
        DatasetPredictor.Predictions p = DatasetPredictor.predict(network, manager, pipeline, exams, Split.VALIDATION, loading, log);
        epoch.validated(ClassificationMetrics.perClassAuc(p.probabilities(), p.labels()), (System.nanoTime() - start) / 1e9);
    }
}

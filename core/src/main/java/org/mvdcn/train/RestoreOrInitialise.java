package org.mvdcn.train;

import ai.djl.ndarray.NDManager;
import java.util.List;
import java.util.function.Consumer;
import org.mvdcn.data.ExamBatch;
import org.mvdcn.data.ExamLoader;
import org.mvdcn.data.ExamRecord;
import org.mvdcn.data.LoaderConfig;
import org.mvdcn.data.Split;
import org.mvdcn.model.WeightInit;
import org.mvdcn.preprocess.ExamPipeline;

/**
 * Puts the weights in place as training begins: a resumed run's from its checkpoint, with Adam's
 * moments; a new run's as its options say: the weights it fine-tunes, or drawn ones (Glorot as
 * made, He redrawn, or LSUV scaled, or centred unit by unit, on a training batch).
 */
final class RestoreOrInitialise implements TrainingListener {

    private final RunFolder run;
    private final RunRecord record;
    private final CheckpointState saved;
    private final TrainingStep step;
    private final List<ExamRecord> train;
    private final ExamPipeline pipeline;
    private final LoaderConfig loading;
    private final Consumer<String> log;

    RestoreOrInitialise(RunFolder run, RunRecord record, CheckpointState saved, TrainingStep step, List<ExamRecord> train,
            ExamPipeline pipeline, LoaderConfig loading, Consumer<String> log) {
        this.run = run;
        this.record = record;
        this.saved = saved;
        this.step = step;
        this.train = train;
        this.pipeline = pipeline;
        this.loading = loading;
        this.log = log;
    }

    @Override
    public void onTrainingBegin(TrainingState state) {
        InitialisationOptions init = record.options().initialisation();
        if (saved.epoch() > 0 || saved.partial() != null) {
            Checkpoint.restore(run, step.network(), step.adam(), saved);
        } else if (init.from() != null) {
            FineTuningWeights.load(step.network(), init, record.fromWeights(), log);
        } else {
            init.init().apply(step.network());
            if (init.init().dataDependent()) {
                scaleToUnitVariance(init.init() == WeightInit.CENTRED);
            }
        }
    }

    /** LSUV (per unit: centred) on epoch 0's first training batch, so that epoch 1's order and crops stay as they were. */
    private void scaleToUnitVariance(boolean perUnit) {
        try (ExamLoader loader = new ExamLoader(train, Split.TRAIN, pipeline, loading, 0, log);
                NDManager scope = step.manager().newSubManager()) {
            ExamBatch batch = loader.next();
            var reached = LayerSequentialUnitVariance.apply(step.network(), step.store(), batch.inputs(scope, 0), perUnit);
            log.accept((perUnit ? "Centred init" : "LSUV") + " on " + batch.size() + " training exams: " + reached.size() + " layers, output variance "
                    + String.format("%.3f..%.3f", reached.values().stream().mapToDouble(v -> v).min().orElse(Double.NaN),
                            reached.values().stream().mapToDouble(v -> v).max().orElse(Double.NaN)));
        }
    }
}

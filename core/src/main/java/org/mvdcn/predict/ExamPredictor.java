package org.mvdcn.predict;

import org.mvdcn.calibration.TemperatureScaling;
import org.mvdcn.ood.OodCheck;
import org.mvdcn.ood.OodModel;
import ai.djl.ndarray.NDManager;
import java.util.List;
import org.mvdcn.data.Seeds;
import org.mvdcn.exam.ExamImages;
import org.mvdcn.exam.Mammogram;
import org.mvdcn.exam.View;
import org.mvdcn.model.MultiViewNetwork;
import org.mvdcn.preprocess.CropPlan;
import org.mvdcn.preprocess.ExamPipeline;
import org.mvdcn.preprocess.PreparedExam;
import org.mvdcn.preprocess.Preprocessing;

/**
 * Predicts one decoded exam with test-time crop averaging, through the same pipeline and scorer
 * as evaluate: {@code crops == 1} is the noise-free placement, more are random placements drawn
 * from {@link Seeds#scoring} (SPEC section 2), so an exam predicts here exactly as evaluate scores it.
 */
public final class ExamPredictor {

    private final MultiViewNetwork network;
    private final ExamScorer scorer;
    private final ExamPipeline pipeline;
    private final OodModel ood;

    /** A predictor without an out-of-distribution check. */
    public ExamPredictor(MultiViewNetwork network, NDManager manager, ExamPipeline pipeline) {
        this(network, manager, pipeline, null);
    }

    /** {@code ood}: the model's training distribution each prediction is checked against (null: none). */
    public ExamPredictor(MultiViewNetwork network, NDManager manager, ExamPipeline pipeline, OodModel ood) {
        this.network = network;
        this.scorer = new ExamScorer(network, manager);
        this.pipeline = pipeline;
        this.ood = ood;
    }

    /** The paper's default: one crop when every view, down-scaled, has the crop's size (all placements coincide), else 10. */
    public int defaultCrops(ExamImages exam) {
        Preprocessing p = pipeline.preprocessing();
        for (View v : View.values()) {
            Mammogram m = exam.view(v);
            if (m.height() / p.downscale() != p.cropHeight() || m.width() / p.downscale() != p.cropWidth()) {
                return 10;
            }
        }
        return 1;
    }

    /** The exam through the pipeline, with {@code crops} crop sets drawn from the seed as evaluate draws them. */
    public PreparedExam prepare(ExamImages exam, int crops, long seed) {
        return pipeline.prepare(exam.views(), CropPlan.averaged(crops), Seeds.scoring(seed));
    }

    /**
     * Probabilities averaged over {@code crops} crop sets (calibrated when the network carries a
     * temperature), with the exam's crop-averaged features checked against the training distribution.
     */
    public Prediction predict(ExamImages exam, int crops, long seed) {
        long start = System.nanoTime();
        ExamScorer.Scores scores = scorer.score(List.of(prepare(exam, crops, seed)));
        double[] p = TemperatureScaling.probabilities(scores.logits(), 1)[0];
        return new Prediction(p, Prediction.entropy(p), crops, (System.nanoTime() - start) / 1e9, network.temperature(),
                check(scores.features()[0]));
    }

    /** The exam's features against the training distribution; null without one. */
    public OodCheck check(double[] features) {
        return ood == null ? null : ood.check(features);
    }
}

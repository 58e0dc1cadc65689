package org.mvdcn.explain;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import java.util.EnumMap;
import java.util.Map;
import java.util.List;
import org.mvdcn.exam.ExamImages;
import org.mvdcn.exam.Mammogram;
import org.mvdcn.exam.View;
import org.mvdcn.model.MultiViewNetwork;
import org.mvdcn.predict.ExamPredictor;
import org.mvdcn.predict.Prediction;
import org.mvdcn.preprocess.CropWindow;
import org.mvdcn.preprocess.ExamPipeline;
import org.mvdcn.preprocess.PreparedExam;
import org.mvdcn.preprocess.PreparedView;

/**
 * The paper's saliency (Fig. 5): backpropagate the entropy H of the predicted distribution to the
 * four input images and take |dH/dx| per pixel. One forward and one backward per crop set; the
 * network runs in inference mode (no noise, no dropout) and its weights are frozen for the
 * explainer's lifetime so the backward computes input gradients only. A calibrated network divides
 * its logits by its temperature itself: H and the maps are then those of the calibrated distribution.
 */
public final class SaliencyExplainer implements AutoCloseable {

    private final MultiViewNetwork network;
    private final NDManager manager;
    private final ExamPredictor predictor;

    public SaliencyExplainer(MultiViewNetwork network, NDManager manager, ExamPipeline pipeline) {
        this(network, manager, new ExamPredictor(network, manager, pipeline));
    }

    /** Explains through {@code predictor}: its placements, and its out-of-distribution check of each exam. */
    public SaliencyExplainer(MultiViewNetwork network, NDManager manager, ExamPredictor predictor) {
        this.network = network;
        this.manager = manager;
        this.predictor = predictor;
        network.referenceParameters().values().forEach(p -> p.freeze(true));
    }

    /**
     * Maps averaged over {@code crops} crop sets, placed as {@link ExamPredictor} places them. The
     * maps lie on the grid the network saw: the file's own, or the down-scaled one when the
     * model's preprocessing down-scales (the maps' exam then holds the down-scaled images).
     */
    public SaliencyMaps explain(ExamImages exam, int crops, long seed) {
        long start = System.nanoTime();
        PreparedExam prepared = predictor.prepare(exam, crops, seed);
        Map<View, PreparedView> views = prepared.views();
        Map<View, float[]> maps = new EnumMap<>(View.class);
        Map<View, Mammogram> seen = new EnumMap<>(View.class);
        for (View v : View.values()) {
            seen.put(v, views.get(v).source());
            maps.put(v, new float[views.get(v).height() * views.get(v).width()]);
        }
        double[] probabilities = new double[3];
        double[] features = null;
        for (int c = 0; c < crops; c++) {
            try (NDManager scope = manager.newSubManager()) {
                Map<View, CropWindow> windows = prepared.cropSets().get(c);
                NDList inputs = PreparedExam.inputs(scope, List.of(prepared), c);
                EntropyGradient g = entropyGradient(inputs);
                for (View v : View.values()) {
                    accumulate(maps.get(v), g.gradients().get(v), views.get(v), windows.get(v), 1f / crops);
                }
                for (int k = 0; k < 3; k++) {
                    probabilities[k] += g.probabilities()[k] / crops;
                }
                if (features == null) {
                    features = new double[g.features().length];
                }
                for (int j = 0; j < features.length; j++) {
                    features[j] += g.features()[j] / crops;
                }
            }
        }
        Prediction prediction = new Prediction(probabilities, Prediction.entropy(probabilities), crops,
                (System.nanoTime() - start) / 1e9, network.temperature(), predictor.check(features));
        return new SaliencyMaps(new ExamImages(exam.source(), seen), maps, prediction);
    }

    /** dH/dx (signed) for one exam's four (1, 1, H, W) inputs, with the probabilities and view features of that forward. */
    public record EntropyGradient(Map<View, float[]> gradients, double[] probabilities, double entropy, double[] features) {}

    public EntropyGradient entropyGradient(NDList inputs) {
        for (NDArray input : inputs) {
            input.setRequiresGradient(true);
        }
        float[] p;
        float[] f;
        double h;
        try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
            NDList out = network.forwardWithFeatures(new ParameterStore(manager, false), inputs, false);
            NDArray logits = out.get(0);
            f = out.get(1).toFloatArray();
            NDArray probabilities = logits.softmax(1);
            // H = -sum p log p, with log p from log_softmax: exact where p underflows to 0
            NDArray entropy = probabilities.mul(logits.logSoftmax(1)).sum().neg();
            collector.backward(entropy);
            p = probabilities.toFloatArray();
            h = entropy.getFloat();
        }
        Map<View, float[]> gradients = new EnumMap<>(View.class);
        for (View v : View.values()) {
            gradients.put(v, inputs.get(v.ordinal()).getGradient().toFloatArray());
        }
        double[] features = new double[f.length];
        for (int j = 0; j < f.length; j++) {
            features[j] = f[j];
        }
        return new EntropyGradient(gradients, new double[] {p[0], p[1], p[2]}, h, features);
    }

    /** Adds weight * |gradient| of a crop to the file-grid map: undo the crop offset, then the mirroring. */
    private static void accumulate(float[] map, float[] gradient, PreparedView view, CropWindow window, float weight) {
        Mammogram image = view.source();
        int h = image.height();
        int w = image.width();
        for (int r = 0; r < window.height(); r++) {
            int y = window.top() + r;
            if (y < 0 || y >= h) {
                continue;
            }
            for (int c = 0; c < window.width(); c++) {
                int x = window.left() + c;
                if (x < 0 || x >= w) {
                    continue;
                }
                int fileX = view.mirrored() ? w - 1 - x : x;
                map[y * w + fileX] += weight * Math.abs(gradient[r * window.width() + c]);
            }
        }
    }

    /** Unfreezes the weights again (the network may be trained afterwards). */
    @Override
    public void close() {
        for (Parameter p : network.referenceParameters().values()) {
            p.freeze(false);
        }
    }
}

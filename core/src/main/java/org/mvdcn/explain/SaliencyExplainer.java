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
import java.util.OptionalDouble;
import org.mvdcn.exam.Mammogram;
import org.mvdcn.exam.View;
import org.mvdcn.model.LayerProbe;
import org.mvdcn.model.MultiViewNetwork;
import org.mvdcn.ood.ExamSignature;
import org.mvdcn.ood.ImageStatisticsProbe;
import org.mvdcn.predict.CropScores;
import org.mvdcn.preprocess.CropWindow;
import org.mvdcn.preprocess.PreparedExam;
import org.mvdcn.preprocess.PreparedView;

/**
 * The paper's saliency (Fig. 5): backpropagate the entropy H of the predicted distribution to the
 * four input images and take |dH/dx| per pixel. One forward and one backward per crop set; the
 * network runs in inference mode (no noise, no dropout) and its weights are frozen for the
 * explainer's lifetime so the backward computes input gradients only. With a temperature, H is the
 * entropy of softmax(logits / T): the maps then explain the calibrated distribution, the one the
 * prediction reports.
 */
public final class SaliencyExplainer implements AutoCloseable {

    private final MultiViewNetwork network;
    private final NDManager manager;
    private final OptionalDouble temperature;

    public SaliencyExplainer(MultiViewNetwork network, NDManager manager, OptionalDouble temperature) {
        this.network = network;
        this.manager = manager;
        this.temperature = temperature;
        network.referenceParameters().values().forEach(p -> p.freeze(true));
    }

    /**
     * What the saliency pass over a prepared exam gives: the maps averaged over its crop sets, on the
     * grid the network saw (the file's own, or the down-scaled one) in the file's orientation; and
     * each crop set's logits and features, from the same forwards, for the prediction.
     */
    public record Explained(Map<View, float[]> maps, CropScores scores) {}

    public Explained explain(PreparedExam prepared) {
        Map<View, PreparedView> views = prepared.views();
        int crops = prepared.cropSets().size();
        Map<View, float[]> maps = new EnumMap<>(View.class);
        for (View v : View.values()) {
            maps.put(v, new float[views.get(v).height() * views.get(v).width()]);
        }
        CropScores scores = new CropScores();
        for (int c = 0; c < crops; c++) {
            try (NDManager scope = manager.newSubManager()) {
                Map<View, CropWindow> windows = prepared.cropSets().get(c);
                EntropyGradient g = entropyGradient(PreparedExam.inputs(scope, List.of(prepared), c));
                for (View v : View.values()) {
                    accumulate(maps.get(v), g.gradients().get(v), views.get(v), windows.get(v), 1f / crops);
                }
                scores.add(g.logits(), g.signature());
            }
        }
        return new Explained(maps, scores);
    }

    /**
     * dH/dx (signed) for one exam's four (1, 1, H, W) inputs, with that forward's raw logits, the
     * probabilities H was taken of (divided by the temperature when there is one), and the images' statistics.
     */
    public record EntropyGradient(Map<View, float[]> gradients, double[] logits, double[] probabilities, double entropy,
            ExamSignature signature) {}

    public EntropyGradient entropyGradient(NDList inputs) {
        for (NDArray input : inputs) {
            input.setRequiresGradient(true);
        }
        float[] z;
        float[] p;
        double h;
        ImageStatisticsProbe probe = new ImageStatisticsProbe(network.config().columnLayout(), 1);
        try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
            NDArray logits = network.forward(new ParameterStore(manager, false), inputs, false, LayerProbe.parameters(probe))
                    .singletonOrThrow();
            NDArray scaled = temperature.isPresent() ? logits.div((float) temperature.getAsDouble()) : logits;
            NDArray probabilities = scaled.softmax(1);
            // H = -sum p log p, with log p from log_softmax: exact where p underflows to 0
            NDArray entropy = probabilities.mul(scaled.logSoftmax(1)).sum().neg();
            collector.backward(entropy);
            z = logits.toFloatArray();
            p = probabilities.toFloatArray();
            h = entropy.getFloat();
        }
        Map<View, float[]> gradients = new EnumMap<>(View.class);
        for (View v : View.values()) {
            gradients.put(v, inputs.get(v.ordinal()).getGradient().toFloatArray());
        }
        return new EntropyGradient(gradients, new double[] {z[0], z[1], z[2]}, new double[] {p[0], p[1], p[2]}, h,
                probe.signatures().get(0));
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

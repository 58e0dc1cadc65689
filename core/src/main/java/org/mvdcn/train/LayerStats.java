package org.mvdcn.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Parameter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mvdcn.model.ColumnLayout;
import org.mvdcn.model.LayerProbe;
import org.mvdcn.model.MultiViewNetwork;
import org.mvdcn.model.OutputHead;

/**
 * What one training step shows of each layer (issue 15's diagnosis of a network that does not
 * start learning): the activations the next layer reads (mean, std, share of zeros, share of dead
 * channels: zero for every exam and position of the batch), how much the exams differ in them
 * (std across the batch of each channel's spatial mean: what global pooling passes on), the
 * pre-activation std, and the gradient (NaN for a frozen layer) and weight norms of the layer's weights.
 * Measured on detached copies, so the step's autograd graph is not touched.
 */
final class LayerStats implements LayerProbe {

    /** One layer at one step; NaN where a quantity does not apply. */
    record Row(long step, int epoch, String layer, double preStd, double mean, double std, double zeroShare, double deadShare,
            double betweenExamStd, double gradNorm, double weightNorm) {}

    private final long step;
    private final int epoch;
    private final Map<String, double[]> measured = new LinkedHashMap<>();

    private static final int PRE_STD = 0;
    private static final int MEAN = 1;
    private static final int STD = 2;
    private static final int ZEROS = 3;
    private static final int DEAD = 4;
    private static final int BETWEEN = 5;
    private static final int GRAD = 6;
    private static final int WEIGHT = 7;

    LayerStats(long step, int epoch) {
        this.step = step;
        this.epoch = epoch;
    }

    @Override
    public void preActivation(String layer, NDArray output) {
        try (NDArray x = output.stopGradient()) {
            row(layer)[PRE_STD] = std(x);
        }
    }

    @Override
    public void activation(String layer, NDArray output) {
        double[] r = row(layer);
        try (NDArray x = output.stopGradient(); NDArray mean = x.mean(); NDArray isZero = x.eq(0f);
                NDArray zeros = isZero.toType(DataType.FLOAT32, false); NDArray zeroShare = zeros.mean()) {
            r[MEAN] = mean.getFloat();
            r[STD] = std(x);
            r[ZEROS] = zeroShare.getFloat();
            // libtorch's max reduces one axis at a time: channels first, the rest flattened
            long channels = x.getShape().get(1);
            try (NDArray magnitude = x.abs(); NDArray byChannel = magnitude.swapAxes(0, 1); NDArray flat = byChannel.reshape(channels, -1);
                    NDArray peak = flat.max(new int[] {1}); NDArray isDead = peak.eq(0f);
                    NDArray dead = isDead.toType(DataType.FLOAT32, false); NDArray deadShare = dead.mean()) {
                r[DEAD] = deadShare.getFloat();
            }
            if (x.getShape().get(0) > 1) {
                try (NDArray byExam = x.reshape(x.getShape().get(0), channels, -1); NDArray perExam = byExam.mean(new int[] {2});
                        NDArray centre = perExam.mean(new int[] {0}, true); NDArray centred = perExam.sub(centre);
                        NDArray squares = centred.square(); NDArray variance = squares.mean(new int[] {0});
                        NDArray spread = variance.sqrt(); NDArray meanSpread = spread.mean()) {
                    r[BETWEEN] = meanSpread.getFloat();
                }
            }
        }
    }

    /** Adds the gradient and weight norms of each layer's weights (both columns' together), after the backward pass. */
    void gradients(MultiViewNetwork network) {
        Map<String, Parameter> params = network.referenceParameters();
        for (ColumnLayout.Conv conv : network.config().columnLayout().convs()) {
            for (String column : new String[] {"cc", "mlo"}) {
                norms(column + "." + conv.name(), params.get("_conv_layer_ls." + conv.index() + "." + column + ".weight"));
            }
        }
        OutputHead head = network.config().head();
        norms("fc1", params.get(head.parameter("fc1") + ".weight"));
        norms("logits", params.get(head.parameter("fc2") + ".weight"));
    }

    private void norms(String layer, Parameter p) {
        double[] r = row(layer);
        NDArray w = p.getArray(); // the parameter's own array: not closed here
        try (NDArray wn = w.norm()) {
            r[WEIGHT] = wn.getFloat();
        }
        if (p.requiresGradient()) { // a layer fine-tuning keeps frozen has none
            try (NDArray g = w.getGradient(); NDArray gn = g.norm()) {
                r[GRAD] = gn.getFloat();
            }
        }
    }

    List<Row> rows() {
        List<Row> rows = new ArrayList<>();
        measured.forEach((layer, r) -> rows.add(new Row(step, epoch, layer, r[PRE_STD], r[MEAN], r[STD], r[ZEROS], r[DEAD], r[BETWEEN],
                r[GRAD], r[WEIGHT])));
        return rows;
    }

    private double[] row(String layer) {
        return measured.computeIfAbsent(layer, k -> {
            double[] r = new double[8];
            Arrays.fill(r, Double.NaN);
            return r;
        });
    }

    private static double std(NDArray x) {
        return Math.sqrt(variance(x));
    }

    /** The population variance of all of {@code x}'s values (what LSUV scales to 1 as well). */
    static double variance(NDArray x) {
        try (NDArray mean = x.mean(); NDArray centred = x.sub(mean); NDArray sq = centred.square(); NDArray var = sq.mean()) {
            return var.getFloat();
        }
    }
}

package org.mvdcn.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mvdcn.model.ColumnLayout;
import org.mvdcn.model.LayerProbe;
import org.mvdcn.model.MultiViewNetwork;
import org.mvdcn.model.WeightInit;

/**
 * LSUV (Mishkin and Matas 2016, "All you need is a good init"): layer after layer, from the
 * input up, the weights are divided by the standard deviation of the layer's output on a real
 * batch until that output has unit variance. Written here because DJL has no data-dependent
 * initialiser. Each column's layers are scaled on its own views (CC on the two CC views), fc1 on
 * the concatenated features; fc2 is left as drawn. With zero biases a layer's output scales
 * exactly with its weights, so one pass per layer usually lands within the tolerance; the loop
 * is the paper's safeguard.
 *
 * <p>Unit by unit ({@link WeightInit#CENTRED}): each convolution's output channels' mean and
 * variance over the batch, both views of a column together, set to 0 and 1 through its bias and
 * its weights (Krähenbühl et al. 2016). A unit's output is affine in its own weights and bias
 * while the layers below stay fixed, so one pass is exact up to rounding. fc1 is scaled as a
 * layer, as in LSUV: its units see one value per exam, 8 on a batch of 8, too few for a mean and a
 * variance of their own (tried: units whose 8 values nearly agreed got scales that sent the first
 * training losses to 4-5 nats), where a convolution's channel sees every place of every view.
 */
final class LayerSequentialUnitVariance {

    static final double TOLERANCE = 0.1;
    static final int MAX_PASSES = 10;
    /** Below this a unit's variance is rounding of a constant output (outputs are O(1) after the layers below). */
    static final double CONSTANT = 1e-10;

    private LayerSequentialUnitVariance() {}

    /**
     * Scales (and with {@code perUnit} centres) the network's layers on {@code inputs}; returns for
     * each layer, in order, its output variance afterwards (per unit: the unit variance farthest from 1).
     */
    static Map<String, Double> apply(MultiViewNetwork network, ParameterStore store, NDList inputs, boolean perUnit) {
        Map<String, Parameter> params = network.referenceParameters();
        Map<String, String> layers = new LinkedHashMap<>(); // probe name -> parameter name without .weight/.bias, input side first
        for (ColumnLayout.Conv conv : network.config().columnLayout().convs()) {
            for (String column : new String[] {"cc", "mlo"}) {
                layers.put(column + "." + conv.name(), "_conv_layer_ls." + conv.index() + "." + column);
            }
        }
        layers.put("fc1", network.config().head().parameter("fc1"));
        Map<String, Double> reached = new LinkedHashMap<>();
        for (Map.Entry<String, String> layer : layers.entrySet()) {
            NDArray weight = params.get(layer.getValue() + ".weight").getArray();
            NDArray bias = params.get(layer.getValue() + ".bias").getArray();
            double worst = Double.NaN;
            for (int pass = 0; pass < MAX_PASSES; pass++) {
                UnitMoments moments = UnitMoments.of(network, store, inputs, layer.getKey(), perUnit && !layer.getKey().equals("fc1"));
                worst = moments.varianceFarthestFromOne();
                if (moments.within(TOLERANCE) || !(worst > 0)) {
                    break;
                }
                moments.standardise(weight, bias);
            }
            reached.put(layer.getKey(), worst);
        }
        return reached;
    }

    /**
     * One layer's output mean and variance on the batch, per unit or pooled over the layer (then
     * the mean is not used: plain LSUV leaves the biases alone). A column runs once per view, so the
     * views' moments are pooled.
     */
    private record UnitMoments(double[] mean, double[] variance, boolean perUnit) {

        static UnitMoments of(MultiViewNetwork network, ParameterStore store, NDList inputs, String layer, boolean perUnit) {
            List<float[]> means = new ArrayList<>();
            List<float[]> squares = new ArrayList<>();
            network.forwardWithFeatures(store, inputs, false, new LayerProbe() {
                @Override
                public void preActivation(String name, NDArray output) {
                    if (!name.equals(layer)) {
                        return;
                    }
                    // libtorch's mean reduces one axis here: units first, the rest flattened
                    long units = perUnit ? output.getShape().get(1) : 1;
                    try (NDArray byUnit = output.swapAxes(0, 1); NDArray flat = byUnit.reshape(units, -1);
                            NDArray m = flat.mean(new int[] {1}); NDArray sq = flat.square(); NDArray msq = sq.mean(new int[] {1})) {
                        means.add(m.toFloatArray());
                        squares.add(msq.toFloatArray());
                    }
                }
            }).close();
            int units = means.get(0).length;
            double[] mean = new double[units];
            double[] variance = new double[units];
            for (int u = 0; u < units; u++) {
                double m = 0;
                double sq = 0;
                for (int v = 0; v < means.size(); v++) { // every view has the same number of values
                    m += means.get(v)[u];
                    sq += squares.get(v)[u];
                }
                mean[u] = m / means.size();
                variance[u] = sq / means.size() - mean[u] * mean[u];
            }
            return new UnitMoments(mean, variance, perUnit);
        }

        /**
         * A unit with one value on the whole batch (its inputs all zero there: dead ReLUs below) has
         * nothing to scale; per unit it is left out of the checks, or one such unit would stop its
         * layer's standardisation or spend every pass on it.
         */
        private boolean constant(int u) {
            return perUnit && !(variance[u] > CONSTANT);
        }

        /** The variance farthest from 1 among the units that vary (NaN: none does). */
        double varianceFarthestFromOne() {
            double worst = Double.NaN;
            for (int u = 0; u < variance.length; u++) {
                if (!constant(u) && (Double.isNaN(worst) || !(Math.abs(variance[u] - 1) <= Math.abs(worst - 1)))) {
                    worst = variance[u];
                }
            }
            return worst;
        }

        boolean within(double tolerance) {
            for (int u = 0; u < variance.length; u++) {
                if (!constant(u) && (!(Math.abs(variance[u] - 1) < tolerance) || perUnit && !(Math.abs(mean[u]) < tolerance))) {
                    return false;
                }
            }
            return true;
        }

        /** w /= sd; per unit also b = (b - mean) / sd, each row of w and entry of b its unit's. */
        void standardise(NDArray weight, NDArray bias) {
            if (!perUnit) {
                weight.muli((float) (1 / Math.sqrt(variance[0])));
                return;
            }
            float[] scale = new float[variance.length];
            float[] shift = new float[variance.length];
            for (int u = 0; u < scale.length; u++) {
                scale[u] = constant(u) ? 1f : (float) (1 / Math.sqrt(variance[u]));
                shift[u] = (float) mean[u];
            }
            long[] rowShape = weight.getShape().getShape().clone();
            Arrays.fill(rowShape, 1, rowShape.length, 1);
            try (NDArray s = weight.getManager().create(scale); NDArray rows = s.reshape(new Shape(rowShape));
                    NDArray m = bias.getManager().create(shift)) {
                weight.muli(rows);
                bias.subi(m).muli(s);
            }
        }
    }
}

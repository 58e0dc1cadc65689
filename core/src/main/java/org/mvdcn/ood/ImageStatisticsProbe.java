package org.mvdcn.ood;

import ai.djl.ndarray.NDArray;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.mvdcn.exam.View;
import org.mvdcn.model.ColumnLayout;
import org.mvdcn.model.LayerProbe;

/**
 * Measures, in one forward pass over a batch of exams, what each view's image looks like at
 * several depths: the standardised input's intensity distribution (the share of pixels above each
 * of {@link #INPUT_EDGES}) and each block's output (every channel's mean and standard deviation
 * after pooling and ReLU). Features that the classifier ignores still move these statistics: an
 * inverted or noisy image changes the first block long before it changes the pooled features the
 * head reads (Lee et al. 2018 measure every block for the same reason).
 *
 * <p>It only adds up per-channel sums, so the network may run the large first block band by band
 * ({@link #wholeMaps()} false): measuring costs no memory beyond the plain forward's.
 */
public final class ImageStatisticsProbe implements LayerProbe {

    /** Standardised intensities whose exceedance shares describe an input: the background, the breast, the bright tail. */
    static final double[] INPUT_EDGES = {-2, -1.5, -1, -0.75, -0.5, -0.25, 0, 0.25, 0.5, 0.75, 1, 1.5, 2, 3};

    private static final IntensityShares SHARES = new IntensityShares(INPUT_EDGES);

    /** The name the input's statistics carry, under the column's prefix like the layers'. */
    public static final String INPUT = "input";

    private final Set<String> layers;
    private final int batch;
    private final Map<View, double[][]> inputs = new EnumMap<>(View.class);
    private final Map<View, Map<String, ChannelSums>> sums = new EnumMap<>(View.class);

    /** Measures the block outputs of {@code layout} (see {@link #blockOutputs}) for a batch of {@code batch} exams. */
    public ImageStatisticsProbe(ColumnLayout layout, int batch) {
        this.layers = Set.copyOf(blockOutputs(layout));
        this.batch = batch;
    }

    /** The convolutions whose (pooled) outputs end a block: each one before a pooling, and the last. */
    public static List<String> blockOutputs(ColumnLayout layout) {
        List<String> names = new ArrayList<>();
        String lastConv = null;
        for (ColumnLayout.Step step : layout.steps()) {
            if (step instanceof ColumnLayout.Conv conv) {
                lastConv = conv.name();
            } else if (step instanceof ColumnLayout.MaxPool && lastConv != null && !names.contains(lastConv)) {
                names.add(lastConv);
            }
        }
        if (lastConv != null && !names.contains(lastConv)) {
            names.add(lastConv);
        }
        return names;
    }

    @Override
    public boolean wholeMaps() {
        return false;
    }

    @Override
    public LayerProbe forView(View view) {
        Map<String, ChannelSums> viewSums = sums.computeIfAbsent(view, v -> new LinkedHashMap<>());
        return new LayerProbe() {
            @Override
            public void input(NDArray image) {
                try (NDArray x = image.stopGradient()) {
                    inputs.put(view, SHARES.of(x, batch));
                }
            }

            @Override
            public void activation(String layer, NDArray output) {
                String name = layer.substring(layer.indexOf('.') + 1);
                if (layers.contains(name)) {
                    viewSums.computeIfAbsent(layer, l -> new ChannelSums(batch, (int) output.getShape().get(1))).add(output);
                }
            }

            @Override
            public boolean wholeMaps() {
                return false;
            }
        };
    }

    /** Each exam's statistics, in the batch's order. */
    public List<ExamSignature> signatures() {
        List<ExamSignature> out = new ArrayList<>(batch);
        for (int b = 0; b < batch; b++) {
            Map<View, Map<String, double[]>> views = new EnumMap<>(View.class);
            for (Map.Entry<View, Map<String, ChannelSums>> v : sums.entrySet()) {
                Map<String, double[]> layerValues = new LinkedHashMap<>();
                if (inputs.containsKey(v.getKey())) {
                    layerValues.put(column(v.getKey()) + "." + INPUT, inputs.get(v.getKey())[b].clone());
                }
                for (Map.Entry<String, ChannelSums> l : v.getValue().entrySet()) {
                    layerValues.put(l.getKey(), l.getValue().row(b));
                }
                views.put(v.getKey(), layerValues);
            }
            out.add(new ExamSignature(views));
        }
        return out;
    }

    /** The column's name in the layer names: the network's prefix for the view's projection. */
    private static String column(View view) {
        return view.projection().name().toLowerCase(Locale.ROOT);
    }

    /**
     * Per exam and channel, the sum and the sum of squares of a block's output and how many values
     * they hold: bands of the same block add up to the whole map's statistics.
     */
    private static final class ChannelSums {
        private final double[][] sum;
        private final double[][] squares;
        private long count;

        ChannelSums(int batch, int channels) {
            sum = new double[batch][channels];
            squares = new double[batch][channels];
        }

        void add(NDArray output) {
            int[] spatial = {2, 3};
            try (NDArray x = output.stopGradient(); NDArray s = x.sum(spatial); NDArray sq = x.square(); NDArray ssq = sq.sum(spatial)) {
                float[] a = s.toFloatArray();
                float[] q = ssq.toFloatArray();
                int channels = sum[0].length;
                for (int b = 0; b < sum.length; b++) {
                    for (int c = 0; c < channels; c++) {
                        sum[b][c] += a[b * channels + c];
                        squares[b][c] += q[b * channels + c];
                    }
                }
                count += output.getShape().get(2) * output.getShape().get(3);
            }
        }

        /** An exam's channel means, then its channel standard deviations. */
        double[] row(int b) {
            int channels = sum[b].length;
            double[] out = new double[2 * channels];
            for (int c = 0; c < channels; c++) {
                double mean = sum[b][c] / count;
                out[c] = mean;
                out[channels + c] = Math.sqrt(Math.max(squares[b][c] / count - mean * mean, 0));
            }
            return out;
        }
    }
}

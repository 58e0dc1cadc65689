package org.mvdcn.ood;

import ai.djl.ndarray.NDArray;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.stream.IntStream;

/**
 * The share of each exam's pixels above each of a set of intensity edges, counted in one pass over
 * the images' memory on every core. Asked of libtorch, each edge costs three passes (compare,
 * convert, sum): for the 14 input edges that was 0.46 s of a full-resolution crop set whose forward
 * takes 0.7 s, and 4.6 s of every exam that {@code evaluate} scores (bench/RESULTS.md, issue 29);
 * no library counts a histogram into a libtorch tensor's memory from Java, so it is written here.
 * The edges sit on a grid of quarters: a value's quarter-step bin, {@code ceil((v - first) * 4)},
 * says exactly which edges it lies above (computed in double, where a float's sum and product are
 * exact), and NaN lies above none, as libtorch's comparison has it.
 */
final class IntensityShares {

    private static final int PER_UNIT = 4;
    private static final int CHUNK = 1 << 18;

    private final double[] edges;
    private final int[] edgeBins;
    private final int bins;

    IntensityShares(double[] edges) {
        this.edges = edges.clone();
        this.edgeBins = new int[edges.length];
        for (int e = 0; e < edges.length; e++) {
            double steps = (edges[e] - edges[0]) * PER_UNIT;
            if (steps != Math.rint(steps) || (e > 0 && edges[e] <= edges[e - 1])) {
                throw new IllegalArgumentException("intensity edges must rise on a grid of 1/" + PER_UNIT + ": " + edges[e]);
            }
            edgeBins[e] = (int) steps;
        }
        this.bins = edgeBins[edges.length - 1] + 2; // bin 0: at or below the first edge; the last: above the last
    }

    /** [exam][edge]: the share of each exam's pixels above each edge, for a (batch, ...) float image. */
    double[][] of(NDArray image, int batch) {
        FloatBuffer values = image.toByteBuffer(true).order(ByteOrder.nativeOrder()).asFloatBuffer();
        int pixels = Math.toIntExact(image.getShape().size() / batch);
        int chunksPerExam = (pixels + CHUNK - 1) / CHUNK;
        long[][] counts = IntStream.range(0, batch * chunksPerExam).parallel()
                .mapToObj(c -> histogram(values, (c / chunksPerExam) * pixels + (c % chunksPerExam) * CHUNK,
                        Math.min(CHUNK, pixels - (c % chunksPerExam) * CHUNK)))
                .toArray(long[][]::new);
        double[][] shares = new double[batch][edges.length];
        for (int b = 0; b < batch; b++) {
            long[] exam = new long[bins];
            for (int c = 0; c < chunksPerExam; c++) {
                for (int k = 0; k < bins; k++) {
                    exam[k] += counts[b * chunksPerExam + c][k];
                }
            }
            long above = 0; // the values in bins k and up: those above the edge whose bin is k - 1
            int e = edges.length - 1;
            for (int k = bins - 1; k > 0; k--) {
                above += exam[k];
                if (e >= 0 && edgeBins[e] == k - 1) {
                    shares[b][e--] = (double) above / pixels;
                }
            }
        }
        return shares;
    }

    private long[] histogram(FloatBuffer values, int from, int length) {
        long[] h = new long[bins];
        int last = bins - 1;
        double first = edges[0];
        for (int i = from; i < from + length; i++) {
            double q = (values.get(i) - first) * PER_UNIT;
            int k = q > 0 ? (q > last - 1 ? last : (int) Math.ceil(q)) : 0; // NaN: bin 0
            h[k]++;
        }
        return h;
    }
}

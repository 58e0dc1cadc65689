package org.mvdcn.ood;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Base64;

/**
 * Where the training exams' features lie: their mean and a shrinkage estimate of their
 * covariance (Ledoit and Wolf 2004: the sample covariance pulled towards a multiple of the
 * identity by the amount that minimises the expected squared error, so that it stays invertible
 * with fewer exams than feature dimensions, as a screening cohort usually has), kept as its
 * inverse. An exam's Mahalanobis distance to it says how unlike the training exams it is.
 *
 * @param mean the features' mean (d)
 * @param precision the inverse of the shrunk covariance, row-major (d x d)
 * @param shrinkage the weight given to the identity target, 0..1
 */
public record FeatureDistribution(float[] mean, float[] precision, double shrinkage) {

    public int dimension() {
        return mean.length;
    }

    /** Fits the distribution of {@code features} (n exams x d), in double precision through libtorch. */
    public static FeatureDistribution fit(double[][] features) {
        int n = features.length;
        int d = features[0].length;
        if (n < 2) {
            throw new IllegalArgumentException("a feature distribution needs at least 2 exams, got " + n);
        }
        double[] flat = new double[n * d];
        for (int i = 0; i < n; i++) {
            if (features[i].length != d) {
                throw new IllegalArgumentException("exam " + i + " has " + features[i].length + " features, not " + d);
            }
            System.arraycopy(features[i], 0, flat, i * d, d);
        }
        // on the host whatever the model's device: a one-off fit of a few hundred features
        try (NDManager m = NDManager.newBaseManager(Device.cpu())) {
            NDArray x = m.create(flat, new Shape(n, d));
            NDArray mean = x.mean(new int[] {0});
            NDArray centred = x.sub(mean);
            NDArray s = centred.transpose().matMul(centred).div(n);
            NDArray identity = m.eye(d, d, 0, DataType.FLOAT64);
            double mu = s.mul(identity).sum().getDouble() / d; // the trace (DJL's trace is not in its PyTorch engine)
            // d^2 = ||S - mu I||_F^2 / d: how far the sample covariance is from the target
            double distance = s.sub(identity.mul(mu)).square().sum().getDouble() / d;
            // b^2 = sum_i ||x_i x_i^T - S||_F^2 / (n^2 d), with ||x x^T - S||^2 = |x|^4 - 2 x^T S x + ||S||^2
            NDArray norms = centred.square().sum(new int[] {1});
            double quartic = norms.square().sum().getDouble();
            double quadratic = centred.matMul(s).mul(centred).sum().getDouble();
            double frobenius = s.square().sum().getDouble();
            double spread = Math.min((quartic - 2 * quadratic + n * frobenius) / ((double) n * n * d), distance);
            double shrinkage = distance > 0 ? spread / distance : 1;
            NDArray shrunk = s.mul(1 - shrinkage).add(identity.mul(shrinkage * mu));
            NDArray precision = shrunk.inverse();
            return new FeatureDistribution(mean.toType(DataType.FLOAT32, false).toFloatArray(),
                    precision.toType(DataType.FLOAT32, false).toFloatArray(), shrinkage);
        }
    }

    /** The Mahalanobis distance sqrt((x - mean)^T P (x - mean)) of an exam's features. */
    public double distance(double[] features) {
        int d = mean.length;
        if (features.length != d) {
            throw new IllegalArgumentException("the exam has " + features.length + " features; the model's distribution " + d);
        }
        double[] c = new double[d];
        for (int j = 0; j < d; j++) {
            c[j] = features[j] - mean[j];
        }
        double sum = 0;
        for (int i = 0; i < d; i++) {
            double row = 0;
            for (int j = 0; j < d; j++) {
                row += precision[i * d + j] * c[j];
            }
            sum += c[i] * row;
        }
        return Math.sqrt(Math.max(sum, 0));
    }

    /** The arrays as base64 float32, little-endian: text for the weights file's metadata. */
    public static String encode(float[] values) {
        ByteBuffer b = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        b.asFloatBuffer().put(values);
        return Base64.getEncoder().encodeToString(b.array());
    }

    public static float[] decode(String text) {
        ByteBuffer b = ByteBuffer.wrap(Base64.getDecoder().decode(text)).order(ByteOrder.LITTLE_ENDIAN);
        float[] out = new float[b.remaining() / 4];
        b.asFloatBuffer().get(out);
        return out;
    }
}

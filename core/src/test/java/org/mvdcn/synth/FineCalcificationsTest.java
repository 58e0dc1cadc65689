package org.mvdcn.synth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.mvdcn.exam.Mammogram;
import org.mvdcn.exam.View;
import org.mvdcn.preprocess.BicubicDownscale;

/** A fine-calcification cluster: the literature's sizes and counts, and evidence that a down-scaled image no longer holds. */
class FineCalcificationsTest {

    @Test
    void clustersHaveTheBiradsCountsAndSizes() {
        int fewest = Integer.MAX_VALUE;
        int most = 0;
        double smallest = Double.MAX_VALUE;
        double largest = 0;
        for (int seed = 0; seed < 400; seed++) {
            Finding f = Finding.random(Finding.Kind.FINE_CALCIFICATIONS, new SplittableRandom(seed));
            assertThat(f.kind().birads()).isZero();
            fewest = Math.min(fewest, f.blobs().size());
            most = Math.max(most, f.blobs().size());
            for (Finding.Blob b : f.blobs()) {
                double d = FineCalcifications.diameterMm(b);
                smallest = Math.min(smallest, d);
                largest = Math.max(largest, d);
                // grouped: every calcification within a circle at most 10 mm across (pixels of 0.1 mm at scale 1)
                assertThat(Math.hypot(b.dy(), b.dx()) * FineCalcifications.MM_PER_PIXEL).isLessThanOrEqualTo(5.0);
                assertThat(b.length()).isZero();
            }
        }
        assertThat(fewest).isEqualTo(5);
        assertThat(most).isEqualTo(15);
        assertThat(smallest).isBetween(0.1, 0.11);
        assertThat(largest).isBetween(0.49, 0.5);
    }

    @Test
    void aCalcificationKeepsItsSpeckButNotTheRegionsMeanOrSpread() {
        for (double scale : new double[] {1, 0.25}) {
            for (int seed = 0; seed < 20; seed++) {
                Finding f = Finding.random(Finding.Kind.FINE_CALCIFICATIONS, new SplittableRandom(seed));
                Finding.Blob b = f.blobs().get(0);
                int size = 81;
                float[] image = new float[size * size];
                FineCalcifications.draw(b, image, size, size, 40.3 - b.dy() * scale, 39.6 - b.dx() * scale, scale, 1);
                double sum = 0;
                double sumAbs = 0;
                double[] second = new double[3];
                float peak = 0;
                for (int y = 0; y < size; y++) {
                    for (int x = 0; x < size; x++) {
                        double v = image[y * size + x];
                        sum += v;
                        sumAbs += Math.abs(v);
                        second[0] += v * (y - 40.3) * (y - 40.3);
                        second[1] += v * (x - 39.6) * (x - 39.6);
                        second[2] += v * (y - 40.3) * (x - 39.6);
                        peak = Math.max(peak, image[y * size + x]);
                    }
                }
                assertThat(Math.abs(sum)).as("sum, scale %s seed %d", scale, seed).isLessThan(1e-4 * sumAbs);
                for (double m : second) {
                    assertThat(Math.abs(m)).as("second moment, scale %s seed %d", scale, seed).isLessThan(1e-3 * sumAbs);
                }
                // the speck itself stays: at least a fifth of the peak its core alone would have
                float[] core = new float[size * size];
                Finding.drawBlob(b, core, size, size, 40.3 - b.dy() * scale, 39.6 - b.dx() * scale, scale, 1);
                float corePeak = 0;
                for (float v : core) {
                    corePeak = Math.max(corePeak, v);
                }
                assertThat(peak).as("peak, scale %s seed %d", scale, seed).isGreaterThan(0.2f * corePeak);
            }
        }
    }

    /**
     * The exam the study trains on (scale 0.25, contrast 4, seeds 0-3): at full size the cluster stands out of the
     * detector noise; down-scaled by 4 and by 8 the image with it differs from the same image without it by less
     * than the noise does at that size.
     */
    @Test
    void downScaledByFourOrEightTheClusterIsBelowTheNoise() {
        double scale = 0.25;
        int h = 650;
        int w = 500;
        for (int seed = 0; seed < 4; seed++) {
            SplittableRandom rng = new SplittableRandom(seed);
            BreastAnatomy anatomy = BreastAnatomy.random(rng, 0.5);
            Finding finding = Finding.random(Finding.Kind.FINE_CALCIFICATIONS, rng);
            float[] with = MammogramRenderer.render(h, w, scale, View.Projection.CC, anatomy, List.of(finding), 4, 0, new SplittableRandom(7));
            float[] without = MammogramRenderer.render(h, w, scale, View.Projection.CC, anatomy, List.of(), 4, 0, new SplittableRandom(7));
            float[] otherNoise = MammogramRenderer.render(h, w, scale, View.Projection.CC, anatomy, List.of(), 4, 0, new SplittableRandom(8));
            // the noise where the cluster is: 16 mm around its centre
            double cy = anatomy.centre() * h + finding.v() * anatomy.halfHeight() * h;
            double cx = finding.u() * anatomy.depth() * w;
            for (int factor : new int[] {1, 4, 8}) {
                Mammogram a = BicubicDownscale.apply(new Mammogram(null, h, w, with), factor);
                Mammogram b = BicubicDownscale.apply(new Mammogram(null, h, w, without), factor);
                Mammogram c = BicubicDownscale.apply(new Mammogram(null, h, w, otherNoise), factor);
                double largest = 0;
                for (int i = 0; i < a.pixels().length; i++) {
                    largest = Math.max(largest, Math.abs(a.pixels()[i] - b.pixels()[i]));
                }
                int radius = 40 / factor;
                double noise = 0;
                int n = 0;
                for (int y = (int) (cy / factor) - radius; y <= (int) (cy / factor) + radius; y++) {
                    for (int x = (int) (cx / factor) - radius; x <= (int) (cx / factor) + radius; x++) {
                        double d = (b.at(y, x) - c.at(y, x)) / Math.sqrt(2);
                        noise += d * d;
                        n++;
                    }
                }
                noise = Math.sqrt(noise / n);
                if (factor == 1) {
                    assertThat(largest).as("seed %d at full size", seed).isGreaterThan(5 * noise);
                } else {
                    assertThat(largest).as("seed %d at 1/%d", seed, factor).isLessThan(noise);
                }
            }
        }
    }
}

package org.mvdcn.synth;

import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.mvdcn.exam.View;

/**
 * Single CC views of the positive-control cohort's kind, half of them (the even indices) with one
 * fine-calcification cluster and nothing else, with the cluster's place: the data of the test that
 * isolates one column from the multi-view network, the labels and the reader (issue 28,
 * bench/isolate-column). The negatives draw a cluster too and leave it out, so that both halves
 * have a place to crop around and the same anatomy distribution.
 */
public final class SingleViewSamples {

    /** One view (h x w, chest wall left), whether it holds the cluster, and the cluster's centre in pixels. */
    public record Sample(float[] pixels, boolean cluster, double centreY, double centreX) {}

    private SingleViewSamples() {}

    /** {@code n} views of h x w pixels at {@code scale} with findings {@code contrast} times as bright; deterministic by seed. */
    public static List<Sample> render(int n, long seed, int h, int w, double scale, double contrast) {
        return IntStream.range(0, n).parallel().mapToObj(i -> {
            SplittableRandom rng = new SplittableRandom(seed * 1_000_003L + i);
            BreastAnatomy anatomy = BreastAnatomy.random(rng, 0.1 + 0.8 * rng.nextDouble());
            Finding finding = Finding.random(Finding.Kind.FINE_CALCIFICATIONS, rng);
            boolean cluster = i % 2 == 0;
            float[] pixels = MammogramRenderer.render(h, w, scale, View.Projection.CC, anatomy,
                    cluster ? List.of(finding) : List.of(), contrast, 0, new SplittableRandom(rng.nextLong()));
            return new Sample(pixels, cluster, finding.centreYInCc(anatomy, h), finding.centreXInCc(anatomy, w));
        }).toList();
    }
}

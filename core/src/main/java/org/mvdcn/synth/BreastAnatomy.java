package org.mvdcn.synth;

import java.util.SplittableRandom;

/**
 * The lasting shape of one breast of one patient, so that every visit shows the same breast:
 * size, the density of its fibroglandular tissue, the texture seed, the pectoral muscle in MLO.
 * Lengths are fractions of the image's width (depth) or height.
 */
public record BreastAnatomy(double depth, double halfHeight, double centre, double density, long textureSeed,
        double pectoralWidth, double pectoralHeight, double mloTilt) {

    static BreastAnatomy random(SplittableRandom rng, double density) {
        return new BreastAnatomy(
                0.55 + 0.3 * rng.nextDouble(),
                0.32 + 0.13 * rng.nextDouble(),
                0.47 + 0.06 * rng.nextDouble(),
                density,
                rng.nextLong(),
                0.22 + 0.16 * rng.nextDouble(),
                0.40 + 0.25 * rng.nextDouble(),
                0.15 + 0.2 * rng.nextDouble());
    }
}

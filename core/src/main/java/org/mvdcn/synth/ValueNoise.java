package org.mvdcn.synth;

import java.util.SplittableRandom;

/**
 * Smooth random field: random values on a square grid of spacing {@code cell} pixels,
 * interpolated with smoothstep weights. Summed over several cell sizes it gives the multi-scale
 * look of fibroglandular tissue. Written here because it is a dozen lines and must be
 * deterministic per seed and fast enough to render thousands of images.
 */
final class ValueNoise {

    private final float[] grid;
    private final int columns;
    private final double cell;

    ValueNoise(int height, int width, double cell, SplittableRandom rng) {
        this.cell = cell;
        int rows = (int) Math.ceil(height / cell) + 2;
        columns = (int) Math.ceil(width / cell) + 2;
        grid = new float[rows * columns];
        for (int i = 0; i < grid.length; i++) {
            grid[i] = (float) (rng.nextDouble() * 2 - 1);
        }
    }

    /** Value in [-1, 1] at pixel (y, x), shifted by (dy, dx) pixels. */
    float at(double y, double x) {
        double gy = y / cell;
        double gx = x / cell;
        int iy = (int) gy;
        int ix = (int) gx;
        double fy = smooth(gy - iy);
        double fx = smooth(gx - ix);
        int i = iy * columns + ix;
        double top = grid[i] + (grid[i + 1] - grid[i]) * fx;
        double bottom = grid[i + columns] + (grid[i + columns + 1] - grid[i + columns]) * fx;
        return (float) (top + (bottom - top) * fy);
    }

    private static double smooth(double t) {
        return t * t * (3 - 2 * t);
    }
}

package org.mvdcn.train;

import org.mvdcn.UsageException;

/**
 * What makes a run repeatable and what it measures of itself.
 *
 * @param seed every random choice derives from it
 * @param layerStatsEvery measure every layer each this many optimiser steps, from the first (0: never; {@link LayerStats})
 */
public record RunOptions(long seed, int layerStatsEvery) {

    public RunOptions {
        if (layerStatsEvery < 0) {
            throw new UsageException("need --layer-stats-every >= 0, got " + layerStatsEvery);
        }
    }
}

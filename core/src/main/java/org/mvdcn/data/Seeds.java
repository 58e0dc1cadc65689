package org.mvdcn.data;

import java.util.Random;

/**
 * Random generators for one use of one seed. java.util.Random's first draws from nearby seeds
 * agree (seeds 0..7 give the same first nextInt(2)), so the seed and the use are hashed together
 * first.
 */
public final class Seeds {

    private Seeds() {}

    /**
     * The generator an exam is scored with (its image choice and test-time crops): the same for
     * every exam, so an exam's probabilities depend on the seed alone, never on which other exams
     * are scored with it or in which order. evaluate, predict, the service and a partitioned
     * scorer therefore agree exam by exam.
     */
    public static Random scoring(long seed) {
        return random(seed, -1, -1);
    }

    /** A generator for {@code index} within {@code epoch} of a run seeded with {@code seed}. */
    public static Random random(long seed, int epoch, int index) {
        long h = seed * 0x9E3779B97F4A7C15L + epoch * 0xC2B2AE3D27D4EB4FL + index;
        h ^= h >>> 31;
        return new Random(h * 0x165667B19E3779F9L);
    }
}

package org.mvdcn.train;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import org.mvdcn.EnumLabels;

/**
 * The learning rate at each optimiser step: a linear warm-up from base / warmup to the base rate
 * over the first {@code warmupSteps} steps, then constant (the paper's) or a cosine decay to zero
 * at {@code totalSteps}. Steps count from 1 (Adam's step count), so a resumed run continues the
 * schedule where its checkpoint left it.
 */
public record LearningRateSchedule(double base, int warmupSteps, Decay decay, long totalSteps) {

    public enum Decay {
        CONSTANT, COSINE;

        @JsonValue
        public String label() {
            return EnumLabels.of(this);
        }

        @JsonCreator
        public static Decay parse(String text) {
            return EnumLabels.parse(Decay.class, text, "schedule");
        }
    }

    public LearningRateSchedule {
        if (!(base > 0) || warmupSteps < 0 || totalSteps < 1) {
            throw new IllegalArgumentException("need base > 0, warmup >= 0, total >= 1: " + base + ", " + warmupSteps + ", " + totalSteps);
        }
    }

    /** The rate of optimiser step {@code step} (1-based). */
    public double rate(long step) {
        if (step <= warmupSteps) {
            return base * step / warmupSteps;
        }
        if (decay == Decay.CONSTANT || totalSteps <= warmupSteps) {
            return base;
        }
        // steps past the planned total (an extended run) stay at the end of the cosine: zero would stop learning
        double progress = Math.min(1, (double) (step - warmupSteps) / (totalSteps - warmupSteps));
        return base * 0.5 * (1 + Math.cos(Math.PI * progress));
    }
}

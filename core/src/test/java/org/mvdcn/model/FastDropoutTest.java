package org.mvdcn.model;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import org.junit.jupiter.api.Test;

class FastDropoutTest {

    @Test
    void keepsEachValueWithProbabilityOneMinusRateScaledAndPassesGradientThroughTheSameMask() {
        Engine.getInstance().setRandomSeed(8);
        try (NDManager manager = NDManager.newBaseManager()) {
            for (Shape shape : new Shape[] {new Shape(4, 16, 125, 125), new Shape(1000, 1000)}) {
                NDArray x = manager.randomUniform(1f, 2f, shape);
                x.setRequiresGradient(true);
                NDArray weighting = manager.randomNormal(shape);
                float[] out;
                try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                    NDArray dropped = FastDropout.apply(x, 0.2f);
                    out = dropped.toFloatArray();
                    collector.backward(dropped.mul(weighting).sum());
                }
                float[] in = x.toFloatArray();
                float[] w = weighting.toFloatArray();
                float[] gradient = x.getGradient().toFloatArray();
                long kept = 0;
                for (int i = 0; i < in.length; i++) {
                    if (out[i] != 0) {
                        kept++;
                        assertThat(out[i]).isEqualTo(in[i] * 1.25f);
                        assertThat(gradient[i]).isEqualTo(w[i] * 1.25f);
                    } else {
                        assertThat(gradient[i]).isZero();
                    }
                }
                // 1M draws: the kept share's standard deviation is 4e-4
                assertThat((double) kept / in.length).as(shape.toString()).isBetween(0.798, 0.802);
            }
        }
    }
}

package org.mvdcn.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.engine.Engine;
import java.util.List;
import org.junit.jupiter.api.Test;

class GradientClippingTest {

    /** Two parameters whose gradients are known: d/dw sum(c * w) = c. */
    private static List<Parameter> withGradients(NDManager manager, float[] a, float[] b) {
        Parameter p = Parameter.builder().setName("p").setType(Parameter.Type.WEIGHT).build();
        Parameter q = Parameter.builder().setName("q").setType(Parameter.Type.WEIGHT).build();
        p.setArray(manager.ones(new Shape(a.length)));
        q.setArray(manager.ones(new Shape(b.length)));
        p.getArray().setRequiresGradient(true);
        q.getArray().setRequiresGradient(true);
        try (GradientCollector c = Engine.getInstance().newGradientCollector()) {
            NDArray loss = p.getArray().mul(manager.create(a)).sum().add(q.getArray().mul(manager.create(b)).sum());
            c.backward(loss);
        }
        return List.of(p, q);
    }

    @Test
    void aLargeGradientIsScaledToTheLimitKeepingItsDirection() {
        try (NDManager manager = NDManager.newBaseManager()) {
            List<Parameter> params = withGradients(manager, new float[] {3, 0}, new float[] {0, 4, 0}); // norm 5
            double before = GradientClipping.clip(params, 1.0);
            assertThat(before).isCloseTo(5.0, within(1e-6));
            assertThat(params.get(0).getArray().getGradient().toFloatArray()).containsExactly(new float[] {0.6f, 0}, within(1e-6f));
            assertThat(params.get(1).getArray().getGradient().toFloatArray()).containsExactly(new float[] {0, 0.8f, 0}, within(1e-6f));
            assertThat(GradientClipping.norm(params)).isCloseTo(1.0, within(1e-5));
        }
    }

    @Test
    void aGradientWithinTheLimitIsLeftAlone() {
        try (NDManager manager = NDManager.newBaseManager()) {
            List<Parameter> params = withGradients(manager, new float[] {0.3f, 0}, new float[] {0, 0.4f, 0});
            assertThat(GradientClipping.clip(params, 1.0)).isCloseTo(0.5, within(1e-6));
            assertThat(params.get(0).getArray().getGradient().toFloatArray()).containsExactly(new float[] {0.3f, 0}, within(1e-7f));
        }
    }
}

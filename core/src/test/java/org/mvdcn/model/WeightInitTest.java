package org.mvdcn.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.mvdcn.UsageException;

class WeightInitTest {

    private static Map<String, float[]> values(MultiViewNetwork network) {
        Map<String, float[]> out = new HashMap<>();
        network.referenceParameters().forEach((name, p) -> out.put(name, p.getArray().toFloatArray()));
        return out;
    }

    @Test
    void heDrawsEveryReluLayerWithStdSqrtTwoOverFanInAndLeavesTheOutputLayerAndBiases() {
        Engine.getInstance().setRandomSeed(3);
        try (NDManager manager = NDManager.newBaseManager()) {
            MultiViewNetwork network = new MultiViewNetwork(new NetworkConfig(650, 500, 0.5, 0.01f, 0.2f));
            network.initialize(manager);
            Map<String, float[]> glorot = values(network);
            WeightInit.HE.apply(network);
            Map<String, Parameter> params = network.referenceParameters();
            for (Map.Entry<String, Parameter> e : params.entrySet()) {
                String name = e.getKey();
                float[] w = e.getValue().getArray().toFloatArray();
                if (name.endsWith(".bias")) {
                    assertThat(w).as(name).containsOnly(0f);
                } else if (name.startsWith("fc2.")) {
                    assertThat(w).as(name).containsExactly(glorot.get(name));
                } else if (w.length >= 4096) {
                    long fanIn = w.length / e.getValue().getShape().get(0);
                    double sum = 0;
                    double squares = 0;
                    for (float v : w) {
                        sum += v;
                        squares += (double) v * v;
                    }
                    double mean = sum / w.length;
                    double std = Math.sqrt(squares / w.length - mean * mean);
                    double expected = Math.sqrt(2.0 / fanIn);
                    assertThat(std).as(name).isBetween(0.95 * expected, 1.05 * expected);
                    assertThat(Math.abs(mean)).as(name).isLessThan(0.05 * expected);
                }
            }
        }
    }

    @Test
    void glorotChangesNothingAndNamesParse() {
        try (NDManager manager = NDManager.newBaseManager()) {
            MultiViewNetwork network = new MultiViewNetwork(new NetworkConfig(130, 100, 0.25, 0.01f, 0.2f));
            network.initialize(manager);
            Map<String, float[]> before = values(network);
            WeightInit.GLOROT.apply(network);
            values(network).forEach((name, w) -> assertThat(w).as(name).containsExactly(before.get(name)));
        }
        assertThat(WeightInit.parse("LSUV")).isEqualTo(WeightInit.LSUV);
        assertThatThrownBy(() -> WeightInit.parse("xavier")).isInstanceOf(UsageException.class)
                .hasMessage("unknown initialisation 'xavier' (expected glorot, he, lsuv or centred)");
    }
}

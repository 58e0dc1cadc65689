package org.mvdcn.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import org.mvdcn.BadInputException;
import org.mvdcn.weights.NetworkWeights;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Adam (Kingma and Ba) over the network's named parameters, with its state (first and second
 * moments, step count) exposed as named arrays so a checkpoint can save and restore it exactly.
 * Written here because DJL's Adam keeps that state private: a resumed run would restart the
 * moments from zero and not continue the same trajectory.
 */
public final class AdamOptimizer {

    private final Map<String, Parameter> parameters;
    private final float beta1 = 0.9f;
    private final float beta2 = 0.999f;
    private final float epsilon = 1e-8f;
    private final Map<String, NDArray> m = new LinkedHashMap<>();
    private final Map<String, NDArray> v = new LinkedHashMap<>();
    private long step;

    public AdamOptimizer(Map<String, Parameter> parameters, NDManager manager) {
        this.parameters = parameters;
        for (Map.Entry<String, Parameter> e : parameters.entrySet()) {
            m.put(e.getKey(), manager.zeros(e.getValue().getShape()));
            v.put(e.getKey(), manager.zeros(e.getValue().getShape()));
        }
    }

    /** Applies one update at {@code learningRate} from the accumulated gradients, then clears them. */
    public void step(double learningRate) {
        step++;
        double correction1 = 1 - Math.pow(beta1, step);
        double correction2 = 1 - Math.pow(beta2, step);
        float stepSize = (float) (learningRate * Math.sqrt(correction2) / correction1);
        for (Map.Entry<String, Parameter> e : parameters.entrySet()) {
            NDArray weight = e.getValue().getArray();
            NDArray mi = m.get(e.getKey());
            NDArray vi = v.get(e.getKey());
            // every array made here is closed at once: they would otherwise live on the run's manager, one set per step
            try (NDArray grad = weight.getGradient()) {
                try (NDArray scaled = grad.mul(1 - beta1)) {
                    mi.muli(beta1).addi(scaled);
                }
                try (NDArray squared = grad.square()) {
                    vi.muli(beta2).addi(squared.muli(1 - beta2));
                }
                try (NDArray denominator = vi.sqrt().addi(epsilon * Math.sqrt(correction2));
                        NDArray update = mi.div(denominator)) {
                    weight.subi(update.muli(stepSize));
                }
                grad.subi(grad);
            }
        }
    }

    public long steps() {
        return step;
    }

    /** The state as named arrays ({@code adam.m.<name>}, {@code adam.v.<name>}) for a checkpoint. */
    public NDList state() {
        NDList list = new NDList();
        for (String name : parameters.keySet()) {
            NDArray mi = m.get(name).duplicate();
            mi.setName("adam.m." + name);
            NDArray vi = v.get(name).duplicate();
            vi.setName("adam.v." + name);
            list.add(mi);
            list.add(vi);
        }
        return list;
    }

    /** Restores moments saved by {@link #state()} in {@code file} and the step count. */
    public void restore(Path file, Map<String, float[]> saved, long steps) {
        for (String name : parameters.keySet()) {
            NetworkWeights.copyInto(m.get(name), require(file, saved, "adam.m." + name));
            NetworkWeights.copyInto(v.get(name), require(file, saved, "adam.v." + name));
        }
        step = steps;
    }

    private float[] require(Path file, Map<String, float[]> saved, String name) {
        float[] values = saved.get(name);
        if (values == null || values.length != m.get(name.substring(7)).size()) {
            throw new BadInputException(file, values == null ? "checkpoint lacks optimiser state " + name
                    : "optimiser state " + name + " has " + values.length + " values, expected " + m.get(name.substring(7)).size());
        }
        return values;
    }
}

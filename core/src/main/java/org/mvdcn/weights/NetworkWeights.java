package org.mvdcn.weights;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mvdcn.BadInputException;
import org.mvdcn.io.AtomicFiles;
import org.mvdcn.model.MultiViewNetwork;

/**
 * Moves a network's parameters to and from files under the reference's state-dict names. A file
 * is taken only whole: every expected name present, nothing unexpected, every shape equal, float32
 * only, no NaN or infinity; otherwise one message lists every mismatch and nothing is changed.
 */
public final class NetworkWeights {

    private NetworkWeights() {}

    public static void load(MultiViewNetwork network, Path file) {
        Map<String, StoredTensor> stored = new LinkedHashMap<>();
        for (StoredTensor t : WeightsFile.read(file)) {
            stored.put(t.name(), t);
        }
        load(network, file, stored);
    }

    /** Loads the network's parameters from already-read tensors of {@code file}; every name must be a parameter. */
    public static void load(MultiViewNetwork network, Path file, Map<String, StoredTensor> stored) {
        Map<String, Parameter> expected = network.referenceParameters();
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, Parameter> e : expected.entrySet()) {
            StoredTensor t = stored.get(e.getKey());
            Shape want = e.getValue().getShape();
            if (t == null) {
                problems.add("missing " + e.getKey() + " " + want);
                continue;
            }
            if (t.dataType() != DataType.FLOAT32) {
                problems.add(e.getKey() + " is " + t.dataType() + ", expected float32");
            }
            if (!t.shape().equals(want)) {
                problems.add(e.getKey() + " has shape " + t.shape() + ", expected " + want);
            }
        }
        for (String name : stored.keySet()) {
            if (!expected.containsKey(name)) {
                problems.add("unexpected " + name + " " + stored.get(name).shape());
            }
        }
        if (!problems.isEmpty()) {
            throw new BadInputException(file, "weights do not fit the network (" + network.config().columnLayout().convs().size()
                    + " convolutions per column, width " + network.config().widthMultiplier() + "): " + String.join("; ", problems));
        }
        Map<String, float[]> values = new LinkedHashMap<>();
        for (String name : expected.keySet()) {
            float[] v = stored.get(name).floats();
            values.put(name, v);
            for (int i = 0; i < v.length; i++) {
                if (!Float.isFinite(v[i])) {
                    problems.add(name + "[" + i + "] is " + v[i]);
                    break;
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new BadInputException(file, "weights contain non-finite values: " + String.join("; ", problems));
        }
        for (Map.Entry<String, Parameter> e : expected.entrySet()) {
            e.getValue().getArray().set(values.get(e.getKey()));
        }
    }

    /** Writes safetensors with the reference names, atomically. */
    public static void saveSafetensors(MultiViewNetwork network, Path file) throws IOException {
        try (NDList named = new NDList()) {
            for (Map.Entry<String, Parameter> e : network.referenceParameters().entrySet()) {
                NDArray copy = e.getValue().getArray().duplicate();
                copy.setName(e.getKey());
                named.add(copy);
            }
            AtomicFiles.write(file, out -> named.encode(out, NDList.Encoding.SAFETENSORS));
        }
    }
}


package org.mvdcn.weights;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.index.NDIndex;
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
import org.mvdcn.model.MultiViewNetwork;
import org.mvdcn.preprocess.Preprocessing;

/**
 * Moves a network's parameters to and from files under the reference's state-dict names. A file
 * is taken only whole: every expected name present, nothing unexpected, every shape equal, float32
 * only, no NaN or infinity; otherwise one message lists every mismatch and nothing is changed.
 */
public final class NetworkWeights {

    private NetworkWeights() {}

    public static void load(MultiViewNetwork network, Path file) {
        load(network, file, WeightsFile.read(file));
    }

    public static void load(MultiViewNetwork network, ModelFile model) {
        load(network, model.file(), model.tensors());
    }

    private static void load(MultiViewNetwork network, Path file, List<StoredTensor> tensors) {
        Map<String, StoredTensor> stored = new LinkedHashMap<>();
        for (StoredTensor t : tensors) {
            stored.put(t.name(), t);
        }
        load(network, file, stored);
    }

    /** Loads the network's parameters from already-read tensors of {@code file}; every name must be a parameter. */
    public static void load(MultiViewNetwork network, Path file, Map<String, StoredTensor> stored) {
        load(network, network.referenceParameters(), file, stored);
    }

    /** As above for the parameters {@code expected} of {@code network} (a checkpoint's, say); every name must be one of them. */
    public static void load(MultiViewNetwork network, Map<String, Parameter> expected, Path file, Map<String, StoredTensor> stored) {
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
            copyInto(e.getValue().getArray(), values.get(e.getKey()));
        }
    }

    /**
     * Overwrites {@code target}'s values in place (it keeps its identity and its gradient flag).
     * Through an index-put rather than {@code NDArray.set(float[])}: DJL's set enters libtorch's
     * deprecated AutoNonVariableTypeMode, whose warning would reach the user's terminal.
     */
    public static void copyInto(NDArray target, float[] values) {
        try (NDArray source = target.getManager().create(values, target.getShape())) {
            target.set(ALL, source);
        }
    }

    private static final NDIndex ALL = new NDIndex("...");

    /**
     * Writes safetensors with the reference names (batch normalisation folded in), atomically, recording the preprocessing the
     * network is to be fed with in the file's metadata (its width is in the shapes).
     */
    public static void saveSafetensors(MultiViewNetwork network, Preprocessing preprocessing, Path file) throws IOException {
        List<SafetensorsWriter.Tensor> tensors = new ArrayList<>();
        try (NDList reference = network.referenceTensors()) {
            for (NDArray a : reference) {
                tensors.add(new SafetensorsWriter.Tensor(a.getName(), a.getShape().getShape(), a.toFloatArray()));
            }
        }
        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put("format", "pt");
        metadata.put(ModelFile.PREPROCESSING, preprocessing.toJson());
        SafetensorsWriter.write(file, tensors, metadata);
    }
}


package org.mvdcn.train;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.Map;
import org.mvdcn.BadInputException;
import org.mvdcn.io.AtomicFiles;
import org.mvdcn.model.MultiViewNetwork;
import org.mvdcn.weights.NetworkWeights;
import org.mvdcn.weights.StoredTensor;
import org.mvdcn.weights.WeightsFile;

/**
 * Writes and reads a run's checkpoint: the weights (batch normalisation's unfolded) and Adam's moments
 * ({@code checkpoint.safetensors}, with the epoch and the batch count it holds as a guard) and
 * {@link CheckpointState} ({@code checkpoint.json}). Both are written atomically, tensors first:
 * a crash between the two leaves a mismatch that {@link #restore} reports instead of mixing states.
 */
final class Checkpoint {

    private Checkpoint() {}

    static void save(RunFolder run, MultiViewNetwork network, AdamOptimizer adam, CheckpointState state) throws IOException {
        // host memory for the guard, whatever the model's device: it only goes to the file
        try (NDManager scope = NDManager.newBaseManager(Device.cpu()); NDList tensors = new NDList()) {
            network.checkpointParameters().forEach((name, p) -> {
                NDArray copy = p.getArray().duplicate();
                copy.setName(name);
                tensors.add(copy);
            });
            tensors.addAll(adam.state());
            NDArray guard = scope.create(new float[] {state.epoch(), state.partial() == null ? 0 : state.partial().batches()});
            guard.setName("meta.epoch");
            tensors.add(guard);
            AtomicFiles.write(run.checkpoint(), out -> tensors.encode(out, NDList.Encoding.SAFETENSORS));
            AtomicFiles.writeString(run.checkpointState(), RunRecord.JSON.writeValueAsString(state));
        }
    }

    /** The saved state, or a fresh one when the run never reached a checkpoint. */
    static CheckpointState readState(RunFolder run) {
        if (!Files.exists(run.checkpointState())) {
            return CheckpointState.fresh();
        }
        try {
            return RunRecord.JSON.readValue(run.checkpointState().toFile(), CheckpointState.class);
        } catch (IOException e) {
            throw new BadInputException(run.checkpointState(), "unreadable checkpoint state (" + e.getMessage() + ")", e);
        }
    }

    /** Loads the checkpoint's weights and moments into {@code network} and {@code adam}. */
    static void restore(RunFolder run, MultiViewNetwork network, AdamOptimizer adam, CheckpointState state) {
        Map<String, StoredTensor> weights = new HashMap<>();
        Map<String, float[]> optimiser = new HashMap<>();
        float[] guard = {-1, -1};
        for (StoredTensor t : WeightsFile.read(run.checkpoint())) {
            if (t.name().startsWith("adam.")) {
                optimiser.put(t.name(), t.floats());
            } else if (t.name().equals("meta.epoch")) {
                float[] saved = t.floats();
                guard = new float[] {saved[0], saved.length > 1 ? saved[1] : 0};
            } else {
                weights.put(t.name(), t);
            }
        }
        int batches = state.partial() == null ? 0 : state.partial().batches();
        if (guard[0] != state.epoch() || guard[1] != batches) {
            throw new BadInputException(run.checkpoint(), "checkpoint holds epoch " + (int) guard[0] + " batch " + (int) guard[1]
                    + " but " + run.checkpointState().getFileName() + " says epoch " + state.epoch() + " batch " + batches
                    + " (interrupted while saving?)");
        }
        NetworkWeights.load(network, network.checkpointParameters(), run.checkpoint(), weights);
        adam.restore(run.checkpoint(), optimiser, state.steps());
    }
}

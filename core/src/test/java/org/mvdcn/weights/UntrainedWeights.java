package org.mvdcn.weights;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.nio.file.Path;
import org.mvdcn.model.MultiViewNetwork;
import org.mvdcn.model.NetworkConfig;
import org.mvdcn.preprocess.Preprocessing;

/** A model file for tests that need one without training: a quarter-width network as initialised, for small crops. */
public final class UntrainedWeights {

    private UntrainedWeights() {}

    /** The network for {@code preprocessing}'s crop, seeded, its outputs spread so that exams differ; saved to {@code file}. */
    public static Path write(Path file, Preprocessing preprocessing) throws IOException {
        Engine.getInstance().setRandomSeed(8);
        try (NDManager manager = NDManager.newBaseManager()) {
            MultiViewNetwork network = new MultiViewNetwork(new NetworkConfig(preprocessing.cropHeight(), preprocessing.cropWidth(),
                    0.25, 0, 0));
            network.initialize(manager);
            network.referenceParameters().get("fc2.weight").getArray().muli(40);
            NetworkWeights.saveSafetensors(network, preprocessing, file);
        }
        return file;
    }
}

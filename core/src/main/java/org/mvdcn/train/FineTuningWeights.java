package org.mvdcn.train;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import org.mvdcn.BadInputException;
import org.mvdcn.model.ColumnLayout;
import org.mvdcn.model.MultiViewNetwork;
import org.mvdcn.model.NetworkConfig;
import org.mvdcn.preprocess.Preprocessing;
import org.mvdcn.weights.ModelFile;
import org.mvdcn.weights.NetworkWeights;

/**
 * The weights a fine-tuning run starts from ({@code --from}, any format predict reads): checked
 * against the network the run trains before the run starts, named by their SHA-256 in its record,
 * and loaded when training begins, refused if the file changed in between.
 */
final class FineTuningWeights {

    private FineTuningWeights() {}

    /** What the run record keeps of the weights {@code init} starts from (null when it draws them). */
    static RunRecord.StartingWeights check(InitialisationOptions init, Preprocessing preprocessing) {
        if (init.from() == null) {
            return null;
        }
        ModelFile weights = ModelFile.read(Path.of(init.from()));
        NetworkConfig config = new NetworkConfig(preprocessing.cropHeight(), preprocessing.cropWidth(), init.width(), 0, 0)
                .withHead(init.head());
        // loaded once into a throwaway network: weights that do not fit stop the run before its folder is made
        try (NDManager scratch = NDManager.newBaseManager(Device.cpu())) {
            MultiViewNetwork network = new MultiViewNetwork(config);
            network.initialize(scratch);
            load(network, weights, init);
        }
        List<String> frozen = init.freeze() == null ? List.of()
                : init.freeze().in(config.columnLayout()).stream().map(ColumnLayout.Conv::name).toList();
        return new RunRecord.StartingWeights(weights.sha256(), frozen);
    }

    /** Loads the weights {@code init} starts from into {@code network}, as {@code recorded} when the run started. */
    static void load(MultiViewNetwork network, InitialisationOptions init, RunRecord.StartingWeights recorded, Consumer<String> log) {
        ModelFile weights = ModelFile.read(Path.of(init.from()));
        if (!weights.sha256().equals(recorded.sha256())) {
            throw new BadInputException(weights.file(), "changed since the run started (SHA-256 " + weights.sha256() + ", recorded "
                    + recorded.sha256() + ")");
        }
        load(network, weights, init);
        log.accept("fine-tuning " + weights.file() + (recorded.frozenLayers().isEmpty() ? ", every layer trained"
                : ", kept as loaded in both columns: " + String.join(", ", recorded.frozenLayers())));
    }

    private static void load(MultiViewNetwork network, ModelFile weights, InitialisationOptions init) {
        try {
            NetworkWeights.load(network, weights);
        } catch (BadInputException e) {
            if (weights.width() == init.width()) {
                throw e;
            }
            throw new BadInputException(weights.file(), e.problem() + " (the file's shapes show width " + weights.width()
                    + ": train with --width " + weights.width() + ")", e);
        }
    }
}

package org.mvdcn.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import java.util.Map;
import org.mvdcn.data.ExamBatch;
import org.mvdcn.model.MultiViewNetwork;
import org.mvdcn.model.NetworkConfig;
import org.mvdcn.model.OutputHead;
import org.mvdcn.model.TrainingPass;
import org.mvdcn.preprocess.Preprocessing;

/**
 * One optimiser step of the network on a batch: a training forward (noise, dropout), the mean
 * cross-entropy, its backward, the gradients' global norm clipped, and Adam's update. Only the
 * parameters that train take part: the layers fine-tuning keeps frozen get no gradient, no
 * clipping share and no Adam moments, so they stay as loaded, bit for bit.
 */
final class TrainingStep {

    private final MultiViewNetwork network;
    private final Map<String, Parameter> trainable;
    private final AdamOptimizer adam;
    private final ParameterStore store;
    private final double clipGradNorm;
    private final NDManager manager;

    /**
     * Steps for {@code network} (made by {@code manager}) with {@code frozen} kept as they are (null:
     * none), clipping at {@code clipGradNorm} (0: never).
     */
    TrainingStep(MultiViewNetwork network, FrozenLayers frozen, double clipGradNorm, NDManager manager) {
        this.network = network;
        this.trainable = frozen == null ? network.learnedParameters() : frozen.apply(network);
        this.adam = new AdamOptimizer(trainable, manager);
        this.store = new ParameterStore(manager, false);
        this.clipGradNorm = clipGradNorm;
        this.manager = manager;
    }

    /** The network a run with {@code o} trains on inputs prepared as {@code p}, made by {@code manager}, and its steps. */
    static TrainingStep forRun(TrainingOptions o, Preprocessing p, NDManager manager) {
        // the fresh network's Glorot weights, as every later draw, come from the run's seed
        Engine.getInstance().setRandomSeed((int) o.run().seed());
        MultiViewNetwork network = new MultiViewNetwork(new NetworkConfig(p.cropHeight(), p.cropWidth(), o.initialisation().width(),
                o.regularisation().noiseStd(), o.regularisation().dropout(), o.regularisation().batchNorm(), o.initialisation().head()));
        network.initialize(manager);
        return new TrainingStep(network, o.initialisation().freeze(), o.optimisation().clipGradNorm(), manager);
    }

    /** One step on {@code batch} at learning rate {@code rate}, every layer measured into {@code stats} when given; the batch's mean loss. */
    double take(ExamBatch batch, double rate, LayerStats stats) {
        try (NDManager scope = manager.newSubManager()) {
            NDArray labels = network.config().head() == OutputHead.BREAST ? batch.breastLabels(scope) : batch.labels(scope);
            return take(batch.inputs(scope, 0), labels, rate, stats);
        }
    }

    /** One step on the four views {@code inputs} with BI-RADS {@code labels} (int64, as the head takes them); the mean cross-entropy. */
    double take(NDList inputs, NDArray labels, double rate, LayerStats stats) {
        double loss;
        try (TrainingPass pass = network.trainingPass(store, inputs, stats); NDArray crossEntropy = pass.crossEntropy(labels)) {
            pass.backward(crossEntropy);
            loss = crossEntropy.getFloat();
        }
        if (stats != null) {
            stats.gradients(network);
        }
        if (clipGradNorm > 0) {
            GradientClipping.clip(trainable.values(), clipGradNorm);
        }
        adam.step(rate);
        return loss;
    }

    MultiViewNetwork network() {
        return network;
    }

    AdamOptimizer adam() {
        return adam;
    }

    ParameterStore store() {
        return store;
    }

    NDManager manager() {
        return manager;
    }
}

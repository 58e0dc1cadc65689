package org.mvdcn.predict;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import java.nio.file.Path;
import java.util.OptionalDouble;
import java.util.function.Consumer;
import org.mvdcn.assess.ExamChecks;
import org.mvdcn.assess.TrainingAcquisition;
import org.mvdcn.calibration.Calibration;
import org.mvdcn.ood.OodModel;
import org.mvdcn.model.MultiViewNetwork;
import org.mvdcn.model.NetworkConfig;
import org.mvdcn.preprocess.ExamPipeline;
import org.mvdcn.preprocess.Preprocessing;
import org.mvdcn.preprocess.PreprocessingOverrides;
import org.mvdcn.weights.ModelFile;
import org.mvdcn.weights.NetworkWeights;

/**
 * A trained network ready to score, with the pipeline its preprocessing builds: what predict,
 * explain, evaluate, the service and the scorer load. The width comes from the file's shapes, the head from its names, the
 * preprocessing, the calibration, the out-of-distribution check and the training exams' acquisition from its metadata (the
 * preprocessing else from the run that made it), so a weights file is all it needs.
 */
public final class TrainedModel implements AutoCloseable {

    private final NDManager manager;
    private final MultiViewNetwork network;
    private final ExamPipeline pipeline;
    private final Calibration calibration;
    private final OptionalDouble temperature;
    private final OodModel ood;
    private final TrainingAcquisition acquisition;
    private final String sha256;

    private TrainedModel(NDManager manager, MultiViewNetwork network, ExamPipeline pipeline, Calibration calibration,
            OptionalDouble temperature, OodModel ood, TrainingAcquisition acquisition, String sha256) {
        this.manager = manager;
        this.network = network;
        this.pipeline = pipeline;
        this.calibration = calibration;
        this.temperature = temperature;
        this.ood = ood;
        this.acquisition = acquisition;
        this.sha256 = sha256;
    }

    /** Loads {@code weights} as {@link #load(Path, Preprocessing, PreprocessingOverrides, boolean, Device, Consumer)}, calibrated. */
    public static TrainedModel load(Path weights, Preprocessing fallback, PreprocessingOverrides overrides, Device device,
            Consumer<String> notes) {
        return load(weights, fallback, overrides, true, device, notes);
    }

    /**
     * Loads {@code weights}; the preprocessing is the file's own, else {@code fallback} (a run's
     * record; may be null), each field changed where {@code overrides} says so (with a note). With
     * {@code calibrated}, a file's temperature is the one {@link #temperature} gives the predictions;
     * without, none (and {@link #calibration} still tells the file's). The network lives on
     * {@code device} (see {@link org.mvdcn.model.ComputeDevice}), and so does every array its
     * {@link #manager} makes: inputs, saliency gradients, features.
     */
    public static TrainedModel load(Path weights, Preprocessing fallback, PreprocessingOverrides overrides, boolean calibrated,
            Device device, Consumer<String> notes) {
        ModelFile file = ModelFile.read(weights);
        Preprocessing recorded = file.preprocessing() != null ? file.preprocessing() : fallback;
        Preprocessing used = overrides.apply(recorded, weights.toString(), notes);
        NDManager manager = NDManager.newBaseManager(device);
        try {
            MultiViewNetwork network = new MultiViewNetwork(
                    new NetworkConfig(used.cropHeight(), used.cropWidth(), file.width(), 0, 0).withHead(file.head()));
            network.initialize(manager);
            NetworkWeights.load(network, file);
            OptionalDouble temperature = calibrated && file.calibration() != null ? OptionalDouble.of(file.calibration().temperature())
                    : OptionalDouble.empty();
            return new TrainedModel(manager, network, new ExamPipeline(used), file.calibration(), temperature, file.ood(),
                    file.acquisition(), file.sha256());
        } catch (RuntimeException e) {
            manager.close();
            throw e;
        }
    }

    public MultiViewNetwork network() {
        return network;
    }

    public NDManager manager() {
        return manager;
    }

    public ExamPipeline pipeline() {
        return pipeline;
    }

    public Preprocessing preprocessing() {
        return pipeline.preprocessing();
    }

    /** The file's calibration, applied or not; null when it carries none. */
    public Calibration calibration() {
        return calibration;
    }

    /** SHA-256 of the weights file: the model's identity in reports. */
    public String sha256() {
        return sha256;
    }

    /** What the logits are divided by before the softmax: the file's temperature when loaded calibrated, else empty. */
    public OptionalDouble temperature() {
        return temperature;
    }

    /** The file's out-of-distribution check; null when it carries none. */
    public OodModel ood() {
        return ood;
    }

    /**
     * The checks an exam gets before this model scores it: against its crop, and against its training
     * exams' equipment and pixel spacing where the file records them (not before those checks).
     */
    public ExamChecks checks() {
        return new ExamChecks(pipeline.preprocessing(), acquisition);
    }

    @Override
    public void close() {
        manager.close();
    }
}

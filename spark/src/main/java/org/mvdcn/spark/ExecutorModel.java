package org.mvdcn.spark;

import java.io.Serializable;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.hadoop.conf.Configuration;
import org.mvdcn.BadInputException;
import org.mvdcn.model.ComputeDevice;
import org.mvdcn.model.LibtorchLog;
import org.mvdcn.model.Precision;
import org.mvdcn.predict.TrainedModel;
import org.mvdcn.preprocess.PreprocessingOverrides;

/**
 * The model of a JVM, loaded by its first task and reused by every later one (a model is tens of
 * MB and seconds to load; an executor runs thousands of tasks). Loaded uncalibrated: the scorer
 * divides the logits by the temperature itself, as evaluate does.
 */
final class ExecutorModel {

    /**
     * Which model: where its file is and what it must hash to (the driver's reading), so a file
     * changed under a running job fails its tasks instead of mixing two models in one table.
     *
     * @param threads libtorch threads, set before the first model of the JVM starts the engine
     * @param device where the model runs, as --device names it: checked in each JVM, which may lack the GPU
     * @param precision the convolutions' arithmetic, set in each JVM before its engine starts (and checked there: a
     *     worker's CPU may lack bf16)
     */
    record Ref(URI weights, String sha256, int threads, String device, Precision precision) implements Serializable {}

    private static final Map<Ref, TrainedModel> LOADED = new HashMap<>();

    private ExecutorModel() {}

    static synchronized TrainedModel get(Ref ref, Configuration conf, Consumer<String> notes) {
        TrainedModel model = LOADED.get(ref);
        if (model == null) {
            if (LOADED.isEmpty()) {
                // no downloads or calls home from an executor; the engine reads these once, at its start
                System.setProperty("ai.djl.offline", System.getProperty("ai.djl.offline", "true"));
                System.setProperty("ai.djl.pytorch.num_threads", String.valueOf(ref.threads()));
                System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
                ref.precision().apply(ComputeDevice.parse(ref.device()));
                LibtorchLog.errorsOnly();
            }
            model = HadoopFiles.read(ref.weights(), conf, "weights",
                    file -> TrainedModel.load(file, null, PreprocessingOverrides.none(), false,
                            ComputeDevice.require(ref.device()), notes));
            if (!model.sha256().equals(ref.sha256())) {
                String found = model.sha256();
                model.close();
                throw new BadInputException(java.nio.file.Path.of(HadoopFiles.name(ref.weights())),
                        "changed while the job ran (SHA-256 " + found + ", the job started with " + ref.sha256() + ")");
            }
            LOADED.put(ref, model);
        }
        return model;
    }
}

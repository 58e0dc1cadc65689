package org.mvdcn.cli;

import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.mvdcn.exam.ExamImages;
import org.mvdcn.model.MultiViewNetwork;
import org.mvdcn.model.NetworkConfig;
import org.mvdcn.predict.ExamPredictor;
import org.mvdcn.predict.Prediction;
import org.mvdcn.weights.NetworkWeights;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code mvdcn predict}: BI-RADS probabilities for one four-view exam. */
@Command(name = "predict", mixinStandardHelpOptions = true, showDefaultValues = true,
        description = "Predict P(BI-RADS 0, 1, 2) for a four-view exam folder (L-CC.png, R-CC.png, L-MLO.png, R-MLO.png).")
public final class PredictCommand implements Callable<Integer> {

    @Option(names = "--exam", required = true, paramLabel = "DIR", description = "Folder holding the four view PNGs.")
    Path exam;

    @Option(names = "--weights", required = true, paramLabel = "FILE",
            description = "Weights: safetensors, or a torch.save state dict (zip or legacy format), with the reference's names.")
    Path weights;

    @Option(names = "--crops", paramLabel = "N",
            description = "Crop sets to average: 1 = noise-free placement; default 1 if every view is exactly the crop size, else 10.")
    Integer crops;

    @Option(names = "--seed", defaultValue = "0", description = "Seed for the random crop placements.")
    long seed;

    @Option(names = "--width", defaultValue = "1.0", paramLabel = "M",
            description = "Width multiplier of the network the weights belong to (1 = the paper's).")
    double width;

    @Option(names = "--json", description = "Print one JSON object instead of a table.")
    boolean json;

    @Mixin
    EngineOptions engine;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        engine.apply();
        ExamImages images = ExamImages.readPngFolder(exam);
        NetworkConfig config = NetworkConfig.paper().withWidth(width);
        int n = crops != null ? crops : ExamPredictor.defaultCrops(images, config);
        try (NDManager manager = NDManager.newBaseManager()) {
            MultiViewNetwork network = new MultiViewNetwork(config);
            network.initialize(manager);
            NetworkWeights.load(network, weights);
            Prediction p = new ExamPredictor(network, manager).predict(images, n, seed);
            spec.commandLine().getOut().println(json ? toJson(exam, p) : PredictionTable.format(exam, p));
        }
        return 0;
    }

    static String toJson(Path exam, Prediction p) throws Exception {
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode root = mapper.createObjectNode();
        root.put("exam", exam.toString());
        ObjectNode probs = root.putObject("probabilities");
        for (int k = 0; k < 3; k++) {
            probs.put(Prediction.CLASS_NAMES[k], p.probabilities()[k]);
        }
        root.put("entropy", p.entropy());
        root.put("crops", p.crops());
        root.put("seconds", p.seconds());
        return mapper.writeValueAsString(root);
    }
}

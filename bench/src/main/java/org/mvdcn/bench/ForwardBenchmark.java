package org.mvdcn.bench;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.training.ParameterStore;
import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Arrays;
import java.util.Locale;
import org.mvdcn.exam.ExamImages;
import org.mvdcn.explain.SaliencyExplainer;
import org.mvdcn.io.ProcessMemory;
import org.mvdcn.model.MultiViewNetwork;
import org.mvdcn.model.NetworkConfig;
import org.mvdcn.model.TrainingPass;
import org.mvdcn.predict.ExamScorer;
import org.mvdcn.predict.ForwardTiming;
import org.mvdcn.preprocess.ExamPipeline;
import org.mvdcn.preprocess.Preprocessing;
import org.mvdcn.train.AdamOptimizer;

/**
 * One process of the benchmark: the paper's network on the sample exam at 2600x2000, timing the
 * forward pass, the saliency pass (forward + backward of the entropy to the inputs), or a training
 * step (the exam four times as a batch, noise and dropout, cross-entropy, backward, Adam); prints
 * one JSON line (times in seconds, peak resident memory) for bench/run-forward.sh.
 * Usage: ForwardBenchmark EXAM_DIR REPEATS [forward|saliency|train]
 */
public final class ForwardBenchmark {

    private ForwardBenchmark() {}

    public static void main(String[] args) throws IOException {
        Path exam = Paths.get(args[0]);
        int repeats = Integer.parseInt(args[1]);
        String mode = args.length > 2 ? args[2] : "forward";
        ExamImages images = ExamImages.readPngFolder(exam);
        Engine.getInstance().setRandomSeed(2017);
        NetworkConfig config = NetworkConfig.paper();
        ExamPipeline pipeline = new ExamPipeline(Preprocessing.paper());
        try (NDManager manager = NDManager.newBaseManager()) {
            MultiViewNetwork network = new MultiViewNetwork(config);
            network.initialize(manager);
            ForwardTiming.Pass pass = switch (mode) {
                case "saliency" -> {
                    SaliencyExplainer explainer = new SaliencyExplainer(network, manager, java.util.OptionalDouble.empty());
                    yield inputs -> explainer.entropyGradient(inputs).probabilities();
                }
                case "train" -> trainingStep(network, manager);
                default -> {
                    ExamScorer scorer = new ExamScorer(network, manager);
                    yield inputs -> {
                        float[] p = scorer.softmax(inputs);
                        return new double[] {p[0], p[1], p[2]};
                    };
                }
            };
            ForwardTiming t = ForwardTiming.measure(pass, pipeline, images, manager, repeats);
            System.out.println(String.format(Locale.ROOT,
                    "{\"impl\":\"mvdcn\",\"engine\":\"%s %s\",\"first\":%.4f,\"times\":%s,\"peak_rss_mib\":%.0f}",
                    Engine.getInstance().getEngineName(), Engine.getInstance().getVersion(), t.firstSeconds(),
                    Arrays.toString(t.seconds()), ProcessMemory.peakResidentMib()));
        }
    }

    /** One optimisation step on the exam repeated as a batch of 4 with labels 0, 1, 2, 1. */
    private static ForwardTiming.Pass trainingStep(MultiViewNetwork network, NDManager manager) {
        AdamOptimizer adam = new AdamOptimizer(network.referenceParameters(), manager);
        ParameterStore store = new ParameterStore(manager, false);
        NDArray labels = manager.create(new long[] {0, 1, 2, 1});
        NDList[] batch = new NDList[1];
        return inputs -> {
            if (batch[0] == null) {
                batch[0] = new NDList();
                for (NDArray view : inputs) {
                    batch[0].add(view.repeat(0, 4));
                }
            }
            float[] p;
            try (NDManager scope = manager.newSubManager()) {
                try (TrainingPass pass = network.trainingPass(store, batch[0], null)) {
                    NDArray logits = pass.logits();
                    logits.attach(scope); // the loss's arrays with it
                    pass.backward(logits.logSoftmax(1).mul(labels.oneHot(3)).sum(new int[] {1}).neg().mean());
                    p = logits.get(0).softmax(0).toFloatArray();
                }
                adam.step(1e-5);
            }
            return new double[] {p[0], p[1], p[2]};
        };
    }
}

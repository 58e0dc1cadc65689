package org.mvdcn.bench;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Arrays;
import java.util.Locale;
import org.mvdcn.exam.ExamImages;
import org.mvdcn.explain.SaliencyExplainer;
import org.mvdcn.model.MultiViewNetwork;
import org.mvdcn.model.NetworkConfig;
import org.mvdcn.predict.ExamPredictor;
import org.mvdcn.predict.ForwardTiming;

/**
 * One process of the benchmark: the paper's network on the sample exam at 2600x2000, timing either
 * the forward pass or the saliency pass (forward + backward of the entropy to the inputs);
 * prints one JSON line (times in seconds, peak resident memory) for bench/run-forward.sh.
 * Usage: ForwardBenchmark EXAM_DIR REPEATS [forward|saliency]
 */
public final class ForwardBenchmark {

    private ForwardBenchmark() {}

    public static void main(String[] args) throws IOException {
        Path exam = Paths.get(args[0]);
        int repeats = Integer.parseInt(args[1]);
        boolean saliency = args.length > 2 && "saliency".equals(args[2]);
        ExamImages images = ExamImages.readPngFolder(exam);
        Engine.getInstance().setRandomSeed(2017);
        NetworkConfig config = NetworkConfig.paper();
        try (NDManager manager = NDManager.newBaseManager()) {
            MultiViewNetwork network = new MultiViewNetwork(config);
            network.initialize(manager);
            ForwardTiming.Pass pass;
            if (saliency) {
                SaliencyExplainer explainer = new SaliencyExplainer(network, manager);
                pass = inputs -> explainer.entropyGradient(inputs).probabilities();
            } else {
                pass = new ExamPredictor(network, manager)::probabilities;
            }
            ForwardTiming t = ForwardTiming.measure(pass, config, images, manager, repeats);
            System.out.println(String.format(Locale.ROOT,
                    "{\"impl\":\"mvdcn\",\"engine\":\"%s %s\",\"first\":%.4f,\"times\":%s,\"peak_rss_mib\":%.0f}",
                    Engine.getInstance().getEngineName(), Engine.getInstance().getVersion(), t.firstSeconds(),
                    Arrays.toString(t.seconds()), peakRssMib()));
        }
    }

    /** VmHWM: the process's peak resident set, as the kernel counts it. */
    static double peakRssMib() throws IOException {
        for (String line : Files.readAllLines(Paths.get("/proc/self/status"))) {
            if (line.startsWith("VmHWM:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
            }
        }
        return Double.NaN;
    }
}

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
import org.mvdcn.model.MultiViewNetwork;
import org.mvdcn.model.NetworkConfig;
import org.mvdcn.predict.ExamPredictor;
import org.mvdcn.predict.ForwardTiming;

/**
 * One process of the forward benchmark: the paper's network on the sample exam at 2600x2000;
 * prints one JSON line (times in seconds, peak resident memory) for bench/run-forward.sh.
 * Usage: ForwardBenchmark EXAM_DIR REPEATS
 */
public final class ForwardBenchmark {

    private ForwardBenchmark() {}

    public static void main(String[] args) throws IOException {
        Path exam = Paths.get(args[0]);
        int repeats = Integer.parseInt(args[1]);
        ExamImages images = ExamImages.readPngFolder(exam);
        Engine.getInstance().setRandomSeed(2017);
        NetworkConfig config = NetworkConfig.paper();
        try (NDManager manager = NDManager.newBaseManager()) {
            MultiViewNetwork network = new MultiViewNetwork(config);
            network.initialize(manager);
            ForwardTiming t = ForwardTiming.measure(new ExamPredictor(network, manager), config, images, manager, repeats);
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

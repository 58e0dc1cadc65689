package org.mvdcn.cli;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Arrays;
import java.util.concurrent.Callable;
import org.mvdcn.exam.ExamImages;
import org.mvdcn.exam.View;
import org.mvdcn.model.MultiViewNetwork;
import org.mvdcn.model.NetworkConfig;
import org.mvdcn.predict.ExamPredictor;
import org.mvdcn.predict.Prediction;
import org.mvdcn.preprocess.CropPlacement;
import org.mvdcn.preprocess.CropWindow;
import org.mvdcn.preprocess.PreparedView;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code mvdcn demo}: the full-resolution network on the real sample exam. Until training lands
 * the network is freshly initialised, and the demo says so: its probabilities mean nothing
 * clinically; the point is that real files flow through the paper's network and how fast.
 */
@Command(name = "demo", mixinStandardHelpOptions = true, showDefaultValues = true,
        description = "Run the paper's full-resolution network on the bundled real sample exam and time it.")
public final class DemoCommand implements Callable<Integer> {

    @Option(names = "--exam", paramLabel = "DIR",
            description = "Exam folder (default: the NYU sample exam in ../shared/data/nyu-sample-exam).")
    Path exam;

    @Option(names = "--repeat", defaultValue = "3", paramLabel = "N", description = "Timed forward passes after one warm-up.")
    int repeat;

    @Option(names = "--seed", defaultValue = "2017", description = "Seed of the random initialisation.")
    long seed;

    @Mixin
    EngineOptions engine;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        engine.apply();
        var out = spec.commandLine().getOut();
        Path folder = exam != null ? exam : defaultExam();
        out.println("mvdcn demo: the paper's multi-view network (SPEC 1) on " + folder);
        out.println("NOTE: the network is UNTRAINED (Glorot initialisation, seed " + seed
                + "); its probabilities carry no clinical meaning.");
        long t0 = System.nanoTime();
        ExamImages images = ExamImages.readPngFolder(folder);
        double decode = seconds(t0);
        NetworkConfig config = NetworkConfig.paper();
        Engine.getInstance().setRandomSeed((int) seed);
        try (NDManager manager = NDManager.newBaseManager()) {
            MultiViewNetwork network = new MultiViewNetwork(config);
            network.initialize(manager);
            out.printf("engine %s %s, %d parameters%n", Engine.getInstance().getEngineName(), Engine.getInstance().getVersion(),
                    network.referenceParameters().values().stream().mapToLong(p -> p.getArray().size()).sum());
            long t1 = System.nanoTime();
            ExamPredictor predictor = new ExamPredictor(network, manager);
            NDList inputs = new NDList();
            for (View v : View.values()) {
                PreparedView view = PreparedView.prepare(images.view(v));
                CropWindow window = CropPlacement.centred(view.height(), view.width(), config.inputHeight(), config.inputWidth());
                inputs.add(manager.create(view.crop(window), new Shape(1, 1, config.inputHeight(), config.inputWidth())));
                out.printf("  %-5s %dx%d%s%n", v, view.height(), view.width(), view.mirrored() ? " (mirrored: chest wall was on the right)" : "");
            }
            double preprocess = seconds(t1);
            long t2 = System.nanoTime();
            double[] p = predictor.probabilities(inputs);
            double warmup = seconds(t2);
            double[] times = new double[Math.max(repeat, 1)];
            for (int i = 0; i < times.length; i++) {
                long t = System.nanoTime();
                predictor.probabilities(inputs);
                times[i] = seconds(t);
            }
            inputs.close();
            Arrays.sort(times);
            out.printf("decode 4 PNGs %.2f s, standardise+orient+crop %.2f s%n", decode, preprocess);
            out.printf("four-view forward at 2600x2000: first %.2f s, then min %.2f s / median %.2f s over %d runs"
                    + " (%.0f GFLOP/s on 59.7 GFLOP)%n", warmup, times[0], times[times.length / 2], times.length, 59.7 / times[0]);
            Prediction prediction = new Prediction(p, Prediction.entropy(p), 1, times[0]);
            out.println(PredictionTable.format(folder, prediction));
            out.println("(untrained network: expect probabilities near 1/3 and entropy near ln 3)");
        }
        return 0;
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }

    /** The sample exam beside the checkout, found from the launcher's {@code mvdcn.home}. */
    static Path defaultExam() {
        String home = System.getProperty("mvdcn.home", ".");
        return Paths.get(home).toAbsolutePath().normalize().resolveSibling("shared").resolve("data").resolve("nyu-sample-exam");
    }
}

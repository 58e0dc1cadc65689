package org.mvdcn.cli;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.concurrent.Callable;
import org.mvdcn.exam.ExamImages;
import org.mvdcn.exam.View;
import org.mvdcn.model.MultiViewNetwork;
import org.mvdcn.model.NetworkConfig;
import org.mvdcn.predict.ExamPredictor;
import org.mvdcn.predict.Prediction;
import org.mvdcn.predict.ForwardTiming;
import org.mvdcn.preprocess.Orientation;
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
            for (View v : View.values()) {
                out.printf("  %-5s %dx%d%s%n", v, images.view(v).height(), images.view(v).width(),
                        Orientation.chestWallOnRight(images.view(v)) ? " (to be mirrored: chest wall on the right)" : "");
            }
            ForwardTiming t = ForwardTiming.measure(new ExamPredictor(network, manager)::probabilities, config, images, manager, repeat);
            out.printf("decode 4 PNGs %.2f s, standardise+orient+crop %.2f s%n", decode, t.preprocessSeconds());
            out.printf("four-view forward at 2600x2000: first %.2f s, then min %.2f s / median %.2f s over %d runs"
                    + " (%.0f GFLOP/s on %.1f GFLOP)%n", t.firstSeconds(), t.min(), t.median(), t.seconds().length,
                    ForwardTiming.PAPER_EXAM_GFLOP / t.min(), ForwardTiming.PAPER_EXAM_GFLOP);
            double[] p = t.probabilities();
            out.println(PredictionTable.format(folder, new Prediction(p, Prediction.entropy(p), 1, t.min())));
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

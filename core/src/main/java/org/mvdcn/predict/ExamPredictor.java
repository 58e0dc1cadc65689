package org.mvdcn.predict;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.nio.ByteBuffer;
import ai.djl.training.ParameterStore;
import java.util.EnumMap;
import java.util.Map;
import java.util.Random;
import org.mvdcn.exam.ExamImages;
import org.mvdcn.exam.View;
import org.mvdcn.model.MultiViewNetwork;
import org.mvdcn.model.NetworkConfig;
import org.mvdcn.preprocess.CropPlacement;
import org.mvdcn.preprocess.CropWindow;
import org.mvdcn.preprocess.PreparedView;

/**
 * Predicts an exam with test-time crop averaging: {@code crops == 1} uses the noise-free
 * placement; otherwise each of {@code crops} sets of four random placements (SPEC section 2) goes
 * through the network and the probabilities are averaged, as the paper's 10-crop evaluation.
 */
public final class ExamPredictor {

    private final MultiViewNetwork network;
    private final NDManager manager;

    public ExamPredictor(MultiViewNetwork network, NDManager manager) {
        this.network = network;
        this.manager = manager;
    }

    /** The paper's default: one crop when every view already has the crop's size (all placements coincide), else 10. */
    public static int defaultCrops(ExamImages exam, NetworkConfig config) {
        for (View v : View.values()) {
            if (exam.view(v).height() != config.inputHeight() || exam.view(v).width() != config.inputWidth()) {
                return 10;
            }
        }
        return 1;
    }

    public Prediction predict(ExamImages exam, int crops, long seed) {
        if (crops < 1) {
            throw new IllegalArgumentException("crops must be at least 1, got " + crops);
        }
        long start = System.nanoTime();
        Map<View, PreparedView> views = prepare(exam);
        NetworkConfig config = network.config();
        Random rng = new Random(seed);
        double[] sum = new double[3];
        for (int c = 0; c < crops; c++) {
            try (NDManager cropScope = manager.newSubManager()) {
                NDList inputs = inputs(cropScope, config, views, placements(views, config, crops, rng));
                double[] p = probabilities(inputs);
                for (int k = 0; k < sum.length; k++) {
                    sum[k] += p[k] / crops;
                }
            }
        }
        return new Prediction(sum, Prediction.entropy(sum), crops, (System.nanoTime() - start) / 1e9);
    }

    /**
     * Where each view's crop goes for one crop set: the noise-free placement when {@code crops} is
     * 1, else a fresh random placement per view (SPEC section 2).
     */
    public static Map<View, CropWindow> placements(Map<View, PreparedView> views, NetworkConfig config, int crops, Random rng) {
        Map<View, CropWindow> windows = new EnumMap<>(View.class);
        for (View v : View.values()) {
            PreparedView view = views.get(v);
            windows.put(v, crops == 1
                    ? CropPlacement.centred(view.height(), view.width(), config.inputHeight(), config.inputWidth())
                    : CropPlacement.random(view.height(), view.width(), config.inputHeight(), config.inputWidth(), rng));
        }
        return windows;
    }

    /**
     * The network's four (1, 1, H, W) inputs: each view cropped at its window, written straight
     * into native memory that the tensor then uses as it is.
     */
    public static NDList inputs(NDManager manager, NetworkConfig config, Map<View, PreparedView> views,
            Map<View, CropWindow> windows) {
        Shape shape = new Shape(1, 1, config.inputHeight(), config.inputWidth());
        NDList inputs = new NDList(View.values().length);
        for (View v : View.values()) {
            ByteBuffer buffer = manager.allocateDirect(Math.toIntExact(shape.size() * Float.BYTES));
            views.get(v).crop(windows.get(v), buffer.asFloatBuffer());
            inputs.add(manager.create(buffer, shape, DataType.FLOAT32));
        }
        return inputs;
    }

    /** Each view of the exam, standardised and oriented. */
    public static Map<View, PreparedView> prepare(ExamImages exam) {
        Map<View, PreparedView> views = new EnumMap<>(View.class);
        for (View v : View.values()) {
            views.put(v, PreparedView.prepare(exam.view(v)));
        }
        return views;
    }

    /** Softmax of the network's logits for one exam's four (1, 1, H, W) inputs. */
    public double[] probabilities(NDList inputs) {
        NDList logits = network.forward(new ParameterStore(manager, false), inputs, false);
        NDArray probabilities = logits.singletonOrThrow().softmax(1);
        float[] p = probabilities.toFloatArray();
        probabilities.close();
        logits.close();
        return new double[] {p[0], p[1], p[2]};
    }
}

package org.mvdcn.explain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.EnumMap;
import java.util.Map;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;
import org.mvdcn.exam.ExamImages;
import org.mvdcn.exam.TestImages;
import org.mvdcn.exam.View;
import org.mvdcn.model.MultiViewNetwork;
import org.mvdcn.model.NetworkConfig;
import org.mvdcn.application.ExamApplication;
import org.mvdcn.predict.ExamScorer;
import org.mvdcn.preprocess.ExamPipeline;
import org.mvdcn.preprocess.Preprocessing;
import org.mvdcn.predict.Prediction;

class SaliencyExplainerTest {

    private static final NetworkConfig SMALL = new NetworkConfig(130, 100, 0.25, 0.01f, 0.2f);
    private static final ExamPipeline PIPELINE = new ExamPipeline(Preprocessing.of(1, 130, 100));

    static ExamImages exam(int h, int w, boolean mirrored) {
        return TestImages.syntheticExam(h, w, mirrored);
    }

    private static MultiViewNetwork network(NDManager manager) {
        Engine.getInstance().setRandomSeed(21);
        MultiViewNetwork n = new MultiViewNetwork(SMALL);
        n.initialize(manager);
        n.referenceParameters().get("fc2.weight").getArray().muli(30); // outputs away from uniform
        return n;
    }

    @Test
    void gradientMatchesCentralFiniteDifferences() {
        ExamImages exam = exam(130, 100, false);
        try (NDManager manager = NDManager.newBaseManager()) {
            MultiViewNetwork network = network(manager);
            var prepared = new ExamApplication(network, manager, PIPELINE, OptionalDouble.empty(), null, 1, 0).prepare(exam);
            var windows = prepared.cropSets().get(0);
            Map<View, float[]> crops = new EnumMap<>(View.class);
            for (View v : View.values()) {
                crops.put(v, prepared.views().get(v).crop(windows.get(v)));
            }
            SaliencyExplainer explainer = new SaliencyExplainer(network, manager, OptionalDouble.empty());
            SaliencyExplainer.EntropyGradient g = explainer.entropyGradient(inputs(manager, crops, null, -1, 0));
            ExamScorer predictor = new ExamScorer(network, manager);
            double scale = 0;
            for (float[] grad : g.gradients().values()) {
                for (float v : grad) {
                    scale = Math.max(scale, Math.abs(v));
                }
            }
            assertThat(scale).isPositive();
            int checked = 0;
            for (View v : View.values()) {
                float[] grad = g.gradients().get(v);
                int[] pixels = {argmax(grad), 65 * 100 + 30, 20 * 100 + 10, 100 * 100 + 50};
                for (int pixel : pixels) {
                    float eps = 1e-3f; // small enough not to cross a ReLU or max kink, large enough for float32
                    double plus = Prediction.entropy(probabilities(predictor, inputs(manager, crops, v, pixel, eps)));
                    double minus = Prediction.entropy(probabilities(predictor, inputs(manager, crops, v, pixel, -eps)));
                    double numeric = (plus - minus) / (2 * eps);
                    assertThat((double) grad[pixel]).as("%s pixel %d", v, pixel).isCloseTo(numeric, within(0.02 * scale));
                    checked++;
                }
            }
            assertThat(checked).isEqualTo(16);
            explainer.close();
        }
    }

    private static double[] probabilities(ExamScorer scorer, NDList inputs) {
        float[] p = scorer.softmax(inputs);
        return new double[] {p[0], p[1], p[2]};
    }

    private static NDList inputs(NDManager manager, Map<View, float[]> crops, View view, int pixel, float delta) {
        NDList list = new NDList();
        for (View v : View.values()) {
            float[] values = crops.get(v).clone();
            if (v == view) {
                values[pixel] += delta;
            }
            list.add(manager.create(values, new Shape(1, 1, SMALL.inputHeight(), SMALL.inputWidth())));
        }
        return list;
    }

    private static int argmax(float[] values) {
        int best = 0;
        for (int i = 1; i < values.length; i++) {
            if (Math.abs(values[i]) > Math.abs(values[best])) {
                best = i;
            }
        }
        return best;
    }

    @Test
    void mapsAreInTheFilesOrientationAndOnlyWhereCropsWere() {
        try (NDManager manager = NDManager.newBaseManager()) {
            ExamApplication application = new ExamApplication(network(manager), manager, PIPELINE, OptionalDouble.empty(), null, 3, 7);
            // 150 x 260: crops of 130 x 100 shift right by at most 100, so columns 200.. are never seen
            SaliencyMaps left = application.explain(exam(150, 260, false));
            SaliencyMaps right = application.explain(exam(150, 260, true));
            assertThat(right.prediction().probabilities()).containsExactly(left.prediction().probabilities());
            for (View v : View.values()) {
                float[] l = left.map(v);
                float[] r = right.map(v);
                double total = 0;
                for (int y = 0; y < 150; y++) {
                    for (int x = 0; x < 260; x++) {
                        assertThat(r[y * 260 + 259 - x]).isEqualTo(l[y * 260 + x]);
                        total += l[y * 260 + x];
                        if (x >= 200) {
                            assertThat(l[y * 260 + x]).isZero();
                        }
                    }
                }
                assertThat(total).isPositive();
            }
        }
    }
}

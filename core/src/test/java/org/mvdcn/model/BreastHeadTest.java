package org.mvdcn.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.mvdcn.exam.View;

class BreastHeadTest {

    private static final int H = 130;
    private static final int W = 100;
    private static final int B = 3;
    private static final NetworkConfig CONFIG = new NetworkConfig(H, W, 0.25, 0.01f, 0.2f).withHead(OutputHead.BREAST);

    @ParameterizedTest
    @ValueSource(ints = {3, 4, 5})
    void theExamsProbabilitiesAreTheExamRuleOnTheBreastsOwn(int seed) {
        Engine.getInstance().setRandomSeed(seed);
        try (NDManager manager = NDManager.newBaseManager()) {
            MultiViewNetwork network = network(manager);
            NDList out = network.forwardWithFeatures(new ParameterStore(manager, false), inputs(manager), false);
            double[][] exam = softmaxRows(out.get(0).toFloatArray());
            float[] breasts = out.get(2).toFloatArray();
            assertThat(out.get(2).getShape()).isEqualTo(new Shape(2L * B, 3));
            double[][] rows = softmaxRows(breasts);
            for (int i = 0; i < B; i++) {
                double[] l = rows[i];
                double[] r = rows[B + i];
                double recall = 1 - (1 - l[0]) * (1 - r[0]);
                double negative = l[1] * r[1];
                assertThat(exam[i][0]).isCloseTo(recall, within(1e-5));
                assertThat(exam[i][1]).isCloseTo(negative, within(1e-5));
                assertThat(exam[i][2]).isCloseTo(1 - recall - negative, within(1e-5));
            }
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {3, 4})
    void aBreastsLogitsReadOnlyItsOwnTwoViews(int seed) {
        Engine.getInstance().setRandomSeed(seed);
        try (NDManager manager = NDManager.newBaseManager()) {
            MultiViewNetwork network = network(manager);
            ParameterStore store = new ParameterStore(manager, false);
            NDList inputs = inputs(manager);
            float[] before = network.forwardWithFeatures(store, inputs, false).get(2).toFloatArray();
            NDList rightChanged = new NDList(inputs);
            for (View v : View.values()) {
                if (v.laterality() == View.Laterality.RIGHT) {
                    rightChanged.set(v.ordinal(), manager.randomNormal(new Shape(B, 1, H, W)));
                }
            }
            float[] after = network.forwardWithFeatures(store, rightChanged, false).get(2).toFloatArray();
            for (int k = 0; k < B * 3; k++) {
                assertThat(after[k]).as("left row value " + k).isEqualTo(before[k]);
            }
            double rightMoved = 0;
            for (int k = B * 3; k < 2 * B * 3; k++) {
                rightMoved = Math.max(rightMoved, Math.abs(after[k] - before[k]));
            }
            assertThat(rightMoved).isPositive();
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {3, 4})
    void theLossSumsTheTwoBreastsCrossEntropiesAveragedOverExams(int seed) {
        Engine.getInstance().setRandomSeed(seed);
        try (NDManager manager = NDManager.newBaseManager()) {
            MultiViewNetwork network = network(manager);
            long[] labels = {0, 1, 1, 2, 1, 1}; // (B, 2): exam 0 left 0 right 1, exam 1 left 1 right 2, exam 2 both 1
            try (TrainingPass pass = network.trainingPass(new ParameterStore(manager, false), inputs(manager), null)) {
                NDArray loss = pass.crossEntropy(manager.create(labels, new Shape(B, 2)));
                double[][] rows = softmaxRows(pass.output().get(2).toFloatArray());
                double expected = 0;
                for (int i = 0; i < B; i++) {
                    expected -= Math.log(rows[i][(int) labels[2 * i]]) + Math.log(rows[B + i][(int) labels[2 * i + 1]]);
                }
                assertThat(loss.getFloat()).isCloseTo((float) (expected / B), within(1e-4f));
                pass.backward(loss);
            }
            for (Map.Entry<String, Parameter> e : network.referenceParameters().entrySet()) {
                assertThat(e.getValue().getArray().getGradient().abs().max().getFloat()).as(e.getKey()).isPositive();
            }
        }
    }

    @Test
    void theHeadsLayersReadTwoViewsAndCarryTheirOwnNames() {
        try (NDManager manager = NDManager.newBaseManager()) {
            MultiViewNetwork network = network(manager);
            Map<String, Parameter> params = network.referenceParameters();
            long c = CONFIG.columnLayout().featureChannels();
            assertThat(params.get("breast_fc1.weight").getShape()).isEqualTo(new Shape(2 * c, 2 * c));
            assertThat(params.get("breast_fc2.weight").getShape()).isEqualTo(new Shape(3, 2 * c));
            assertThat(params).doesNotContainKeys("fc1.weight", "fc2.weight");
        }
    }

    private static MultiViewNetwork network(NDManager manager) {
        MultiViewNetwork network = new MultiViewNetwork(CONFIG);
        network.initialize(manager);
        WeightInit.HE.apply(network); // Glorot's near-equal features would hide a wrongly routed view
        return network;
    }

    private static NDList inputs(NDManager manager) {
        NDList inputs = new NDList();
        for (int i = 0; i < 4; i++) {
            inputs.add(manager.randomNormal(new Shape(B, 1, H, W)));
        }
        return inputs;
    }

    private static double[][] softmaxRows(float[] logits) {
        double[][] rows = new double[logits.length / 3][3];
        for (int i = 0; i < rows.length; i++) {
            double max = Math.max(logits[3 * i], Math.max(logits[3 * i + 1], logits[3 * i + 2]));
            double sum = 0;
            for (int k = 0; k < 3; k++) {
                rows[i][k] = Math.exp(logits[3 * i + k] - max);
                sum += rows[i][k];
            }
            for (int k = 0; k < 3; k++) {
                rows[i][k] /= sum;
            }
        }
        return rows;
    }
}

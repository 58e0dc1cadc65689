package org.mvdcn.predict;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import org.junit.jupiter.api.Test;
import org.mvdcn.exam.ExamImages;
import org.mvdcn.exam.TestImages;
import org.mvdcn.model.MultiViewNetwork;
import org.mvdcn.model.NetworkConfig;
import org.mvdcn.preprocess.ExamPipeline;
import org.mvdcn.preprocess.Preprocessing;

class ExamPredictorTest {

    private static final ExamPipeline PIPELINE = new ExamPipeline(Preprocessing.of(1, 130, 100));

    /** A small exam larger than the 130x100 crop, so random placements differ. */
    private static ExamImages exam(int h, int w) {
        return TestImages.syntheticExam(h, w, false);
    }

    @Test
    void defaultIsOneCropOnlyWhenEveryViewHasTheCropSize() {
        NetworkConfig config = new NetworkConfig(130, 100, 0.25, 0.01f, 0.2f);
        try (NDManager manager = NDManager.newBaseManager()) {
            MultiViewNetwork network = new MultiViewNetwork(config);
            ExamPredictor predictor = new ExamPredictor(network, manager, PIPELINE);
            assertThat(predictor.defaultCrops(exam(130, 100))).isEqualTo(1);
            assertThat(predictor.defaultCrops(exam(170, 120))).isEqualTo(10);
            // down-scaled by 2, a 260 x 200 exam has the crop's size
            ExamPredictor halved = new ExamPredictor(network, manager, new ExamPipeline(Preprocessing.of(2, 130, 100)));
            assertThat(halved.defaultCrops(exam(260, 200))).isEqualTo(1);
        }
    }

    @Test
    void randomCropsAreReproducibleBySeedAndAveraged() {
        NetworkConfig config = new NetworkConfig(130, 100, 0.25, 0.01f, 0.2f);
        ExamImages exam = exam(170, 120);
        Engine.getInstance().setRandomSeed(3);
        try (NDManager manager = NDManager.newBaseManager()) {
            MultiViewNetwork network = new MultiViewNetwork(config);
            network.initialize(manager);
            network.referenceParameters().get("fc2.weight").getArray().muli(40); // spread the outputs
            ExamPredictor predictor = new ExamPredictor(network, manager, PIPELINE);
            Prediction a = predictor.predict(exam, 4, 1);
            Prediction b = predictor.predict(exam, 4, 1);
            Prediction c = predictor.predict(exam, 4, 2);
            assertThat(a.probabilities()).containsExactly(b.probabilities());
            assertThat(a.probabilities()).isNotEqualTo(c.probabilities());
            assertThat(a.crops()).isEqualTo(4);
            assertThat(a.probabilities()[0] + a.probabilities()[1] + a.probabilities()[2]).isCloseTo(1, within(1e-6));
        }
    }
}

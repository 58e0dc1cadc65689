package org.mvdcn.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;
import org.mvdcn.exam.ExamImages;
import org.mvdcn.exam.TestImages;
import org.mvdcn.model.MultiViewNetwork;
import org.mvdcn.model.NetworkConfig;
import org.mvdcn.predict.Prediction;
import org.mvdcn.preprocess.ExamPipeline;
import org.mvdcn.preprocess.Preprocessing;

class ExamApplicationTest {

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
            ExamApplication application = application(network, manager, PIPELINE, null, 0);
            assertThat(application.defaultCrops(exam(130, 100).views())).isEqualTo(1);
            assertThat(application.defaultCrops(exam(170, 120).views())).isEqualTo(10);
            // down-scaled by 2, a 260 x 200 exam has the crop's size
            ExamApplication halved = application(network, manager, new ExamPipeline(Preprocessing.of(2, 130, 100)), null, 0);
            assertThat(halved.defaultCrops(exam(260, 200).views())).isEqualTo(1);
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
            Prediction a = application(network, manager, PIPELINE, 4, 1).predict(exam);
            Prediction b = application(network, manager, PIPELINE, 4, 1).predict(exam);
            Prediction c = application(network, manager, PIPELINE, 4, 2).predict(exam);
            assertThat(a.probabilities()).containsExactly(b.probabilities());
            assertThat(a.probabilities()).isNotEqualTo(c.probabilities());
            assertThat(a.crops()).isEqualTo(4);
            assertThat(a.probabilities()[0] + a.probabilities()[1] + a.probabilities()[2]).isCloseTo(1, within(1e-6));
        }
    }

    private static ExamApplication application(MultiViewNetwork network, NDManager manager, ExamPipeline pipeline, Integer crops, long seed) {
        return new ExamApplication(network, manager, pipeline, OptionalDouble.empty(), null, crops, seed);
    }
}

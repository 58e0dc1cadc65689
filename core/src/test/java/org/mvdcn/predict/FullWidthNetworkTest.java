package org.mvdcn.predict;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;
import org.mvdcn.application.ExamApplication;
import org.mvdcn.TestData;
import org.mvdcn.exam.ExamImages;
import org.mvdcn.model.MultiViewNetwork;
import org.mvdcn.model.NetworkConfig;
import org.mvdcn.preprocess.ExamPipeline;
import org.mvdcn.preprocess.Preprocessing;

/** The paper-size network end to end on the real exam: shapes, finite outputs, a distribution. */
class FullWidthNetworkTest {

    @Test
    void paperNetworkPredictsTheSampleExam() {
        ExamImages exam = ExamImages.readPngFolder(TestData.sampleExam());
        Engine.getInstance().setRandomSeed(11);
        try (NDManager manager = NDManager.newBaseManager()) {
            MultiViewNetwork network = new MultiViewNetwork(NetworkConfig.paper());
            network.initialize(manager);
            ExamApplication application = new ExamApplication(network, manager, new ExamPipeline(Preprocessing.paper()),
                    OptionalDouble.empty(), null, null, 0);
            assertThat(application.defaultCrops(exam.views())).isEqualTo(1);
            Prediction p = application.predict(exam);
            assertThat(p.probabilities()).hasSize(3);
            for (double v : p.probabilities()) {
                assertThat(v).isStrictlyBetween(0.0, 1.0);
            }
            assertThat(p.probabilities()[0] + p.probabilities()[1] + p.probabilities()[2]).isCloseTo(1.0, within(1e-6));
            double h = 0;
            for (double v : p.probabilities()) {
                h -= v * Math.log(v);
            }
            assertThat(p.entropy()).isCloseTo(h, within(1e-12)).isLessThanOrEqualTo(Math.log(3));
            System.out.printf("full-width four-view prediction (incl. preprocessing): %.2f s%n", p.seconds());
        }
    }
}

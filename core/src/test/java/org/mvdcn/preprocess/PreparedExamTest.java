package org.mvdcn.preprocess;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.mvdcn.exam.ExamImages;
import org.mvdcn.exam.TestImages;
import org.mvdcn.exam.View;

class PreparedExamTest {

    private static long directBytesInUse() {
        return ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class).stream().filter(p -> p.getName().equals("direct"))
                .mapToLong(BufferPoolMXBean::getMemoryUsed).sum();
    }

    @Test
    void inputsHoldEachExamsCropsAndTheirMemoryIsFreedWithTheirManager() {
        ExamImages exam = TestImages.syntheticExam(170, 120, false);
        PreparedExam prepared = new ExamPipeline(Preprocessing.of(1, 130, 100)).prepare(exam.views(), CropPlan.averaged(3), new Random(4));
        try (NDManager manager = NDManager.newBaseManager()) {
            long inputBytes = 4L * 2 * 130 * 100 * Float.BYTES; // 4 views x 2 exams x 130 x 100 floats
            for (int round = 0; round < 20; round++) {
                long inScope;
                try (NDManager scope = manager.newSubManager()) {
                    int set = round % 3;
                    long before = directBytesInUse();
                    NDList inputs = PreparedExam.inputs(scope, List.of(prepared, prepared), set);
                    assertThat(inputs.get(0).getShape()).isEqualTo(new Shape(2, 1, 130, 100));
                    assertThat(directBytesInUse() - before).isEqualTo(inputBytes);
                    for (View v : View.values()) {
                        float[] expected = prepared.views().get(v).crop(prepared.cropSets().get(set).get(v));
                        float[] values = inputs.get(v.ordinal()).toFloatArray();
                        assertThat(java.util.Arrays.copyOfRange(values, expected.length, 2 * expected.length)).containsExactly(expected);
                    }
                    inScope = directBytesInUse();
                }
                // freed as the scope closed, not whenever a garbage collection gets to it
                assertThat(directBytesInUse()).as("direct memory after round %d", round).isLessThanOrEqualTo(inScope - inputBytes);
            }
        }
    }
}

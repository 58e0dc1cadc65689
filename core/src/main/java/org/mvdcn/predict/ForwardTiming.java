package org.mvdcn.predict;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import java.util.Arrays;
import java.util.List;
import org.mvdcn.data.ExamDraw;
import org.mvdcn.exam.ExamImages;
import org.mvdcn.preprocess.CropPlan;
import org.mvdcn.preprocess.ExamPipeline;
import org.mvdcn.preprocess.PreparedExam;

/**
 * Wall time of one pass of the network over an exam's four views (a forward, or a forward and
 * backward for saliency): the first (cold) run, then {@code repeats} timed runs on the same
 * noise-free crops. Used by the demo and by the benchmarks, so all report the same quantity.
 *
 * @param preprocessSeconds standardise + orient + crop of the four views
 * @param firstSeconds the first forward (allocator and oneDNN warm-up)
 * @param seconds the timed forwards, sorted ascending
 * @param probabilities the network's output for the exam
 */
public record ForwardTiming(double preprocessSeconds, double firstSeconds, double[] seconds, double[] probabilities) {

    /** One pass over the four inputs, returning the class probabilities it computed. */
    @FunctionalInterface
    public interface Pass {
        double[] run(NDList inputs);
    }

    public static ForwardTiming measure(Pass pass, ExamPipeline pipeline, ExamImages exam, NDManager manager, int repeats) {
        long t0 = System.nanoTime();
        PreparedExam prepared = pipeline.prepare(exam.views(), CropPlan.averaged(1), ExamDraw.forScoring(0).crops());
        NDList inputs = PreparedExam.inputs(manager, List.of(prepared), 0);
        double preprocess = since(t0);
        long t1 = System.nanoTime();
        double[] p = pass.run(inputs);
        double first = since(t1);
        double[] times = new double[Math.max(1, repeats)];
        for (int i = 0; i < times.length; i++) {
            long t = System.nanoTime();
            pass.run(inputs);
            times[i] = since(t);
        }
        inputs.close();
        Arrays.sort(times);
        return new ForwardTiming(preprocess, first, times, p);
    }

    public double min() {
        return seconds[0];
    }

    public double median() {
        int n = seconds.length;
        return n % 2 == 1 ? seconds[n / 2] : (seconds[n / 2 - 1] + seconds[n / 2]) / 2;
    }

    private static double since(long start) {
        return (System.nanoTime() - start) / 1e9;
    }
}

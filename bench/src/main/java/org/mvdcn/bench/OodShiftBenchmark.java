package org.mvdcn.bench;

import ai.djl.Device;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.mvdcn.application.ExamApplication;
import org.mvdcn.data.ExamCandidates;
import org.mvdcn.eval.ShiftReport;
import org.mvdcn.ood.OodCheck;
import org.mvdcn.predict.TrainedModel;
import org.mvdcn.preprocess.PreprocessingOverrides;
import org.mvdcn.train.RunFolder;
import org.mvdcn.train.RunRecord;
import org.mvdcn.train.RunShiftDetection;

/**
 * How well a run's out-of-distribution check separates shifted exams from the test exams they
 * were made from ({@link RunShiftDetection}, what {@code mvdcn ood --shifts} records in the run),
 * and the real sample exam's score. Prints a Markdown block for bench/RESULTS.md.
 *
 * <p>Usage: OodShiftBenchmark RUN REAL_EXAM REAL_DOWNSCALE SEEDS (e.g. 1,2,3)
 */
public final class OodShiftBenchmark {

    private OodShiftBenchmark() {}

    public static void main(String[] args) throws Exception {
        Path runDir = Path.of(args[0]);
        Path real = Path.of(args[1]);
        int realDownscale = Integer.parseInt(args[2]);
        List<Long> seeds = Arrays.stream(args[3].split(",")).map(Long::valueOf).toList();
        RunFolder run = new RunFolder(runDir);
        Device device = Device.cpu();
        ShiftReport report = RunShiftDetection.of(runDir).measure(seeds, device,
                (done, total) -> System.err.printf("%d/%d passes over the test exams%n", done, total), System.err::println);
        System.out.printf("%s: %s.%n%n", runDir, RunRecord.read(run).ood().describe());
        System.out.print(report.markdown());
        PreprocessingOverrides realSize = new PreprocessingOverrides(realDownscale, null, null, null, null);
        try (TrainedModel model = TrainedModel.load(run.best(), null, realSize, device, System.err::println)) {
            OodCheck check = new ExamApplication(model, 1, 0).predict(ExamCandidates.pngFolder(real)).prediction().ood();
            System.out.printf("%nThe real sample exam (%s, down-scaled 1/%d): score %.1f against %.2f, %s (%s).%n", real.getFileName(),
                    realDownscale, check.distance(), check.threshold(), check.flag() ? "flagged" : "NOT flagged", check.where());
        }
    }
}

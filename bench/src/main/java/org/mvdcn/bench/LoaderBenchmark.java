package org.mvdcn.bench;

import ai.djl.ndarray.NDManager;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Locale;
import org.mvdcn.data.ExamBatch;
import org.mvdcn.data.ExamLoader;
import org.mvdcn.data.ExamRecord;
import org.mvdcn.data.LoaderConfig;
import org.mvdcn.data.Split;
import org.mvdcn.preprocess.ExamPipeline;
import org.mvdcn.preprocess.Preprocessing;
import org.mvdcn.exam.PngMammogramReader;

/**
 * Loader throughput at full resolution from 16-bit PNG: decode + orient + standardise on the
 * loader threads (1 or 2), then the training crop cut into the network's native input on the
 * consuming thread, as training does; and PNG decoding alone. Usage: LoaderBenchmark
 * COHORT_DIR PATIENTS (the cohort is generated at scale 1 if COHORT_DIR has no manifest).
 * Prints a Markdown table.
 */
public final class LoaderBenchmark {

    private LoaderBenchmark() {}

    public static void main(String[] args) throws Exception {
        Path dir = Paths.get(args[0]);
        int patients = Integer.parseInt(args[1]);
        List<ExamRecord> exams = ScaleOneCohort.exams(dir, patients);
        PngMammogramReader reader = new PngMammogramReader();
        long t0 = System.nanoTime();
        int images = 0;
        for (ExamRecord e : exams) {
            for (var list : e.images().values()) {
                reader.read(list.get(0).path());
                images++;
            }
        }
        double decodeSeconds = (System.nanoTime() - t0) / 1e9 / images;
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "%d exams of 4 views, about 2600x2000 16-bit PNG (synthetic, scale 1).%n%n", exams.size()));
        sb.append("| stage | threads | per exam s | exams/s |\n|---|---|---|---|\n");
        sb.append(String.format(Locale.ROOT, "| PNG decode only (4 images) | 1 | %.3f | %.2f |%n", 4 * decodeSeconds, 1 / (4 * decodeSeconds)));
        for (int threads : new int[] {1, 2}) {
            LoaderConfig config = new LoaderConfig(4, threads, 8, 10, false, 1);
            for (int round = 0; round < 2; round++) { // the first round warms up the JIT
                long start = System.nanoTime();
                int n = 0;
                try (ExamLoader loader = new ExamLoader(exams, Split.TRAIN, new ExamPipeline(Preprocessing.paper()), config, round,
                        w -> { }); NDManager manager = NDManager.newBaseManager()) {
                    for (ExamBatch b = loader.next(); b != null; b = loader.next()) {
                        try (NDManager scope = manager.newSubManager()) {
                            b.inputs(scope, 0);
                        }
                        n += b.size();
                    }
                }
                double perExam = (System.nanoTime() - start) / 1e9 / n;
                if (round == 1) {
                    sb.append(String.format(Locale.ROOT, "| decode + orient + standardise + crop into the input (training) | %d | %.3f | %.2f |%n",
                            threads, perExam, 1 / perExam));
                }
            }
        }
        System.out.print(sb);
    }
}

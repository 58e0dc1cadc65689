package org.mvdcn.bench;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Locale;
import org.mvdcn.data.ExamRecord;
import org.mvdcn.data.LoaderConfig;
import org.mvdcn.data.Split;
import org.mvdcn.io.ProcessMemory;
import org.mvdcn.model.MultiViewNetwork;
import org.mvdcn.model.NetworkConfig;
import org.mvdcn.predict.DatasetPredictor;
import org.mvdcn.preprocess.ExamPipeline;
import org.mvdcn.preprocess.Preprocessing;

/**
 * What {@code evaluate} does per test exam at full resolution: the loader (16-bit PNG decode,
 * orient, standardise, 10 random crop sets) feeding the paper's network, {@code BATCH} exams per
 * forward, each crop set a pass; one warm-up exam first. Prints one JSON line (exams/s, seconds per
 * exam, peak RSS) for bench/run-evaluate.sh. Usage: EvaluateBenchmark COHORT_DIR PATIENTS BATCH
 * (the cohort is generated at scale 1 if COHORT_DIR has no manifest).
 */
public final class EvaluateBenchmark {

    private EvaluateBenchmark() {}

    public static void main(String[] args) throws Exception {
        Path dir = Paths.get(args[0]);
        int patients = Integer.parseInt(args[1]);
        int batch = Integer.parseInt(args[2]);
        List<ExamRecord> exams = ScaleOneCohort.exams(dir, patients);
        Engine.getInstance().setRandomSeed(2017);
        ExamPipeline pipeline = new ExamPipeline(Preprocessing.paper());
        try (NDManager manager = NDManager.newBaseManager()) {
            MultiViewNetwork network = new MultiViewNetwork(NetworkConfig.paper());
            network.initialize(manager);
            LoaderConfig config = new LoaderConfig(batch, 2, 2, 10, false, 1);
            DatasetPredictor.predict(network, manager, pipeline, exams.subList(0, batch), Split.TEST, config, w -> { });
            long start = System.nanoTime();
            DatasetPredictor.predict(network, manager, pipeline, exams, Split.TEST, config, w -> { });
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.println(String.format(Locale.ROOT,
                    "{\"batch\":%d,\"exams\":%d,\"seconds\":%.2f,\"exams_per_s\":%.3f,\"peak_rss_mib\":%.0f}", batch, exams.size(),
                    seconds, exams.size() / seconds, ProcessMemory.peakResidentMib()));
        }
    }
}

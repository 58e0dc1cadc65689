package org.mvdcn.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.mvdcn.data.ExamRecord;
import org.mvdcn.data.Manifest;
import org.mvdcn.synth.CohortGenerator;

/**
 * The full-resolution benchmarks' cohort: synthetic exams of 16-bit PNG at scale 1 (about
 * 2600x2000), generated into a folder on first use and reused after, so the loader and evaluate
 * benchmarks read the same files.
 */
final class ScaleOneCohort {

    private ScaleOneCohort() {}

    /** The exams of the cohort in {@code dir}, generated there with {@code patients} patients if it has no manifest. */
    static List<ExamRecord> exams(Path dir, int patients) throws IOException {
        if (!Files.exists(dir.resolve(CohortGenerator.MANIFEST))) {
            CohortGenerator.generate(dir, new CohortGenerator.Options(patients, 1, 2017, 0.1, 0.08), (d, total) -> { });
        }
        return Manifest.load(dir.resolve(CohortGenerator.MANIFEST), true).exams();
    }
}

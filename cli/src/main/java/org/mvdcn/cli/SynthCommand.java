package org.mvdcn.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.mvdcn.data.Manifest;
import org.mvdcn.synth.CohortGenerator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code mvdcn synth}: a synthetic screening cohort with a known answer. */
@Command(name = "synth", mixinStandardHelpOptions = true, showDefaultValues = true,
        description = "Generate a synthetic screening cohort (16-bit PNGs and manifest.csv) for tests and demos. "
                + "Synthetic data is not clinical evidence.")
public final class SynthCommand implements Callable<Integer> {

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Folder to write the cohort to.")
    Path out;

    @Option(names = "--patients", required = true, paramLabel = "N", description = "Number of patients.")
    int patients;

    @Option(names = "--scale", defaultValue = "1.0", paramLabel = "S",
            description = "Image scale: 1 = about 2600x2000; 0.25 = about 650x500 with the same geometry.")
    double scale;

    @Option(names = "--seed", defaultValue = "1", paramLabel = "K", description = "Seed: the same seed gives the same cohort.")
    long seed;

    @Option(names = "--flip", defaultValue = "0.1", paramLabel = "F",
            description = "Share of exams whose recorded label is replaced by another class (reader disagreement).")
    double flip;

    @Option(names = "--duplicates", defaultValue = "0.08", paramLabel = "D",
            description = "Share of exams with a second image of one view.")
    double duplicates;

    @Option(names = "--contrast", defaultValue = "1.0", paramLabel = "C",
            description = "Multiply every finding's brightness: 1 is the cohort as designed; larger makes an easier cohort "
                    + "(say so wherever its results are shown).")
    double contrast;

    @Option(names = "--test-patients", defaultValue = "0", paramLabel = "N",
            description = "Further patients, drawn the same way, whose exams the manifest declares split=test: "
                    + "a large test set while training stays the size of --patients. The other patients are unchanged.")
    int testPatients;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        long start = System.nanoTime();
        CohortGenerator.Options options = new CohortGenerator.Options(patients, scale, seed, flip, duplicates, contrast,
                testPatients);
        ProgressLine progress = new ProgressLine("synth", "exams");
        CohortGenerator.Cohort cohort = CohortGenerator.generate(out, options, progress::update);
        Manifest manifest = Manifest.load(cohort.manifest(), true);
        spec.commandLine().getOut().println(manifest.summary());
        spec.commandLine().getOut().printf("%d test patients declared split=test (ids T...), %d left to the computed split%n",
                testPatients, patients);
        spec.commandLine().getOut().printf("%d images in %.1f s -> %s (labels before flipping: %s)%n", cohort.images(),
                (System.nanoTime() - start) / 1e9, cohort.manifest(), cohort.manifest().resolveSibling(CohortGenerator.TRUTH));
        return 0;
    }
}

package org.mvdcn.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.mvdcn.data.Manifest;
import org.mvdcn.UsageException;
import org.mvdcn.synth.CohortGenerator;
import org.mvdcn.synth.FindingMix;
import org.mvdcn.synth.LabelMix;
import org.mvdcn.synth.ReaderNoise;
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

    @Option(names = "--field", defaultValue = "1.0", paramLabel = "F",
            description = "Share of the 26x20 cm field an image covers along each side, at the pixel size --scale gives: 0.5 "
                    + "halves the image's height and width (a smaller breast) and keeps texture and findings as many pixels "
                    + "across, so a column has less to search for the same evidence.")
    double field;

    @Option(names = "--label-mix", defaultValue = "0.15,0.50,0.35", paramLabel = "B0,B1,B2",
            description = "Share of exams drawn as BI-RADS 0, 1 and 2 (default: screening's natural mix).")
    String labelMix;

    @Option(names = "--seed", defaultValue = "1", paramLabel = "K", description = "Seed: the same seed gives the same cohort.")
    long seed;

    @Option(names = "--flip", paramLabel = "F",
            description = "Share of exams whose recorded label is replaced by another class, uniformly at random "
                    + "(default 0.1; 0 with --reader-noise, which replaces it).")
    Double flip;

    @Option(names = "--reader-noise", defaultValue = "0", paramLabel = "D",
            description = "Label noise that follows visibility instead of --flip: a reader errs on a finding of detectability d "
                    + "(its matched filter's output over the detector noise) with probability 1 / (1 + (d/D)^2). "
                    + "0: off. Findings' detectability: bench/RESULTS.md (issue 28).")
    double readerNoise;

    @Option(names = "--overcall", defaultValue = "0.04", paramLabel = "P",
            description = "With --reader-noise: the share of normal exams a reader calls BI-RADS 0 or 2.")
    double overcall;

    @Option(names = "--finding-mix", paramLabel = "KIND=SHARE,...",
            description = "Which finding each class's exams carry; a class not named keeps its default. Kinds: BI-RADS 0 "
                    + "microcalcifications, spiculated-density, fine-calcifications (only full resolution sees them); "
                    + "BI-RADS 2 benign-calcifications, circumscribed-mass. "
                    + "Default: microcalcifications=0.6,spiculated-density=0.4,benign-calcifications=0.5,circumscribed-mass=0.5.")
    String findingMix;

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

    @Option(names = "--breast-labels",
            description = "Also record each breast's label (manifest column breast_label): the exam's recorded label for the breast "
                    + "the reader assessed, BI-RADS 1 for the other; what train --head breast learns from. Images unchanged.")
    boolean breastLabels;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        long start = System.nanoTime();
        CohortGenerator.Options options;
        try {
            options = new CohortGenerator.Options(patients, scale, seed, flip != null ? flip : readerNoise > 0 ? 0 : 0.1,
                    duplicates, contrast, testPatients, findingMix == null ? FindingMix.DEFAULT : FindingMix.parse(findingMix),
                    readerNoise > 0 ? new ReaderNoise(readerNoise, overcall) : ReaderNoise.NONE, LabelMix.parse(labelMix), field,
                    breastLabels);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        ProgressLine progress = new ProgressLine("synth", "exams");
        CohortGenerator.Cohort cohort = CohortGenerator.generate(out, options, progress::update);
        Manifest manifest = Manifest.load(cohort.manifest(), true);
        spec.commandLine().getOut().println(manifest.summary());
        spec.commandLine().getOut().printf("%d test patients declared split=test (ids T...), %d left to the computed split%n",
                testPatients, patients);
        spec.commandLine().getOut().printf("classes drawn %s (BI-RADS 0,1,2), field %s; findings %s; recorded labels: %s%n",
                options.labelMix(), options.field(), options.findingMix(),
                options.readerNoise().on() ? "reader noise, half the calls wrong at detectability " + options.readerNoise().halfError()
                        + ", normal exams overcalled " + options.readerNoise().overcall()
                        : "a share " + options.flipShare() + " flipped uniformly");
        spec.commandLine().getOut().printf("%d images in %.1f s -> %s (labels before flipping: %s)%n", cohort.images(),
                (System.nanoTime() - start) / 1e9, cohort.manifest(), cohort.manifest().resolveSibling(CohortGenerator.TRUTH));
        return 0;
    }
}

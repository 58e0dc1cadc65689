package org.mvdcn.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.mvdcn.data.Manifest;
import org.mvdcn.data.Split;
import org.mvdcn.data.SplitAssignment;
import org.mvdcn.datasets.ManifestDraft;
import org.mvdcn.datasets.PublicDataset;
import org.mvdcn.dicom.DicomTreeManifest;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code mvdcn manifest}: work with screening manifests. */
@Command(name = "manifest", mixinStandardHelpOptions = true,
        description = "Check screening manifests and the patient-wise split they give; build them from a DICOM tree or a "
                + "public dataset's own metadata.",
        subcommands = {ManifestCommand.Check.class, ManifestCommand.FromDicom.class, ManifestCommand.FromDataset.class})
public final class ManifestCommand implements Runnable {

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "choose a subcommand (check, from-dicom, from-dataset)");
    }

    /** {@code mvdcn manifest check}: validate, summarise, and write the split. */
    @Command(name = "check", mixinStandardHelpOptions = true, showDefaultValues = true,
            description = "Validate a manifest (every problem, with row numbers), print what is kept and excluded, "
                    + "and the patient-wise split (SPEC 3).")
    public static final class Check implements Callable<Integer> {

        @Option(names = "--manifest", required = true, paramLabel = "CSV", description = "The manifest.")
        Path manifest;

        @Option(names = "--strict", description = "An exam that lacks a view is an error instead of being excluded.")
        boolean strict;

        @Option(names = "--split-out", paramLabel = "CSV", description = "Write the split (exam_id,split,scored) here.")
        Path splitOut;

        @picocli.CommandLine.Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            Manifest m = Manifest.load(manifest, strict);
            var out = spec.commandLine().getOut();
            out.println(m.summary());
            SplitAssignment split = SplitAssignment.assign(m.exams());
            for (Split s : Split.values()) {
                var exams = split.select(m.exams(), s);
                long labelled = exams.stream().filter(e -> e.label() != null).count();
                out.printf("%-5s %4d patients, %5d exams used (%d labelled)%s%n", s.label(),
                        exams.stream().map(e -> e.patientId()).distinct().count(), exams.size(), labelled,
                        s == Split.TEST ? ", the last visit of each patient" : "");
            }
            if (splitOut != null) {
                split.write(splitOut);
                out.println("split written to " + splitOut);
            }
            return 0;
        }
    }

    /** What the manifest builders share: where to write, and the summary of what was kept and dropped. */
    abstract static class Builder implements Callable<Integer> {

        @Option(names = "--out", required = true, paramLabel = "CSV", description = "The manifest to write.")
        Path out;

        @picocli.CommandLine.Spec
        picocli.CommandLine.Model.CommandSpec spec;

        abstract void fill(ManifestDraft draft);

        @Override
        public Integer call() throws Exception {
            ManifestDraft draft = new ManifestDraft(out);
            fill(draft);
            spec.commandLine().getOut().println(draft.write());
            return 0;
        }
    }

    /** {@code mvdcn manifest from-dicom}: one row per usable DICOM mammogram under a folder. */
    @Command(name = "from-dicom", mixinStandardHelpOptions = true,
            description = "Index a tree of DICOM files (views, dates and studies from their attributes) into a manifest, labels "
                    + "joined by study_uid or accession from a CSV with a label column (0, 1, 2).")
    public static final class FromDicom extends Builder {

        @Parameters(index = "0", paramLabel = "ROOT", description = "Folder of DICOM files (any depth, any names).")
        Path root;

        @Option(names = "--labels", required = true, paramLabel = "CSV", description = "study_uid or accession, and label.")
        Path labels;

        @Override
        void fill(ManifestDraft draft) {
            DicomTreeManifest.read(root, labels, draft);
        }
    }

    /** {@code mvdcn manifest from-dataset}: a public dataset's metadata, in its published layout, as a manifest. */
    @Command(name = "from-dataset", mixinStandardHelpOptions = true,
            description = "Read a public dataset's own metadata files (embed, rsna, vindr, cbis-ddsm, inbreast) into a manifest; "
                    + "prints the label mapping and what was kept and dropped, with the reasons.")
    public static final class FromDataset extends Builder {

        @Parameters(index = "0", paramLabel = "DATASET", description = "embed, rsna, vindr, cbis-ddsm or inbreast.")
        String dataset;

        @Option(names = "--root", required = true, paramLabel = "DIR", description = "The dataset's folder as downloaded.")
        Path root;

        @Override
        void fill(ManifestDraft draft) {
            PublicDataset source;
            try {
                source = PublicDataset.named(dataset);
            } catch (IllegalArgumentException e) {
                throw new picocli.CommandLine.ParameterException(spec.commandLine(), e.getMessage());
            }
            source.read(root, draft);
        }
    }
}

package org.mvdcn.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.mvdcn.data.Manifest;
import org.mvdcn.data.Split;
import org.mvdcn.data.SplitAssignment;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code mvdcn manifest}: work with screening manifests. */
@Command(name = "manifest", mixinStandardHelpOptions = true,
        description = "Check screening manifests and the patient-wise split they give.",
        subcommands = {ManifestCommand.Check.class})
public final class ManifestCommand implements Runnable {

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "choose a subcommand (check)");
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
}

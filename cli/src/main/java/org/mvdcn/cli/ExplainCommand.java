package org.mvdcn.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code mvdcn explain}: |dH/dx| saliency maps, overlays and a four-view panel for one exam. */
@Command(name = "explain", mixinStandardHelpOptions = true, showDefaultValues = true,
        description = "Backpropagate the prediction's entropy to the four images; write <VIEW>-saliency.npy, "
                + "<VIEW>-saliency.png overlays and saliency-panel.png to OUT.")
public final class ExplainCommand implements Callable<Integer> {

    @Mixin
    ExamModelOptions model;

    @Option(names = "--out", required = true, paramLabel = "OUT", description = "Folder for the maps and pictures.")
    Path out;

    @Mixin
    EngineOptions engine;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        engine.apply();
        var result = model.explain(out);
        model.notes.forEach(spec.commandLine().getErr()::println);
        spec.commandLine().getOut().println(PredictionTable.format(model.exam, result));
        spec.commandLine().getOut().println("saliency written to " + out.toAbsolutePath());
        return 0;
    }
}

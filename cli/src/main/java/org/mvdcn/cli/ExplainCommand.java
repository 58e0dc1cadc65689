package org.mvdcn.cli;

import java.io.PrintWriter;

import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code mvdcn explain}: |dH/dx| saliency maps, overlays and a four-view panel for one exam. */
@Command(name = "explain", mixinStandardHelpOptions = true, showDefaultValues = true,
        description = "Backpropagate the prediction's entropy to the four images; write <VIEW>-saliency.npy, "
                + "<VIEW>-saliency.png overlays and saliency-panel.png to OUT.")
public final class ExplainCommand extends EngineCommand {

    @Mixin
    ExamModelOptions model;

    @Option(names = "--out", required = true, paramLabel = "OUT", description = "Folder for the maps and pictures.")
    Path out;

    @Override
    int run(PrintWriter console, PrintWriter err) throws Exception {
        var result = model.explain(out, engine.device(), err::println);
        console.println(PredictionTable.format(model.exam, result));
        console.println("saliency written to " + out.toAbsolutePath());
        return 0;
    }
}

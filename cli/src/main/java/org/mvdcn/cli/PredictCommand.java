package org.mvdcn.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.mvdcn.predict.Prediction;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code mvdcn predict}: BI-RADS probabilities for one four-view exam. */
@Command(name = "predict", mixinStandardHelpOptions = true, showDefaultValues = true,
        description = "Predict P(BI-RADS 0, 1, 2) for a four-view exam folder: L-CC.png, R-CC.png, L-MLO.png, R-MLO.png, or the "
                + "DICOM files of one study.")
public final class PredictCommand implements Callable<Integer> {

    @Mixin
    ExamModelOptions model;

    @Option(names = "--explain", paramLabel = "OUT",
            description = "Also write |dH/dx| saliency maps and pictures to OUT (same pass; see the explain command).")
    Path explain;

    @Option(names = "--json", description = "Print one JSON object instead of a table.")
    boolean json;

    @Mixin
    EngineOptions engine;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        engine.apply();
        Prediction p = explain != null ? model.explain(explain) : model.predict();
        model.notes.forEach(spec.commandLine().getErr()::println);
        spec.commandLine().getOut().println(json ? toJson(model.exam, p) : PredictionTable.format(model.exam, p));
        return 0;
    }

    static String toJson(Path exam, Prediction p) throws Exception {
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode root = mapper.createObjectNode();
        root.put("exam", exam.toString());
        ObjectNode probs = root.putObject("probabilities");
        for (int k = 0; k < 3; k++) {
            probs.put(Prediction.CLASS_NAMES[k], p.probabilities()[k]);
        }
        root.put("entropy", p.entropy());
        root.put("crops", p.crops());
        root.put("seconds", p.seconds());
        return mapper.writeValueAsString(root);
    }
}

package org.mvdcn.cli;

import java.io.PrintWriter;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import org.mvdcn.predict.Prediction;
import org.mvdcn.predict.PredictionJson;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code mvdcn predict}: BI-RADS probabilities for one four-view exam. */
@Command(name = "predict", mixinStandardHelpOptions = true, showDefaultValues = true,
        description = "Predict P(BI-RADS 0, 1, 2) for a four-view exam folder: L-CC.png, R-CC.png, L-MLO.png, R-MLO.png, or the "
                + "DICOM files of one study.")
public final class PredictCommand extends EngineCommand {

    @Mixin
    ExamModelOptions model;

    @Option(names = "--explain", paramLabel = "OUT",
            description = "Also write |dH/dx| saliency maps and pictures to OUT (same pass; see the explain command).")
    Path explain;

    @Option(names = "--json", description = "Print one JSON object instead of a table.")
    boolean json;

    @Override
    int run(PrintWriter console, PrintWriter err) throws Exception {
        Prediction p = explain != null ? model.explain(explain, engine.device(), err::println)
                : model.predict(engine.device(), err::println);
        console.println(json ? toJson(model.exam, p) : PredictionTable.format(model.exam, p));
        return 0;
    }

    static String toJson(Path exam, Prediction p) {
        ObjectNode root = JsonNodeFactory.instance.objectNode().put("exam", exam.toString());
        root.setAll(PredictionJson.of(p));
        return root.toString();
    }
}

package org.mvdcn.cli;

import ai.djl.Device;
import java.io.IOException;
import java.nio.file.Path;
import java.util.function.Consumer;
import org.mvdcn.application.ExamApplication;
import org.mvdcn.data.ExamCandidates;
import org.mvdcn.dicom.ExamFolders;
import org.mvdcn.explain.SaliencyReport;
import org.mvdcn.predict.Prediction;
import org.mvdcn.predict.TrainedModel;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** What predict and explain share: which exam, which weights, how many crops; and running them. */
public final class ExamModelOptions {

    @Option(names = "--exam", required = true, paramLabel = "DIR",
            description = "Folder holding the four view PNGs (L-CC.png, R-CC.png, L-MLO.png, R-MLO.png), or the DICOM files of "
                    + "one study (views from their laterality and view attributes, any file names).")
    Path exam;

    @Option(names = "--weights", required = true, paramLabel = "FILE",
            description = "Weights: safetensors, or a torch.save state dict (zip or legacy format), with the reference's names; "
                    + "the network width comes from their shapes, the preprocessing from their metadata.")
    Path weights;

    @Mixin
    ExamCropOptions cropOptions;

    @Mixin
    PreprocessingOptions preprocessing;

    @Option(names = "--uncalibrated",
            description = "Report the network's raw probabilities, not those calibrated by the temperature the weights carry.")
    boolean uncalibrated;

    /** Predicts on {@code device}; what reading the exam set aside or chose (DICOM) goes to {@code notes}. */
    Prediction predict(Device device, Consumer<String> notes) {
        return run(null, device, notes);
    }

    /** Predicts and writes the saliency report to {@code out}, in one forward+backward per crop. */
    Prediction explain(Path out, Device device, Consumer<String> notes) {
        return run(out, device, notes);
    }

    private Prediction run(Path explainTo, Device device, Consumer<String> notes) {
        try (TrainedModel model = TrainedModel.load(weights, null, preprocessing.overrides(), !uncalibrated, device, notes)) {
            ExamCandidates candidates = ExamFolders.read(exam);
            ExamApplication application = new ExamApplication(model, cropOptions.crops, cropOptions.seed);
            ExamApplication.Result result = explainTo == null ? application.predict(candidates) : application.explain(candidates);
            result.notes().forEach(notes);
            if (explainTo != null) {
                SaliencyReport.write(result.maps(), explainTo);
            }
            return result.prediction();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot write to " + explainTo + ": " + e.getMessage(), e);
        }
    }
}

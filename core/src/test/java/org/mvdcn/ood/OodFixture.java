package org.mvdcn.ood;

import ai.djl.Device;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.mvdcn.data.ExamRecord;
import org.mvdcn.data.LoaderConfig;
import org.mvdcn.data.Manifest;
import org.mvdcn.data.Split;
import org.mvdcn.data.SplitAssignment;
import org.mvdcn.predict.DatasetPredictor;
import org.mvdcn.predict.TrainedModel;
import org.mvdcn.preprocess.PreprocessingOverrides;
import org.mvdcn.weights.ModelFile;
import org.mvdcn.weights.SafetensorsWriter;

/** A model file given an out-of-distribution check without a training run, for the tests that compare its scores across paths. */
public final class OodFixture {

    private OodFixture() {}

    /**
     * Fits the check of the model in {@code weights} on the training and validation exams of
     * {@code manifest} (its declared or assigned splits), each seen through its noise-free crop as a
     * run's end sees it, and writes it into the file's metadata.
     */
    public static void fitInto(Path weights, Path manifest) throws IOException {
        List<ExamRecord> exams = Manifest.load(manifest, false).exams();
        SplitAssignment split = SplitAssignment.assign(exams);
        LoaderConfig loading = new LoaderConfig(4, 1, 8, 1, false, 0);
        OodModel ood;
        try (TrainedModel model = TrainedModel.load(weights, null, PreprocessingOverrides.none(), false, Device.cpu(), n -> { })) {
            ood = OodModel.fit(signatures(model, split.select(exams, Split.TRAIN), loading),
                    signatures(model, split.select(exams, Split.VALIDATION), loading));
        }
        SafetensorsWriter.putMetadata(weights, ModelFile.OOD, ood.toJson());
    }

    private static List<ExamSignature> signatures(TrainedModel model, List<ExamRecord> exams, LoaderConfig loading) {
        return DatasetPredictor.predict(model.network(), model.manager(), model.pipeline(), exams, Split.VALIDATION, loading, w -> { })
                .signatures();
    }
}

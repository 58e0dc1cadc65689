package org.mvdcn.train;

import java.io.IOException;
import org.mvdcn.data.LoaderConfig;
import org.mvdcn.data.Split;
import java.util.List;
import org.mvdcn.ood.ExamSignature;
import org.mvdcn.ood.OodModel;
import org.mvdcn.predict.DatasetPredictor;
import org.mvdcn.predict.TrainedModel;
import org.mvdcn.preprocess.PreprocessingOverrides;
import org.mvdcn.weights.ModelFile;
import org.mvdcn.weights.SafetensorsWriter;

/**
 * Records where the best model's view of the training images lies, layer by layer ({@link OodModel}),
 * and the score above which an exam is out of distribution (the 99th percentile of the validation
 * exams'), in run.json (a summary) and in best.safetensors' metadata (the arrays), so predict and
 * explain can say when an exam is unlike anything the model was trained on. Every exam is seen
 * through its noise-free crop (one forward pass each, the training split can be large); a scored
 * exam averages its crop sets' statistics, which only brings it nearer the mean.
 */
public final class RunFeatureDistribution implements PostTrainingStep {

    @Override
    public RunRecord apply(Context c) throws IOException {
        RunRecord record = c.record();
        LoaderConfig loading = new LoaderConfig(4, c.threads(), 8, 1, record.options().data().skipBad(), record.seed());
        OodModel ood;
        try (TrainedModel model = TrainedModel.load(c.run().best(), record.preprocessing(), PreprocessingOverrides.none(), false,
                c.device(), c.log())) {
            // the loader's validation role: the noise-free crop
            List<ExamSignature> train = DatasetPredictor.predict(model.network(), model.manager(), model.pipeline(), c.train(), Split.VALIDATION,
                    loading, c.log()).signatures();
            List<ExamSignature> validation = DatasetPredictor.predict(model.network(), model.manager(), model.pipeline(), c.validation(),
                    Split.VALIDATION, loading, c.log()).signatures();
            ood = OodModel.fit(train, validation);
        }
        SafetensorsWriter.putMetadata(c.run().best(), ModelFile.OOD, ood.toJson());
        c.log().accept(ood.record().describe());
        return record.withOod(ood.record());
    }
}

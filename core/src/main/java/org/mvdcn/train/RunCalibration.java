package org.mvdcn.train;

import java.io.IOException;
import org.mvdcn.UsageException;
import org.mvdcn.calibration.Calibration;
import org.mvdcn.calibration.TemperatureScaling;
import org.mvdcn.data.LoaderConfig;
import org.mvdcn.data.Split;
import org.mvdcn.predict.DatasetPredictor;
import org.mvdcn.predict.TrainedModel;
import org.mvdcn.preprocess.PreprocessingOverrides;
import org.mvdcn.weights.ModelFile;
import org.mvdcn.weights.SafetensorsWriter;

/**
 * Fits the best model's temperature on the validation exams and records it in run.json and in
 * best.safetensors' metadata. Each exam is scored as evaluate scores a test exam ({@code crops}
 * random crop sets averaged), so T rescales probabilities of the kind it was fitted on.
 */
public final class RunCalibration implements PostTrainingStep {

    /** Crop sets per exam after training: evaluate's default. */
    public static final int CROPS = 10;

    private final int crops;

    public RunCalibration(int crops) {
        if (crops < 1) {
            throw new UsageException("crops must be at least 1, got " + crops);
        }
        this.crops = crops;
    }

    @Override
    public RunRecord apply(Context c) throws IOException {
        RunRecord record = c.record();
        LoaderConfig loading = new LoaderConfig(4, c.threads(), 8, crops, record.options().data().skipBad(), record.seed());
        Calibration calibration;
        try (TrainedModel model = TrainedModel.load(c.run().best(), record.preprocessing(), PreprocessingOverrides.none(), false,
                c.device(), c.log())) {
            // the loader's test role: the crop sets evaluate draws for a test exam, from the run's seed
            DatasetPredictor.Predictions p = DatasetPredictor.predict(model.network(), model.manager(), model.pipeline(),
                    c.validation(), Split.TEST, loading, c.log());
            calibration = TemperatureScaling.calibrate(p.logits(), p.labels());
        }
        SafetensorsWriter.putMetadata(c.run().best(), ModelFile.CALIBRATION, calibration.toJson());
        c.log().accept("calibrated: " + calibration.describe());
        return record.withCalibration(calibration);
    }
}

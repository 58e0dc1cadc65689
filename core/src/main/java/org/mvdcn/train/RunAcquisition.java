package org.mvdcn.train;

import java.io.IOException;
import java.nio.file.Path;
import java.util.function.Function;
import org.mvdcn.BadInputException;
import org.mvdcn.assess.TrainingAcquisition;
import org.mvdcn.exam.Acquisition;
import org.mvdcn.exam.MammogramFiles;
import org.mvdcn.weights.ModelFile;
import org.mvdcn.weights.SafetensorsWriter;

/**
 * Records the equipment and the pixel spacing of the exams the model was trained on
 * ({@link TrainingAcquisition}), from each training image's header, in run.json and in
 * best.safetensors' metadata, so that scoring can tell an exam from equipment it never saw, or at
 * another scale ({@link org.mvdcn.assess.AcquisitionChecks}). A PNG manifest's images state
 * neither: the record says so and the checks are skipped.
 */
public final class RunAcquisition implements PostTrainingStep {

    @Override
    public RunRecord apply(Context c) throws IOException {
        // a run that skipped unreadable images trained without them: they count as stating nothing
        Function<Path, Acquisition> reader = c.record().options().data().skipBad() ? RunAcquisition::unlessBad : MammogramFiles::acquisition;
        TrainingAcquisition recorded = TrainingAcquisition.of(c.train(), reader);
        SafetensorsWriter.putMetadata(c.run().best(), ModelFile.ACQUISITION, recorded.toJson());
        c.log().accept(recorded.describe());
        return c.record().withAcquisition(recorded);
    }

    private static Acquisition unlessBad(Path file) {
        try {
            return MammogramFiles.acquisition(file);
        } catch (BadInputException e) {
            return null;
        }
    }
}

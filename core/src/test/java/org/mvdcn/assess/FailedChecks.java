package org.mvdcn.assess;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import org.mvdcn.data.ExamRecord;
import org.mvdcn.data.ImageRecord;
import org.mvdcn.exam.Mammogram;
import org.mvdcn.exam.PngMammogramReader;
import org.mvdcn.exam.PngMammogramWriter;
import org.mvdcn.exam.View;

/** Exams made to fail a check before scoring, for the tests of the paths that gather the checks. */
public final class FailedChecks {

    private FailedChecks() {}

    /**
     * Cuts every PNG of {@code view} of {@code exam} to its top {@code rows} rows, in place: under
     * half the model's crop height once down-scaled, the image-size check withholds the assessment
     * whichever image is drawn, and the pipeline still scores it (the crop is padded).
     */
    public static void shorten(ExamRecord exam, View view, int rows) throws IOException {
        for (ImageRecord image : exam.images().get(view)) {
            Path file = image.path();
            Mammogram m = new PngMammogramReader().read(file);
            PngMammogramWriter.writeGray16(file, rows, m.width(), Arrays.copyOf(m.pixels(), rows * m.width()));
        }
    }
}

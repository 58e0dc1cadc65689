package org.mvdcn.dicom.results;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.AttributeTag;
import java.io.IOException;
import java.nio.file.Path;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.mvdcn.dicom.DicomInstance;
import org.mvdcn.dicom.DicomMammogramReader;
import org.mvdcn.dicom.TestDicom;
import org.mvdcn.exam.View;
import org.mvdcn.predict.Prediction;

/** The inputs the result tests share: the sample exam as DICOM files, a prediction, an algorithm. */
final class ResultsTestExam {

    static final Algorithm ALGORITHM = new Algorithm("mvdcn", "0123456789abcdef".repeat(4), "0.1.0-test");
    static final ZonedDateTime WHEN = ZonedDateTime.of(2025, 3, 1, 14, 30, 5, 0, ZoneId.of("Europe/Berlin"));

    private ResultsTestExam() {}

    /** Writes the four sample views as DICOM files and maps each view to its file as read, as the header says. */
    static Map<View, DicomInstance> write(Path folder) throws IOException {
        Map<View, DicomInstance> images = new EnumMap<>(View.class);
        for (Path file : TestDicom.sampleExam(folder, UnaryOperator.identity())) {
            DicomInstance read = DicomMammogramReader.parse(file);
            images.put(read.header().view(), read);
        }
        return images;
    }

    static Prediction prediction(double... p) {
        return new Prediction(p, Prediction.entropy(p), 4, 1.5);
    }

    static AttributeList read(Path file) throws Exception {
        AttributeList a = new AttributeList();
        a.read(file.toFile());
        return a;
    }

    static String text(AttributeList a, AttributeTag tag) {
        return Attribute.getSingleStringValueOrEmptyString(a, tag);
    }
}

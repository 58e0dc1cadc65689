package org.mvdcn.dicom.results;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mvdcn.dicom.results.ResultsTestExam.ALGORITHM;
import static org.mvdcn.dicom.results.ResultsTestExam.WHEN;

import com.pixelmed.dicom.AttributeList;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalDouble;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mvdcn.assess.ExamCheck;
import org.mvdcn.dicom.TestDicom;
import org.mvdcn.ood.OodCheck;
import org.mvdcn.predict.Prediction;

/** An exam the checks withheld: the CAD SR says so in CID 6047, with the reasons, and carries no assessment. */
class NotAssessedCadSrTest {

    @TempDir
    static Path dir;

    static final String IMPLANT = "L-CC: Breast Implant Present is YES (the model was not trained on implant views)";
    static Path file;
    static AttributeList written;

    @BeforeAll
    static void writeReport() throws Exception {
        double[] p = {0.05, 0.9, 0.05};
        Prediction notAssessed = new Prediction(p, Prediction.entropy(p), 4, 1.5, OptionalDouble.of(1.1),
                new OodCheck(3.2, 1.4, true, "R-MLO intensities"), List.of(ExamCheck.notAssessed("implant", IMPLANT)));
        file = dir.resolve("sr.dcm");
        DicomFiles.write(MammographyCadSr.build(ResultsTestExam.write(dir.resolve("exam")), notAssessed, ALGORITHM, WHEN), file);
        written = ResultsTestExam.read(file);
    }

    @Test
    void bothValidatorsFindNoErrors() throws Exception {
        assertThat(TestDicom.validationErrors(file)).as("dciodvfy errors").isEmpty();
        String report = PixelMedSrValidator.report(written);
        assertThat(report.lines().filter(l -> l.startsWith("Error"))).as(report).isEmpty();
        assertThat(report).contains("Found Root Template TID_4000");
    }

    @Test
    void saysNotAllAlgorithmsSucceededWithTheReasonsAndNoAssessment() {
        CadSrContent sr = CadSrContent.of(written);
        assertThat(sr.findingsSummary()).isEqualTo("111243");
        assertThat(sr.hasAssessment()).isFalse();
        assertThat(sr.notAssessedBecause()).hasSize(2);
        assertThat(sr.notAssessedBecause().get(0)).isEqualTo(IMPLANT);
        assertThat(sr.notAssessedBecause().get(1)).contains("out of distribution", "R-MLO intensities");
        assertThat(sr.algorithmName()).isEqualTo("mvdcn");
    }
}

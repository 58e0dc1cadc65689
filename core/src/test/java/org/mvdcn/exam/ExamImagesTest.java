package org.mvdcn.exam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mvdcn.BadInputException;
import org.mvdcn.TestData;

class ExamImagesTest {

    @TempDir
    Path dir;

    @Test
    void readsAllFourViewsOfTheSampleExam() {
        ExamImages exam = ExamImages.readPngFolder(TestData.sampleExam());
        for (View v : View.values()) {
            assertThat(exam.view(v).source().getFileName().toString()).isEqualTo(v.label() + ".png");
        }
    }

    @Test
    void namesEveryMissingView() throws Exception {
        Path exam = TestImages.copyOfExam(TestData.sampleExam(), dir.resolve("exam"));
        Files.delete(exam.resolve("R-MLO.png"));
        Files.delete(exam.resolve("L-CC.png"));
        assertThatThrownBy(() -> ExamImages.readPngFolder(exam))
                .isInstanceOf(BadInputException.class)
                .hasMessage(exam + ": missing views L-CC.png, R-MLO.png");
    }

    @Test
    void refusesAMissingFolder() {
        Path missing = dir.resolve("nope");
        assertThatThrownBy(() -> ExamImages.readPngFolder(missing))
                .isInstanceOf(BadInputException.class)
                .hasMessage(missing + ": exam folder not found");
    }
}

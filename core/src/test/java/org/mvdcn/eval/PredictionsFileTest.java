package org.mvdcn.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mvdcn.BadInputException;
import org.mvdcn.MissingFileException;
import org.mvdcn.data.ExamRecord;
import org.mvdcn.predict.Assessment;

class PredictionsFileTest {

    @TempDir
    Path dir;

    @Test
    void readsBackWhatItWrote() throws Exception {
        List<ExamRecord> exams = List.of(exam("p1", "e1"), exam("p2", "e2"));
        double[][] p = {{0.7, 0.2, 0.1}, {1 / 3.0, 0.5, 1 / 6.0}};
        Path file = dir.resolve("predictions.csv");
        PredictionsFile.write(file, exams, p, new int[] {0, 2}, List.of(new Assessment(1.5, true, List.of()),
                new Assessment(null, false, List.of("implant", "equipment"))));
        assertThat(Files.readAllLines(file)).startsWith("exam_id,patient_id,p_birads0,p_birads1,p_birads2,entropy,label,ood_score,assessed,"
                + "checks").anyMatch(l -> l.startsWith("e1,") && l.endsWith(",1.5,true,"))
                .anyMatch(l -> l.startsWith("e2,") && l.endsWith(",,false,implant;equipment"));
        PredictionsFile.ScoredExams read = PredictionsFile.read(file);
        assertThat(read.examIds()).containsExactly("e1", "e2");
        assertThat(read.probabilities()).isDeepEqualTo(p);
        assertThat(read.labels()).containsExactly(0, 2);
        assertThat(read.exams()).isEqualTo(2);
    }

    @Test
    void readsFilesWrittenBeforeTheChecksColumns() throws Exception {
        Path old = dir.resolve("old.csv");
        Files.writeString(old, "exam_id,patient_id,p_birads0,p_birads1,p_birads2,entropy,label\ne1,p1,0.5,0.3,0.2,0.9,1\n");
        PredictionsFile.ScoredExams read = PredictionsFile.read(old);
        assertThat(read.examIds()).containsExactly("e1");
        assertThat(read.probabilities()[0]).containsExactly(0.5, 0.3, 0.2);
        assertThat(read.labels()).containsExactly(1);
    }

    @Test
    void namesTheFileWhenItIsMissingOrUnreadable() throws Exception {
        assertThatThrownBy(() -> PredictionsFile.read(dir.resolve("none.csv"))).isInstanceOf(MissingFileException.class)
                .hasMessageContaining("none.csv: predictions not found");
        Path bad = dir.resolve("bad.csv");
        Files.writeString(bad, "exam_id,patient_id,p_birads0,p_birads1,p_birads2,entropy,label\ne1,p1,0.5,x,0.2,0.9,1\n");
        assertThatThrownBy(() -> PredictionsFile.read(bad)).isInstanceOf(BadInputException.class)
                .hasMessageContaining("bad.csv: unreadable predictions");
    }

    private static ExamRecord exam(String patient, String id) {
        return new ExamRecord(patient, id, LocalDate.of(2020, 1, 1), 0, null, Map.of());
    }
}

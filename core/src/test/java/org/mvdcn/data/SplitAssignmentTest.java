package org.mvdcn.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mvdcn.exam.View;

class SplitAssignmentTest {

    @TempDir
    Path dir;

    private static ExamRecord exam(String patient, String id, String date, Split declared) {
        return new ExamRecord(patient, id, LocalDate.parse(date), 1, declared,
                Map.of(View.L_CC, List.of(), View.R_CC, List.of(), View.L_MLO, List.of(), View.R_MLO, List.of()));
    }

    @Test
    void patientsSortedByTheirLastVisitGo80To10To10() {
        List<ExamRecord> exams = new ArrayList<>();
        // patient pK's last visit is in month K; p0 also has an early visit that must not move it
        for (int k = 9; k >= 0; k--) {
            exams.add(exam("p" + k, "e" + k, String.format("2017-%02d-15", k + 1), null));
        }
        exams.add(exam("p9", "e9-early", "2015-01-01", null));
        SplitAssignment s = SplitAssignment.assign(exams);
        for (int k = 0; k < 8; k++) {
            assertThat(s.splits().get("e" + k)).as("p" + k).isEqualTo(Split.TRAIN);
        }
        assertThat(s.splits().get("e8")).isEqualTo(Split.VALIDATION);
        assertThat(s.splits().get("e9")).isEqualTo(Split.TEST);
        assertThat(s.splits().get("e9-early")).isEqualTo(Split.TEST);
        assertThat(s.scored()).containsExactly("e9");
        assertThat(s.select(exams, Split.TEST)).extracting(ExamRecord::examId).containsExactly("e9");
    }

    @Test
    void tiesOnTheLastVisitAreBrokenByPatientIdAndSameDayVisitsByExamId() {
        List<ExamRecord> exams = new ArrayList<>();
        for (int k = 0; k < 10; k++) {
            exams.add(exam("p" + k, "a" + k, "2017-06-01", null)); // all on one day: order p0..p9
        }
        exams.add(exam("p9", "b9", "2017-06-01", null)); // same day as a9: the larger exam id is "last"
        SplitAssignment s = SplitAssignment.assign(exams);
        assertThat(s.splits().get("a7")).isEqualTo(Split.TRAIN);
        assertThat(s.splits().get("a8")).isEqualTo(Split.VALIDATION);
        assertThat(s.scored()).containsExactly("b9");
        List<ExamRecord> reversed = new ArrayList<>(exams);
        java.util.Collections.reverse(reversed);
        assertThat(SplitAssignment.assign(reversed).splits()).containsExactlyInAnyOrderEntriesOf(s.splits());
        assertThat(SplitAssignment.assign(reversed).scored()).isEqualTo(s.scored());
    }

    @Test
    void aDeclaredSplitWinsAndTheSplitFileReadsBack() throws Exception {
        List<ExamRecord> exams = new ArrayList<>();
        for (int k = 0; k < 10; k++) {
            exams.add(exam("p" + k, "e" + k, String.format("2017-%02d-15", k + 1), k == 0 ? Split.TEST : null));
        }
        SplitAssignment s = SplitAssignment.assign(exams);
        assertThat(s.splits().get("e0")).isEqualTo(Split.TEST);
        assertThat(s.scored()).containsExactlyInAnyOrder("e0", "e9");
        Path file = dir.resolve("split.csv");
        s.write(file);
        assertThat(SplitAssignment.read(file)).isEqualTo(s);
    }

    @Test
    void patientsWhoseEveryExamDeclaresASplitTakeNoPlaceInTheRanking() {
        List<ExamRecord> exams = new ArrayList<>();
        for (int k = 0; k < 10; k++) {
            exams.add(exam("p" + k, "e" + k, String.format("2017-%02d-15", k + 1), null));
        }
        SplitAssignment alone = SplitAssignment.assign(exams);
        // five declared test patients, their last exams among the others' dates
        for (int k = 0; k < 5; k++) {
            exams.add(exam("t" + k, "t" + k + "-1", "2016-01-01", Split.TEST));
            exams.add(exam("t" + k, "t" + k + "-2", "2017-05-01", Split.TEST));
        }
        SplitAssignment s = SplitAssignment.assign(exams);
        for (int k = 0; k < 10; k++) {
            assertThat(s.splits().get("e" + k)).as("p" + k).isEqualTo(alone.splits().get("e" + k));
        }
        assertThat(s.scored()).containsExactlyInAnyOrder("e9", "t0-2", "t1-2", "t2-2", "t3-2", "t4-2");
        // a patient with one exam left to the computed split is ranked: last of 11, so test, and p9 moves to validation
        exams.add(exam("h", "h-1", "2017-12-01", Split.TRAIN));
        exams.add(exam("h", "h-2", "2017-12-02", null));
        SplitAssignment withH = SplitAssignment.assign(exams);
        assertThat(withH.splits()).containsEntry("h-1", Split.TRAIN).containsEntry("h-2", Split.TEST)
                .containsEntry("e9", Split.VALIDATION);
    }
}

package org.mvdcn.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mvdcn.BadInputException;
import org.mvdcn.exam.View;

class ManifestTest {

    @TempDir
    Path dir;

    static final String HEADER = String.join(",", Manifest.COLUMNS);

    /** Four rows (one per view) of an exam, creating the (empty) image files. */
    static List<String> exam(Path dir, String patient, String exam, String date, String label, String split) throws Exception {
        List<String> rows = new ArrayList<>();
        for (View v : View.values()) {
            String path = patient + "/" + exam + "/" + v.label() + ".png";
            Files.createDirectories(dir.resolve(path).getParent());
            Files.write(dir.resolve(path), new byte[0]);
            rows.add(String.join(",", patient, exam, date, v.label(), path, "", label, split));
        }
        return rows;
    }

    private Path manifest(List<String> rows) throws Exception {
        List<String> lines = new ArrayList<>();
        lines.add(HEADER);
        lines.addAll(rows);
        return Files.write(dir.resolve("manifest.csv"), lines);
    }

    @Test
    void groupsRowsIntoExamsWithSeveralImagesPerView() throws Exception {
        List<String> rows = new ArrayList<>(exam(dir, "p1", "e1", "2016-01-04", "1", ""));
        Files.write(dir.resolve("p1/e1/L-CC-2.png"), new byte[0]);
        rows.add("p1,e1,2016-01-04,L-CC,p1/e1/L-CC-2.png,2016-01-04T10:00:00Z,1,");
        rows.addAll(exam(dir, "p2", "e2", "2016-02-01", "", ""));
        Manifest m = Manifest.load(manifest(rows), false);
        assertThat(m.exams()).hasSize(2);
        ExamRecord e1 = m.exams().get(0);
        assertThat(e1.images().get(View.L_CC)).hasSize(2);
        assertThat(e1.images().get(View.L_CC).get(1).acquiredAt()).isEqualTo(LocalDateTime.of(2016, 1, 4, 10, 0));
        assertThat(e1.label()).isEqualTo(1);
        assertThat(m.exams().get(1).label()).isNull();
        assertThat(m.summary()).contains("kept 2 patients, 2 exams, 9 images; labels BI-RADS 0/1/2 = 0/1/0, unlabelled 1; excluded 0 exams");
    }

    @Test
    void reportsEveryProblemWithItsRowNumber() throws Exception {
        List<String> rows = new ArrayList<>(exam(dir, "p1", "e1", "2016-01-04", "1", "")); // rows 2-5
        rows.add("p1,e9,2016-13-01,L-CC,p1/e1/L-CC.png,,1,");     // row 6: bad date
        rows.add("p1,e9,2016-01-01,LEFT-CC,p1/e1/L-CC.png,,1,");  // row 7: unknown view
        rows.add("p1,e9,2016-01-01,R-CC,p1/missing.png,,1,");     // row 8: missing file
        rows.add("p1,e9,2016-01-01,L-MLO,p1/e1/L-MLO.png,,3,");   // row 9: label 3
        rows.add("p2,e1,2016-01-04,L-CC,p1/e1/L-CC.png,,1,");     // row 10: exam e1 with another patient
        rows.add("p1,e9,2016-01-01,R-MLO,p1/e1/R-MLO.png,yesterday,1,"); // row 11: bad timestamp
        Path file = manifest(rows);
        assertThatThrownBy(() -> Manifest.load(file, false))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining("6 problems in the manifest")
                .hasMessageContaining("row 6: bad exam_date '2016-13-01'")
                .hasMessageContaining("row 7: unknown view 'LEFT-CC'")
                .hasMessageContaining("row 8: image not found: p1/missing.png")
                .hasMessageContaining("row 9: label '3' is not a BI-RADS 0, 1 or 2")
                .hasMessageContaining("row 10: exam e1 has patient_id p2 but row 2 says p1")
                .hasMessageContaining("row 11: bad acquired_at 'yesterday'");
    }

    @Test
    void examsMissingAViewAreListedOrRefusedWhenStrict() throws Exception {
        List<String> rows = new ArrayList<>(exam(dir, "p1", "e1", "2016-01-04", "2", ""));
        List<String> partial = exam(dir, "p2", "e2", "2016-03-04", "0", "");
        rows.addAll(partial.subList(0, 3)); // rows 6-8, no R-MLO
        Path file = manifest(rows);
        Manifest m = Manifest.load(file, false);
        assertThat(m.exams()).extracting(ExamRecord::examId).containsExactly("e1");
        assertThat(m.excluded()).containsExactly("exam e2 (patient p2, rows 6-8) lacks R-MLO");
        assertThat(m.summary()).contains("excluded 1 exams:\n  exam e2 (patient p2, rows 6-8) lacks R-MLO");
        assertThatThrownBy(() -> Manifest.load(file, true))
                .hasMessageContaining("1 problem in the manifest:\n  exam e2 (patient p2, rows 6-8) lacks R-MLO");
    }

    @Test
    void refusesAManifestWithoutTheRequiredColumns() throws Exception {
        Path file = Files.writeString(dir.resolve("m.csv"), "patient,exam,date\np1,e1,2016-01-01\n");
        assertThatThrownBy(() -> Manifest.load(file, false))
                .hasMessageStartingWith(file + ": manifest lacks column(s) patient_id, exam_id, exam_date, view, image_path");
    }

    @Test
    void writtenManifestsLoadBack() throws Exception {
        exam(dir, "p1", "e1", "2016-01-04", "0", "");
        List<ManifestRow> rows = new ArrayList<>();
        for (View v : View.values()) {
            rows.add(new ManifestRow("p1", "e1", LocalDate.of(2016, 1, 4), v, "p1/e1/" + v.label() + ".png",
                    LocalDateTime.of(2016, 1, 4, 9, v.ordinal()), 0, Split.TEST));
        }
        Path file = dir.resolve("written.csv");
        Manifest.write(file, rows);
        Manifest m = Manifest.load(file, true);
        assertThat(m.exams()).singleElement().satisfies(e -> {
            assertThat(e.declaredSplit()).isEqualTo(Split.TEST);
            assertThat(e.label()).isZero();
            assertThat(e.images().get(View.R_MLO).get(0).acquiredAt()).isEqualTo(LocalDateTime.of(2016, 1, 4, 9, 3));
        });
    }

    @Test
    void breastLabelsLoadPerBreastAndWriteOnlyWhereGiven() throws Exception {
        exam(dir, "p1", "e1", "2016-01-04", "0", "");
        List<ManifestRow> rows = new ArrayList<>();
        for (View v : View.values()) {
            rows.add(new ManifestRow("p1", "e1", LocalDate.of(2016, 1, 4), v, "p1/e1/" + v.label() + ".png", null, 0, null,
                    v.laterality() == View.Laterality.RIGHT ? 0 : 1));
        }
        Path file = dir.resolve("written.csv");
        Manifest.write(file, rows);
        assertThat(Files.readAllLines(file).get(0)).isEqualTo(HEADER + "," + Manifest.BREAST_LABEL);
        ExamRecord e = Manifest.load(file, true).exams().get(0);
        assertThat(e.hasBreastLabels()).isTrue();
        assertThat(e.breastLabels()).containsEntry(View.Laterality.LEFT, 1).containsEntry(View.Laterality.RIGHT, 0);

        Manifest.write(file, rows.stream().map(r -> new ManifestRow(r.patientId(), r.examId(), r.examDate(), r.view(), r.imagePath(),
                r.acquiredAt(), r.label(), r.split())).toList());
        assertThat(Files.readAllLines(file).get(0)).isEqualTo(HEADER);
        assertThat(Manifest.load(file, true).exams().get(0).breastLabels()).isEmpty();
    }

    @Test
    void breastLabelsThatDisagreeWithinABreastOrWithTheExamLabelAreNamed() throws Exception {
        List<String> rows = new ArrayList<>();
        // e1: the left breast's two rows disagree; e2: breasts 1 and 2 make an exam 2, but its label says 0
        for (String[] exam : new String[][] {{"e1", "1", "1,2,1,1"}, {"e2", "0", "1,2,1,2"}}) {
            List<String> plain = exam(dir, "p1", exam[0], "2016-01-04", exam[1], "");
            String[] breast = exam[2].split(",");
            for (int i = 0; i < plain.size(); i++) {
                rows.add(plain.get(i) + "," + breast[i]);
            }
        }
        Path file = dir.resolve("manifest.csv");
        List<String> lines = new ArrayList<>(List.of(HEADER + "," + Manifest.BREAST_LABEL));
        lines.addAll(rows);
        Files.write(file, lines);
        // View order L-CC, R-CC, L-MLO, R-MLO: rows 2-5 are e1, rows 6-9 e2
        assertThatThrownBy(() -> Manifest.load(file, false)).isInstanceOf(BadInputException.class)
                .hasMessageContaining("row 5: exam e1 has breast_label (right breast) 1 but row 3 says 2")
                .hasMessageContaining("rows 6-9: exam e2 has label 0 but its breasts' labels (left 1, right 2) make BI-RADS 2");
    }
}

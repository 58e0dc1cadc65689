package org.mvdcn.datasets;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * INbreast: {@code INbreast.csv} (semicolon-separated, one row per image: {@code Laterality},
 * {@code View}, {@code Acquisition date} YYYYMM, {@code File Name}, {@code Bi-Rads} 1-6 with 4a/4b/4c),
 * images at {@code AllDICOMs/<File Name>_<patient hash>_MG_<L|R>_<CC|ML>_ANON.dcm}. The CSV's
 * patient id is "removed": the patient is the hash in the DICOM file name, the exam that patient's
 * images of one acquisition month.
 */
final class InbreastDataset implements PublicDataset {

    @Override
    public String name() {
        return "inbreast";
    }

    @Override
    public void read(Path root, ManifestDraft draft) {
        MetadataTable table = MetadataTable.read(MetadataTable.locate(root, "INbreast.csv"), ';',
                List.of("Laterality", "View", "Acquisition date", "File Name", "Bi-Rads"));
        draft.mapping("Bi-Rads per image 1-6 (4a/4b/4c = 4; INbreast has no category 0); " + ExamLabel.RULE);
        draft.mapping("patient = the hash in the DICOM file name; exam = patient and acquisition month (exam_date its first day)");
        Map<String, Path> files = dicomFiles(root.resolve("AllDICOMs"));
        ExamAssembler exams = new ExamAssembler(draft);
        for (int i = 0; i < table.rows().size(); i++) {
            Map<String, String> r = table.rows().get(i);
            String name = MetadataTable.value(r, "File Name");
            Path file = files.get(name);
            if (file == null) {
                draft.drop("no AllDICOMs file for File Name");
                continue;
            }
            var view = exams.view(MetadataTable.value(r, "Laterality"), MetadataTable.value(r, "View"));
            if (view == null) {
                continue;
            }
            String patient = file.getFileName().toString().split("_")[1];
            String month = MetadataTable.value(r, "Acquisition date");
            LocalDate date = LocalDate.of(Integer.parseInt(month.substring(0, 4)), Integer.parseInt(month.substring(4, 6)), 1);
            String exam = patient + "-" + month;
            exams.assess(exam, table, i, "Bi-Rads");
            exams.image(new ExamAssembler.Image(patient, exam, date, view, file, null));
        }
        exams.finish();
    }

    /** AllDICOMs files by their leading File Name number. */
    private static Map<String, Path> dicomFiles(Path folder) {
        Map<String, Path> byName = new HashMap<>();
        if (!Files.isDirectory(folder)) {
            return byName;
        }
        try (Stream<Path> list = Files.list(folder)) {
            list.filter(p -> p.getFileName().toString().endsWith(".dcm"))
                    .forEach(p -> byName.put(p.getFileName().toString().split("_")[0], p));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return byName;
    }
}

package org.mvdcn.datasets;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.mvdcn.BadInputException;

/**
 * EMBED (Emory Breast Imaging Dataset): {@code EMBED_OpenData_clinical.csv} (one row per finding
 * or side: {@code acc_anon}, {@code asses}, {@code desc}) and {@code EMBED_OpenData_metadata.csv}
 * (one row per image: {@code empi_anon}, {@code acc_anon}, {@code anon_dicom_path},
 * {@code ImageLateralityFinal}, {@code ViewPosition}, {@code FinalImageType}, {@code study_date_anon}).
 */
final class EmbedDataset implements PublicDataset {

    /** EMBED's {@code asses} letters as BI-RADS categories. */
    static final Map<String, Integer> ASSES = Map.of("A", 0, "N", 1, "B", 2, "P", 3, "S", 4, "M", 5, "K", 6);

    @Override
    public String name() {
        return "embed";
    }

    @Override
    public void read(Path root, ManifestDraft draft) {
        MetadataTable clinical = MetadataTable.read(MetadataTable.locate(root, "tables/EMBED_OpenData_clinical.csv",
                "EMBED_OpenData_clinical.csv", "tables/EMBED_OpenData_clinical_reduced.csv", "EMBED_OpenData_clinical_reduced.csv"),
                ',', List.of("acc_anon", "asses"));
        MetadataTable metadata = MetadataTable.read(MetadataTable.locate(root, "tables/EMBED_OpenData_metadata.csv",
                "EMBED_OpenData_metadata.csv", "tables/EMBED_OpenData_metadata_reduced.csv", "EMBED_OpenData_metadata_reduced.csv"),
                ',', List.of("empi_anon", "acc_anon", "anon_dicom_path", "ImageLateralityFinal", "ViewPosition", "study_date_anon"));
        draft.mapping("asses A (additional evaluation) = BI-RADS 0, N (negative) = 1, B (benign) = 2; P, S, M, K = 3, 4, 5, 6");
        draft.mapping(ExamLabel.RULE);
        draft.mapping("only screening exams (clinical desc mentions 'screen') and 2D images (FinalImageType 2D, not C-view)");
        ExamAssembler exams = new ExamAssembler(draft);
        Set<String> screening = new HashSet<>();
        Set<String> known = new HashSet<>();
        for (int i = 0; i < clinical.rows().size(); i++) {
            Map<String, String> r = clinical.rows().get(i);
            String exam = MetadataTable.value(r, "acc_anon");
            if (!r.containsKey("desc") || MetadataTable.value(r, "desc").toLowerCase(Locale.ROOT).contains("screen")) {
                screening.add(exam);
            }
            String asses = MetadataTable.value(r, "asses").toUpperCase(Locale.ROOT);
            if (asses.isEmpty()) {
                exams.unassessed(exam);
            } else if (ASSES.containsKey(asses)) {
                exams.assessment(exam, ASSES.get(asses));
            } else {
                throw new BadInputException(clinical.file(), "row " + (i + 2) + ": unknown asses '" + asses + "' (expected one of "
                        + String.join(", ", new java.util.TreeSet<>(ASSES.keySet())) + ")");
            }
            known.add(exam);
        }
        for (Map<String, String> r : metadata.rows()) {
            String exam = MetadataTable.value(r, "acc_anon");
            if (!screening.contains(exam)) {
                draft.drop(known.contains(exam) ? "not a screening exam" : "exam not in the clinical table");
                continue;
            }
            String type = MetadataTable.value(r, "FinalImageType");
            if (!type.isEmpty() && !type.equalsIgnoreCase("2D")) {
                draft.drop("FinalImageType " + type + " (synthetic 2D from tomosynthesis)");
                continue;
            }
            var view = exams.view(MetadataTable.value(r, "ImageLateralityFinal"), MetadataTable.value(r, "ViewPosition"));
            if (view == null) {
                continue;
            }
            String date = MetadataTable.value(r, "study_date_anon");
            exams.image(new ExamAssembler.Image(MetadataTable.value(r, "empi_anon"), exam,
                    LocalDate.parse(date.substring(0, Math.min(10, date.length()))), view,
                    image(root, MetadataTable.value(r, "anon_dicom_path")), null));
        }
        exams.finish();
    }

    /**
     * {@code anon_dicom_path} holds the path on Emory's servers; the release keeps the part from
     * {@code cohort_N/} on, under the root or its {@code images/} folder.
     */
    static Path image(Path root, String published) {
        Path p = Path.of(published);
        if (!p.isAbsolute()) {
            return root.resolve(p);
        }
        if (Files.isRegularFile(p)) {
            return p;
        }
        for (int i = 0; i < p.getNameCount(); i++) {
            if (p.getName(i).toString().startsWith("cohort_")) {
                Path tail = p.subpath(i, p.getNameCount());
                return Files.isRegularFile(root.resolve(tail)) ? root.resolve(tail) : root.resolve("images").resolve(tail);
            }
        }
        return root.resolve(p.getFileName());
    }
}

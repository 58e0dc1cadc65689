package org.mvdcn.dicom;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.mvdcn.BadInputException;
import org.mvdcn.data.ManifestRow;
import org.mvdcn.datasets.ManifestDraft;
import org.mvdcn.datasets.MetadataTable;

/**
 * A manifest from a tree of DICOM files: one row per usable mammogram (patient, study, date, view
 * and acquisition time from its attributes), labels joined from a CSV by StudyInstanceUID
 * ({@code study_uid}) or AccessionNumber ({@code accession}) with a {@code label} column of 0, 1
 * or 2. Unusable files are counted by reason; studies without a label stay unlabelled.
 */
public final class DicomTreeManifest {

    private DicomTreeManifest() {}

    public static void read(Path root, Path labelsCsv, ManifestDraft draft) {
        Labels labels = Labels.read(labelsCsv);
        draft.mapping("labels joined by " + labels.key() + " from " + labelsCsv + " (label 0, 1 or 2 per study)");
        int unlabelled = 0;
        for (Path file : DicomExamFolder.dicomFiles(root)) {
            DicomHeader h;
            try {
                h = DicomMammogramReader.header(file);
            } catch (BadInputException e) {
                draft.drop(reason(e.problem()));
                continue;
            }
            if (h.studyDate() == null) {
                draft.drop("no StudyDate");
                continue;
            }
            Integer label = labels.byKey().get(labels.key().equals("study_uid") ? h.studyUid() : h.accession());
            unlabelled += label == null ? 1 : 0;
            draft.add(new ManifestRow(h.patientId().isEmpty() ? h.studyUid() : h.patientId(), h.studyUid(), h.studyDate(),
                    h.view(), draft.relative(file), h.acquiredAt(), label, null));
        }
        if (unlabelled > 0) {
            draft.mapping(unlabelled + " images of studies without a label are kept unlabelled");
        }
    }

    /** A refusal without its details in parentheses (a decoder's own words), so that files count by reason. */
    private static String reason(String problem) {
        int detail = problem.indexOf(" (");
        return detail > 0 ? problem.substring(0, detail) : problem;
    }

    /** The labels file: its join key and label per key. */
    record Labels(String key, Map<String, Integer> byKey) {

        static Labels read(Path file) {
            MetadataTable t = MetadataTable.read(file, ',', List.of("label"));
            String key = t.rows().isEmpty() || t.rows().get(0).containsKey("study_uid") ? "study_uid" : "accession";
            if (!t.rows().isEmpty() && !t.rows().get(0).containsKey(key)) {
                throw new BadInputException(file, "needs a study_uid or accession column beside label");
            }
            Map<String, Integer> byKey = new HashMap<>();
            for (int i = 0; i < t.rows().size(); i++) {
                int label = t.birads(i, "label");
                if (label > 2) {
                    throw new BadInputException(file, "row " + (i + 2) + ": label " + label + " is not a screening BI-RADS 0, 1 or 2");
                }
                byKey.put(t.rows().get(i).get(key).trim(), label);
            }
            return new Labels(key, byKey);
        }
    }
}

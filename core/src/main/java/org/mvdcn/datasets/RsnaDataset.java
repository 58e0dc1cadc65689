package org.mvdcn.datasets;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * RSNA Screening Mammography Breast Cancer Detection: {@code train.csv} (one row per image:
 * {@code patient_id}, {@code image_id}, {@code laterality}, {@code view}, {@code BIRADS} per
 * breast), images at {@code train_images/<patient_id>/<image_id>.dcm}. One exam per patient; no dates.
 */
final class RsnaDataset implements PublicDataset {

    /** RSNA gives no dates: every exam gets this one, so the split orders patients by id. */
    static final LocalDate NO_DATE = LocalDate.of(2000, 1, 1);

    @Override
    public String name() {
        return "rsna";
    }

    @Override
    public void read(Path root, ManifestDraft draft) {
        MetadataTable table = MetadataTable.read(MetadataTable.locate(root, "train.csv"), ',',
                List.of("patient_id", "image_id", "laterality", "view", "BIRADS"));
        draft.mapping("BIRADS per breast: 0, 1, 2 as they are; " + ExamLabel.RULE);
        draft.mapping("an exam with a breast without BIRADS stays unlabelled; no dates: exam_date " + NO_DATE + " for all");
        ExamAssembler exams = new ExamAssembler(draft);
        for (int i = 0; i < table.rows().size(); i++) {
            Map<String, String> r = table.rows().get(i);
            String patient = MetadataTable.value(r, "patient_id");
            var view = exams.view(MetadataTable.value(r, "laterality"), MetadataTable.value(r, "view"));
            if (view == null) {
                continue;
            }
            exams.assess(patient, table, i, "BIRADS");
            exams.image(new ExamAssembler.Image(patient, patient, NO_DATE, view,
                    root.resolve("train_images").resolve(patient).resolve(MetadataTable.value(r, "image_id") + ".dcm"), null));
        }
        exams.finish();
    }
}

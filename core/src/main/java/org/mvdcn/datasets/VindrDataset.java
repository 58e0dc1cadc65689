package org.mvdcn.datasets;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.mvdcn.data.Split;

/**
 * VinDr-Mammo: {@code breast-level_annotations.csv} (one row per image: {@code study_id},
 * {@code image_id}, {@code laterality}, {@code view_position}, {@code breast_birads} "BI-RADS 1"
 * to "BI-RADS 5", {@code split} training/test), images at {@code images/<study_id>/<image_id>.dicom}.
 * A study is an exam and, with no patient id published, a patient.
 */
final class VindrDataset implements PublicDataset {

    @Override
    public String name() {
        return "vindr";
    }

    @Override
    public void read(Path root, ManifestDraft draft) {
        MetadataTable table = MetadataTable.read(MetadataTable.locate(root, "breast-level_annotations.csv"), ',',
                List.of("study_id", "image_id", "laterality", "view_position", "breast_birads", "split"));
        draft.mapping("breast_birads 'BI-RADS k' = k per breast (VinDr has no category 0); " + ExamLabel.RULE);
        draft.mapping("split: the published test set is test; of the training studies every tenth (by id) is validation; "
                + "no dates: exam_date " + RsnaDataset.NO_DATE);
        List<String> training = table.rows().stream().filter(r -> MetadataTable.value(r, "split").equals("training"))
                .map(r -> MetadataTable.value(r, "study_id")).distinct().sorted().toList();
        ExamAssembler exams = new ExamAssembler(draft);
        for (int i = 0; i < table.rows().size(); i++) {
            Map<String, String> r = table.rows().get(i);
            String study = MetadataTable.value(r, "study_id");
            var view = exams.view(MetadataTable.value(r, "laterality"), MetadataTable.value(r, "view_position"));
            if (view == null) {
                continue;
            }
            exams.assess(study, table, i, "breast_birads");
            Split split = MetadataTable.value(r, "split").equals("test") ? Split.TEST : ExamAssembler.officialTraining(study, training);
            exams.image(new ExamAssembler.Image(study, study, RsnaDataset.NO_DATE, view,
                    root.resolve("images").resolve(study).resolve(MetadataTable.value(r, "image_id") + ".dicom"), split));
        }
        exams.finish();
    }
}

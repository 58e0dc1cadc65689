package org.mvdcn.datasets;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.mvdcn.data.Split;

/**
 * CBIS-DDSM: the four case description CSVs ({@code mass|calc_case_description_train|test_set.csv},
 * one row per abnormality: {@code patient_id}, {@code left or right breast}, {@code image view},
 * {@code assessment}, {@code image file path}). Every case has an abnormality, so there is no
 * BI-RADS 1, and most patients have only one breast imaged: those exams lack views and are
 * excluded by the manifest check, which the summary shows.
 */
final class CbisDdsmDataset implements PublicDataset {

    static final List<String> FILES = List.of("mass_case_description_train_set.csv", "calc_case_description_train_set.csv",
            "mass_case_description_test_set.csv", "calc_case_description_test_set.csv");

    @Override
    public String name() {
        return "cbis-ddsm";
    }

    @Override
    public void read(Path root, ManifestDraft draft) {
        List<MetadataTable> tables = new ArrayList<>();
        for (String f : FILES) {
            if (Files.isRegularFile(root.resolve(f))) {
                tables.add(MetadataTable.read(root.resolve(f), ',',
                        List.of("patient_id", "left or right breast", "image view", "assessment", "image file path")));
            }
        }
        if (tables.isEmpty()) {
            MetadataTable.locate(root, FILES.toArray(String[]::new));
        }
        draft.mapping("assessment per abnormality (BI-RADS 0-5); " + ExamLabel.RULE);
        draft.mapping("split: the *_test_set files are test; of the training patients every tenth (by id) is validation; "
                + "no dates: exam_date " + RsnaDataset.NO_DATE);
        List<String> training = tables.stream().filter(t -> t.file().getFileName().toString().contains("_train_"))
                .flatMap(t -> t.rows().stream()).map(r -> MetadataTable.value(r, "patient_id")).distinct().sorted().toList();
        ExamAssembler exams = new ExamAssembler(draft);
        for (MetadataTable t : tables) {
            boolean test = t.file().getFileName().toString().contains("_test_");
            for (int i = 0; i < t.rows().size(); i++) {
                Map<String, String> r = t.rows().get(i);
                String patient = MetadataTable.value(r, "patient_id");
                var view = exams.view(MetadataTable.value(r, "left or right breast"), MetadataTable.value(r, "image view"));
                if (view == null) {
                    continue;
                }
                exams.assess(patient, t, i, "assessment");
                exams.image(new ExamAssembler.Image(patient, patient, RsnaDataset.NO_DATE, view,
                        image(root, MetadataTable.value(r, "image file path")),
                        test ? Split.TEST : ExamAssembler.officialTraining(patient, training)));
            }
        }
        exams.finish();
    }

    /**
     * The CSV's path as published, or, since TCIA's download renames the inner folders, the one
     * DICOM file under the path's first folder ({@code Mass-Training_P_00001_LEFT_CC/...}).
     */
    static Path image(Path root, String published) {
        Path listed = root.resolve(published.replace('\\', '/').trim());
        if (Files.isRegularFile(listed)) {
            return listed;
        }
        Path first = root.resolve(Path.of(published.trim()).getName(0));
        if (!Files.isDirectory(first)) {
            return listed;
        }
        try (Stream<Path> walk = Files.walk(first)) {
            List<Path> dicoms = walk.filter(p -> p.toString().endsWith(".dcm")).sorted().toList();
            return dicoms.size() == 1 ? dicoms.get(0) : listed;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package org.mvdcn.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.mvdcn.BadInputException;
import org.mvdcn.exam.View;
import org.mvdcn.preprocess.CropWindow;
import org.mvdcn.preprocess.ExamPipeline;
import org.mvdcn.preprocess.PreparedExam;
import org.mvdcn.preprocess.Preprocessing;
import org.mvdcn.synth.CohortGenerator;

class ExamLoaderTest {

    @TempDir
    static Path dir;

    static List<ExamRecord> exams;

    /** A cohort at scale 0.1 (about 260 x 200): crops of 240 x 180 leave room for the random shift. */
    @BeforeAll
    static void cohort() throws Exception {
        CohortGenerator.Cohort cohort = CohortGenerator.generate(dir, new CohortGenerator.Options(6, 0.1, 5, 0.1, 0.5), (d, total) -> { });
        exams = Manifest.load(cohort.manifest(), true).exams();
    }

    private static LoaderConfig config(int threads, boolean skipBad) {
        return new LoaderConfig(4, threads, 3, 3, skipBad, 77);
    }

    private static final ExamPipeline PIPELINE = new ExamPipeline(Preprocessing.of(1, 240, 180));

    private static ExamLoader loader(Split role, LoaderConfig config, int epoch, java.util.function.Consumer<String> warnings) {
        return new ExamLoader(exams, role, PIPELINE, config, epoch, warnings);
    }

    private static List<String> drain(ExamLoader loader, List<ExamBatch> batches) {
        List<String> ids = new ArrayList<>();
        for (ExamBatch b = loader.next(); b != null; b = loader.next()) {
            batches.add(b);
            b.records().forEach(e -> ids.add(e.examId()));
        }
        return ids;
    }

    @Test
    void trainingDeliversEveryExamOnceInASeededOrderThatChangesPerEpoch() {
        List<ExamBatch> batches = new ArrayList<>();
        List<String> epoch0;
        try (ExamLoader loader = loader(Split.TRAIN, config(2, false), 0, w -> { })) {
            epoch0 = drain(loader, batches);
        }
        assertThat(epoch0).containsExactlyInAnyOrderElementsOf(exams.stream().map(ExamRecord::examId).toList());
        assertThat(batches.subList(0, batches.size() - 1)).allSatisfy(b -> assertThat(b.size()).isEqualTo(4));
        try (ExamLoader again = loader(Split.TRAIN, config(1, false), 0, w -> { });
                ExamLoader later = loader(Split.TRAIN, config(2, false), 1, w -> { })) {
            List<ExamBatch> b0 = new ArrayList<>();
            assertThat(drain(again, b0)).isEqualTo(epoch0); // one thread or two: the same epoch
            assertThat(b0.get(0).exams().get(0).cropSets()).isEqualTo(batches.get(0).exams().get(0).cropSets());
            assertThat(drain(later, new ArrayList<>())).isNotEqualTo(epoch0);
        }
    }

    @Test
    void cropsStayWithinTheSpecBoundsAndBecomeTheNetworksInputs() {
        try (ExamLoader loader = loader(Split.TEST, config(2, false), 0, w -> { });
                NDManager manager = NDManager.newBaseManager()) {
            ExamBatch batch = loader.next();
            for (PreparedExam e : batch.exams()) {
                assertThat(e.cropSets()).hasSize(3);
                for (var windows : e.cropSets()) {
                    for (View v : View.values()) {
                        CropWindow w = windows.get(v);
                        // at scale 0.1 images are 234..291 x 180..224: the centred top is -3..25, and a
                        // shift never exceeds the free pixels on its side
                        assertThat(w.left()).isBetween(0, 224 - 180);
                        assertThat(w.top()).isBetween(-3, 25 + 26);
                        assertThat(w.height()).isEqualTo(240);
                    }
                }
            }
            NDList inputs = batch.inputs(manager, 2);
            assertThat(inputs).hasSize(4);
            assertThat(inputs.get(0).getShape()).isEqualTo(new Shape(batch.size(), 1, 240, 180));
            assertThat(batch.labels(manager).toLongArray()).containsExactly(
                    batch.records().stream().mapToLong(e -> e.label()).toArray());
        }
    }

    @Test
    void eachBatchEntryHoldsItsOwnExamsImagesAndLabel() throws Exception {
        try (ExamLoader loader = loader(Split.VALIDATION, config(2, false), 0, w -> { });
                NDManager manager = NDManager.newBaseManager()) {
            ExamBatch batch = loader.next();
            NDList inputs = batch.inputs(manager, 0);
            long[] labels = batch.labels(manager).toLongArray();
            org.mvdcn.exam.PngMammogramReader reader = new org.mvdcn.exam.PngMammogramReader();
            for (int i = 0; i < batch.size(); i++) {
                ExamRecord exam = batch.records().get(i);
                assertThat(labels[i]).isEqualTo((long) exam.label());
                for (View v : View.values()) {
                    // independently: the earliest image of the view, standardised and centre-cropped
                    ImageRecord earliest = exam.images().get(v).stream()
                            .min(java.util.Comparator.comparing(ImageRecord::acquiredAt)).orElseThrow();
                    org.mvdcn.preprocess.PreparedView view = org.mvdcn.preprocess.PreparedView.prepare(reader.read(earliest.path()), org.mvdcn.preprocess.Padding.BACKGROUND);
                    float[] expected = view.crop(org.mvdcn.preprocess.CropPlacement.centred(view.height(), view.width(), 240, 180));
                    float[] actual = inputs.get(v.ordinal()).get(i).toFloatArray();
                    assertThat(actual).as("%s %s", exam.examId(), v).containsExactly(expected);
                }
            }
        }
    }

    @Test
    void validationIsNoiseFreeAndTakesTheEarliestImage() {
        try (ExamLoader a = loader(Split.VALIDATION, config(2, false), 0, w -> { });
                ExamLoader b = loader(Split.VALIDATION, config(2, false), 5, w -> { })) {
            ExamBatch x = a.next();
            ExamBatch y = b.next();
            for (int i = 0; i < x.size(); i++) {
                assertThat(x.exams().get(i).cropSets()).isEqualTo(y.exams().get(i).cropSets());
                assertThat(x.exams().get(i).cropSets().get(0).get(View.R_CC).left()).isZero();
            }
            assertThat(x.records().get(0).examId()).isEqualTo(exams.get(0).examId());
        }
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void aCorruptImageFailsTheJobByNameOrIsSkippedWithSkipBad() throws Exception {
        Path copy = Files.createDirectories(dir.resolve("corrupt"));
        ExamRecord victim = exams.get(exams.size() - 2);
        Path bad = victim.images().get(View.R_MLO).get(0).path();
        Path broken = copy.resolve("broken.png");
        byte[] bytes = Files.readAllBytes(bad);
        Files.write(broken, java.util.Arrays.copyOf(bytes, bytes.length / 2));
        List<ExamRecord> withBad = new ArrayList<>(exams);
        var images = new java.util.EnumMap<>(victim.images());
        images.put(View.R_MLO, List.of(new ImageRecord(broken, null, 0)));
        withBad.set(exams.size() - 2, new ExamRecord(victim.patientId(), victim.examId(), victim.date(), victim.label(), null, images));

        try (ExamLoader loader = new ExamLoader(withBad, Split.VALIDATION, PIPELINE, config(2, false), 0, w -> { })) {
            assertThatThrownBy(() -> drain(loader, new ArrayList<>()))
                    .isInstanceOf(BadInputException.class)
                    .hasMessageContaining(broken.toString())
                    .hasMessageContaining("truncated");
        }
        List<String> warnings = new ArrayList<>();
        try (ExamLoader loader = new ExamLoader(withBad, Split.VALIDATION, PIPELINE, config(2, true), 0, warnings::add)) {
            Set<String> seen = new HashSet<>(drain(loader, new ArrayList<>()));
            assertThat(seen).hasSize(exams.size() - 1).doesNotContain(victim.examId());
            assertThat(loader.skipped()).isEqualTo(1);
            assertThat(warnings).singleElement().asString().contains(broken.toString());
        }
    }
}

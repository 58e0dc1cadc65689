package org.mvdcn.synth;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.mvdcn.data.Manifest;
import org.mvdcn.data.ManifestRow;
import org.mvdcn.data.Split;
import org.mvdcn.exam.PngMammogramWriter;
import org.mvdcn.exam.View;
import org.mvdcn.eval.TruthFile;

/**
 * A synthetic screening cohort with a known answer, deterministic by seed: patients with two
 * lasting breasts, one to three visits over two years, exams labelled in the natural mix by default
 * (15% BI-RADS 0, 50% BI-RADS 1, 35% BI-RADS 2; SPEC section 3; {@link LabelMix}) carrying the findings of their
 * class ({@link FindingMix}) in both views of one breast, recorded labels that disagree with the
 * drawn class like readers do (a uniform share flipped, or {@link ReaderNoise} where findings are faint), some
 * exams with a second image of a view, image sizes around 2600 x 2000 (times {@code scale} and {@code field}),
 * right views in display orientation. Writes 16-bit PNGs, {@code manifest.csv} and {@code truth.csv}. Optionally a
 * separate set of test patients, drawn the same way, whose exams the manifest declares test.
 */
public final class CohortGenerator {

    public static final String MANIFEST = "manifest.csv";
    /** Each exam's drawn class beside its recorded label: the answer only a synthetic cohort has. */
    public static final String TRUTH = TruthFile.NAME;

    /**
     * @param flipShare share of exams whose recorded label is replaced by another class, uniformly at random
     * @param duplicateShare share of exams with a second image of one view
     * @param findingContrast multiplies every finding's brightness (1: the cohort as designed; larger
     *     makes an easier cohort, e.g. for a quick demonstration, and must be said wherever results are shown)
     * @param testPatients patients added besides {@code patients} whose exams are declared {@code split=test}: a test
     *     set large enough to decide comparisons while training stays the size of {@code patients}
     * @param findingMix which kind of finding each class's exams carry
     * @param readerNoise recorded labels that err where findings are faint; instead of {@code flipShare}, not with it
     * @param labelMix the share of exams drawn as each class
     * @param field the share of the 26 x 20 cm field an image covers along each side, at the pixel size {@code scale}
     *     gives: 1 is the paper's field; 0.5 a smaller breast, the images half as tall and wide, its texture and findings
     *     as many pixels across as at 1 (what a column must search shrinks, the evidence does not)
     * @param breastLabels whether the manifest gives each breast's recorded label ({@code breast_label}): the
     *     exam's recorded label for the breast the reader assessed (the finding's, or on a normal exam the one drawn
     *     for it), BI-RADS 1 for the other; off, the manifest is what it was before the column existed
     */
    public record Options(int patients, double scale, long seed, double flipShare, double duplicateShare, double findingContrast,
            int testPatients, FindingMix findingMix, ReaderNoise readerNoise, LabelMix labelMix, double field, boolean breastLabels) {
        public Options {
            if (patients < 1 || testPatients < 0 || !(scale > 0 && scale <= 2) || flipShare < 0 || flipShare > 1
                    || !(findingContrast > 0) || !(field > 0 && field <= 1)) {
                throw new IllegalArgumentException(
                        "need patients >= 1, test patients >= 0, 0 < scale <= 2, 0 <= flip share <= 1, contrast > 0, 0 < field <= 1");
            }
            if (readerNoise.on() && flipShare > 0) {
                throw new IllegalArgumentException("reader noise replaces the uniform flips: give a flip share of 0 with it, got "
                        + flipShare);
            }
        }

        /** The designed finding mix, labels flipped uniformly. */
        public Options(int patients, double scale, long seed, double flipShare, double duplicateShare, double findingContrast,
                int testPatients) {
            this(patients, scale, seed, flipShare, duplicateShare, findingContrast, testPatients, FindingMix.DEFAULT,
                    ReaderNoise.NONE);
        }

        /** Without breast labels. */
        public Options(int patients, double scale, long seed, double flipShare, double duplicateShare, double findingContrast,
                int testPatients, FindingMix findingMix, ReaderNoise readerNoise, LabelMix labelMix, double field) {
            this(patients, scale, seed, flipShare, duplicateShare, findingContrast, testPatients, findingMix, readerNoise, labelMix,
                    field, false);
        }

        /** The natural label mix on the paper's field. */
        public Options(int patients, double scale, long seed, double flipShare, double duplicateShare, double findingContrast,
                int testPatients, FindingMix findingMix, ReaderNoise readerNoise) {
            this(patients, scale, seed, flipShare, duplicateShare, findingContrast, testPatients, findingMix, readerNoise,
                    LabelMix.DEFAULT, 1);
        }

        /** Without declared test patients. */
        public Options(int patients, double scale, long seed, double flipShare, double duplicateShare, double findingContrast) {
            this(patients, scale, seed, flipShare, duplicateShare, findingContrast, 0);
        }

        /** The cohort as designed (finding contrast 1). */
        public Options(int patients, double scale, long seed, double flipShare, double duplicateShare) {
            this(patients, scale, seed, flipShare, duplicateShare, 1);
        }
    }

    /**
     * One planned exam: everything random about it is decided here, so the plan (labels, findings,
     * sizes) can be checked without rendering a pixel, and rendering is a pure function of it.
     *
     * @param declaredSplit the split the manifest declares (null: left to the computed split)
     */
    public record PlannedExam(String patientId, String examId, LocalDate date, int trueClass, int recordedLabel,
            List<Finding> findings, View.Laterality findingSide, int height, int width, LocalDateTime start,
            View duplicatedView, BreastAnatomy left, BreastAnatomy right, long renderSeed, Split declaredSplit) {

        public List<Finding.Kind> findingKinds() {
            return findings.stream().map(Finding::kind).toList();
        }
    }

    /** Mixed into an exam's render seed to seed its reader's calls. */
    private static final long READER_STREAM = 0x5245414445524E4FL;

    /** What was generated. */
    public record Cohort(Path manifest, List<PlannedExam> exams, int images) {}

    private CohortGenerator() {}

    /** The cohort's exams, deterministic by {@code options.seed()}, one patient after another, test patients last. */
    public static List<PlannedExam> plan(Options options) {
        long origin = options.seed() * 0x9E3779B97F4A7C15L;
        List<PlannedExam> exams = new ArrayList<>();
        for (int p = 0; p < options.patients(); p++) {
            exams.addAll(planPatient(options, new SplittableRandom(origin + p), String.format("P%05d", p + 1), null));
        }
        // Test patients' streams count down from the origin where the others' count up, and their ids start with T
        // (sorting after every P), so asking for them leaves the other patients' exams, images and manifest rows
        // byte for byte as they were: cohorts and studies made before stay reproducible.
        for (int t = 0; t < options.testPatients(); t++) {
            exams.addAll(planPatient(options, new SplittableRandom(origin - 1 - t), String.format("T%05d", t + 1), Split.TEST));
        }
        return exams;
    }

    /** Told after each exam is written: how many are done of how many. */
    @FunctionalInterface
    public interface Progress {
        void update(int done, int total);
    }

    public static Cohort generate(Path out, Options options, Progress progress) throws IOException {
        List<PlannedExam> exams = plan(options);
        AtomicInteger done = new AtomicInteger();
        List<List<ManifestRow>> perExam;
        try {
            perExam = exams.parallelStream().map(e -> {
                List<ManifestRow> rows = render(out, options, e);
                progress.update(done.incrementAndGet(), exams.size());
                return rows;
            }).toList();
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        List<ManifestRow> rows = new ArrayList<>();
        perExam.forEach(rows::addAll);
        rows.sort(Comparator.comparing(ManifestRow::patientId).thenComparing(ManifestRow::examId)
                .thenComparing(ManifestRow::view).thenComparing(ManifestRow::imagePath));
        Path manifest = out.resolve(MANIFEST);
        Manifest.write(manifest, rows);
        TruthFile.write(out.resolve(TRUTH), exams.stream().map(e -> new TruthFile.Row(e.examId(), e.trueClass(), e.recordedLabel())).toList());
        return new Cohort(manifest, exams, rows.size());
    }

    private static List<PlannedExam> planPatient(Options o, SplittableRandom rng, String patientId, Split declaredSplit) {
        double density = 0.1 + 0.8 * rng.nextDouble();
        BreastAnatomy left = BreastAnatomy.random(rng, density);
        BreastAnatomy right = BreastAnatomy.random(rng, Math.min(1, Math.max(0, density + 0.05 * rng.nextGaussian())));
        int visits = pick(rng, new double[] {0.35, 0.40, 0.25}) + 1;
        LocalDate date = LocalDate.of(2015, 1, 1).plusDays(rng.nextInt(730));
        List<PlannedExam> exams = new ArrayList<>();
        for (int visit = 0; visit < visits; visit++) {
            if (visit > 0) {
                date = date.plusDays(240 + rng.nextInt(126));
            }
            int trueClass = pick(rng, o.labelMix().shares());
            int recorded = trueClass;
            if (rng.nextDouble() < o.flipShare()) {
                recorded = (trueClass + 1 + rng.nextInt(2)) % 3;
            }
            List<Finding> findings = new ArrayList<>();
            if (trueClass != 1) {
                findings.add(Finding.random(o.findingMix().pick(trueClass, rng.nextDouble()), rng));
            }
            View.Laterality side = rng.nextBoolean() ? View.Laterality.LEFT : View.Laterality.RIGHT;
            int h = (int) Math.round(2600 * (0.9 + 0.22 * rng.nextDouble()) * o.scale() * o.field());
            int w = (int) Math.round(2000 * (0.9 + 0.22 * rng.nextDouble()) * o.scale() * o.field());
            LocalDateTime start = date.atTime(8 + rng.nextInt(9), rng.nextInt(60));
            View duplicated = rng.nextDouble() < o.duplicateShare() ? View.values()[rng.nextInt(4)] : null;
            long renderSeed = rng.nextLong();
            if (o.readerNoise().on()) {
                // a stream of its own: the reader's calls change the labels only, the images stay those of --flip 0
                recorded = o.readerNoise().record(trueClass, findings, o.findingContrast(),
                        new SplittableRandom(renderSeed ^ READER_STREAM));
            }
            exams.add(new PlannedExam(patientId, patientId + "-E" + (visit + 1), date, trueClass, recorded, findings, side,
                    h, w, start, duplicated, left, right, renderSeed, declaredSplit));
        }
        return exams;
    }

    /** Renders and writes one exam's images; returns its manifest rows. */
    private static List<ManifestRow> render(Path out, Options options, PlannedExam e) {
        SplittableRandom rng = new SplittableRandom(e.renderSeed());
        List<ManifestRow> rows = new ArrayList<>();
        for (View view : View.values()) {
            int copies = view == e.duplicatedView() ? 2 : 1;
            for (int copy = 0; copy < copies; copy++) {
                BreastAnatomy anatomy = view.laterality() == View.Laterality.LEFT ? e.left() : e.right();
                List<Finding> drawn = view.laterality() == e.findingSide() ? e.findings() : List.of();
                float[] pixels = MammogramRenderer.render(e.height(), e.width(), options.scale(), view.projection(), anatomy,
                        drawn, options.findingContrast(), 25 * rng.nextGaussian(), rng.split());
                if (view.laterality() == View.Laterality.RIGHT) {
                    mirror(pixels, e.height(), e.width()); // display orientation: a right breast's chest wall on the right
                }
                String name = view.label() + (copy == 0 ? "" : "-" + (copy + 1)) + ".png";
                String relative = "images/" + e.patientId() + "/" + e.examId() + "/" + name;
                try {
                    PngMammogramWriter.writeGray16(out.resolve(relative), e.height(), e.width(), pixels);
                } catch (IOException ex) {
                    throw new UncheckedIOException(ex);
                }
                Integer breastLabel = !options.breastLabels() ? null : view.laterality() == e.findingSide() ? e.recordedLabel() : 1;
                rows.add(new ManifestRow(e.patientId(), e.examId(), e.date(), view, relative,
                        e.start().plusMinutes(view.ordinal() * 2L + copy * 9L), e.recordedLabel(), e.declaredSplit(), breastLabel));
            }
        }
        return rows;
    }

    private static int pick(SplittableRandom rng, double[] probabilities) {
        double r = rng.nextDouble();
        for (int i = 0; i < probabilities.length - 1; i++) {
            r -= probabilities[i];
            if (r < 0) {
                return i;
            }
        }
        return probabilities.length - 1;
    }

    private static void mirror(float[] pixels, int h, int w) {
        for (int y = 0; y < h; y++) {
            int row = y * w;
            for (int x = 0; x < w / 2; x++) {
                float t = pixels[row + x];
                pixels[row + x] = pixels[row + w - 1 - x];
                pixels[row + w - 1 - x] = t;
            }
        }
    }
}

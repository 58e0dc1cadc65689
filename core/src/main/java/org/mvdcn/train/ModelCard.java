package org.mvdcn.train;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.mvdcn.assess.TrainingAcquisition;
import org.mvdcn.calibration.Calibration;
import org.mvdcn.calibration.CalibrationReport;
import org.mvdcn.data.ExamRecord;
import org.mvdcn.data.Manifest;
import org.mvdcn.data.Split;
import org.mvdcn.data.SplitAssignment;
import org.mvdcn.eval.ClassificationMetrics;
import org.mvdcn.eval.EvaluationFile;
import org.mvdcn.eval.EvaluationReport;
import org.mvdcn.eval.ShiftReport;
import org.mvdcn.io.AtomicFiles;
import org.mvdcn.io.Sha256;
import org.mvdcn.model.OutputHead;
import org.mvdcn.ood.ImageShift;
import org.mvdcn.ood.OodRecord;

/**
 * {@code RUN/model-card.md}: what a model is for and what it is not, what it was trained on, how,
 * how well it did and how far its probabilities can be trusted, made from the run's own records
 * (run.json, split.csv, the manifest, the evaluation and the out-of-distribution check's shift
 * measurement when there are), never written by hand. Training writes it at its end; evaluating
 * the run, {@code mvdcn ood} and {@code mvdcn card} rewrite it.
 */
public final class ModelCard {

    public static final String FILE = "model-card.md";

    private ModelCard() {}

    /** Writes the card of the finished run in {@code dir}, with the evaluation in {@code evaluation} when it holds one. */
    public static Path write(Path dir, Path evaluation) throws IOException {
        RunFolder run = new RunFolder(dir);
        RunRecord record = RunRecord.read(run);
        Path evaluationFile = evaluation == null ? null : evaluation.resolve(EvaluationFile.NAME);
        EvaluationReport report = evaluationFile != null && Files.isRegularFile(evaluationFile) ? EvaluationFile.read(evaluationFile) : null;
        Manifest manifest = Files.isRegularFile(record.manifestPath()) ? Manifest.load(record.manifestPath(), false) : null;
        SplitAssignment split = Files.isRegularFile(run.split()) ? SplitAssignment.read(run.split()) : null;
        String weights = Files.isRegularFile(run.best()) ? Sha256.of(run.best()) : "(no best model yet)";
        ShiftReport shifts = Files.isRegularFile(run.oodShifts()) ? ShiftReport.read(run.oodShifts()) : null;
        Path card = dir.resolve(FILE);
        AtomicFiles.writeString(card, render(dir, record, weights, manifest, split, report, evaluationFile, shifts));
        return card;
    }

    static String render(Path dir, RunRecord r, String weightsSha256, Manifest manifest, SplitAssignment split,
            EvaluationReport report, Path evaluationFile, ShiftReport shifts) {
        StringBuilder md = new StringBuilder();
        md.append("# Model card: ").append(dir.getFileName()).append("\n\n");
        md.append("Made by mvdcn ").append(r.versions().mvdcn()).append(" from this run's records; `mvdcn card --run RUN` makes it again.\n\n");
        md.append("- Weights: `best.safetensors`, SHA-256 `").append(weightsSha256).append("`\n");
        md.append("- Trained: ").append(r.created()).append(" to ").append(r.finished() == null ? "(not finished)" : r.finished()).append('\n');
        md.append("- Architecture: the multi-view CNN of Geras et al. 2017 (four views, shared columns per projection), width ")
                .append(num(r.options().initialisation().width()))
                .append(r.options().initialisation().head() == OutputHead.BREAST
                        ? "; one head per breast on its CC and MLO views, trained on breast labels, the exam's probabilities by the exam rule"
                        : "")
                .append("\n\n");

        md.append("## Intended use\n\n");
        md.append("Research on screening mammography: the probabilities that a four-view screening exam (L-CC, R-CC, L-MLO, "
                + "R-MLO, \"for presentation\" 2D images) is assessed BI-RADS 0 (incomplete, recall), 1 (negative) or 2 "
                + "(benign), as the paper's model predicts them, with saliency maps of where the network looked. It is for "
                + "studying such models, their data needs, resolution and calibration, and for running them beside a PACS in "
                + "research settings.\n\n");
        md.append("**Not for:** diagnosis or any clinical decision (it is not a medical device and has not been validated "
                + "clinically); detecting or localising cancer (it predicts the radiologist's BI-RADS assessment, not "
                + "pathology); exams unlike its training data (other vendors, populations, processing, tomosynthesis, "
                + "\"for processing\" images): such exams are marked not assessed where a check catches them (below), and their "
                + "probabilities are not to be trusted.\n\n");

        md.append("## Data\n\n");
        md.append("- Manifest: `").append(r.manifest().path()).append("`, SHA-256 `").append(r.manifest().sha256()).append("`\n");
        md.append("- Exams kept: ").append(r.manifest().examsKept()).append(", excluded: ").append(r.manifest().examsExcluded()).append('\n');
        md.append("- Split (by patient, SPEC section 2): train ").append(r.split().train()).append(", validation ")
                .append(r.split().validation()).append(", test ").append(r.split().test()).append(" exams")
                .append(r.options().data().fraction() < 1 ? " (training on a " + num(100 * r.options().data().fraction())
                        + "% share of the patients)" : "")
                .append('\n');
        if (manifest != null && split != null) {
            md.append("\n| split | exams | BI-RADS 0 | BI-RADS 1 | BI-RADS 2 | unlabelled |\n|---|---|---|---|---|---|\n");
            for (Split s : Split.values()) {
                List<ExamRecord> exams = split.select(manifest.exams(), s);
                int[] mix = new int[4];
                for (ExamRecord e : exams) {
                    mix[e.label() == null ? 3 : e.label()]++;
                }
                md.append(String.format(Locale.ROOT, "| %s | %d | %d | %d | %d | %d |%n", s.name().toLowerCase(Locale.ROOT), exams.size(),
                        mix[0], mix[1], mix[2], mix[3]));
            }
        } else {
            md.append("- (the manifest or split.csv is no longer where the run recorded it: label mix not shown)\n");
        }

        md.append("\n## Training recipe\n\n");
        md.append("- ").append(r.preprocessing().describe()).append('\n');
        OptimisationOptions o = r.options().optimisation();
        md.append(String.format(Locale.ROOT, "- %d epochs, batch %d, Adam at learning rate %s, input noise std %s, dropout %s, seed %d%n",
                o.epochs(), o.batch(), num(o.learningRate()), num(r.options().regularisation().noiseStd()),
                num(r.options().regularisation().dropout()), r.seed()));
        md.append("- ").append(r.options().initialisation().describe()).append(", ").append(o.describe())
                .append(o.patience() > 0 ? ", stopping after " + o.patience() + " epochs without a better validation macAUC" : "")
                .append('\n');
        if (r.options().regularisation().batchNorm()) {
            md.append("- Batch normalisation after each convolution while training (not the paper's), folded into the convolutions "
                    + "in the model file\n");
        }
        if (r.fromWeights() != null) {
            md.append("- Fine-tuned: the starting weights' SHA-256 `").append(r.fromWeights().sha256()).append("`; ")
                    .append(r.fromWeights().frozenLayers().isEmpty() ? "every layer trained"
                            : "kept as loaded in both columns: " + String.join(", ", r.fromWeights().frozenLayers()))
                    .append('\n');
        }
        if (r.bestEpoch() != null) {
            md.append(String.format(Locale.ROOT, "- Best model: epoch %d, validation macAUC %.3f%n", r.bestEpoch(), r.bestValidationMacAuc()));
        }
        md.append("- Software: mvdcn ").append(r.versions().mvdcn()).append(", DJL ").append(r.versions().djl()).append(", ")
                .append(r.versions().engine()).append(", Java ").append(r.versions().java()).append('\n');

        md.append("\n## Test metrics\n\n");
        if (report == null) {
            md.append("Not evaluated yet: `mvdcn evaluate --run ").append(dir).append("` scores the test split and rewrites this card.\n");
        } else {
            md.append("From `").append(evaluationFile).append("`: ").append(report.exams()).append(" test exams, bootstrap 95% intervals.\n\n");
            md.append("| | AUC | 95% interval |\n|---|---|---|\n");
            for (int k = 0; k < 3; k++) {
                md.append(String.format(Locale.ROOT, "| BI-RADS %d vs rest | %.3f | %s |%n", k, report.auc()[k], interval(report.intervals()[k])));
            }
            md.append(String.format(Locale.ROOT, "| **macAUC** | **%.3f** | %s |%n", report.macAuc(), interval(report.intervals()[3])));
            md.append(String.format(Locale.ROOT, "%nHC-macAUC (each class's most confident 30%% of the test exams, by validation entropy cut-offs): %.3f%n",
                    report.hcMacAuc()));
        }

        md.append("\n## Calibration\n\n");
        Calibration c = r.calibration();
        if (c == null) {
            md.append("None: the probabilities are the network's own (`mvdcn calibrate --run RUN` fits a temperature).\n");
        } else {
            md.append(String.format(Locale.ROOT, "Temperature scaling, T = %.4f, fitted on %d validation exams x %d crop sets. Validation "
                    + "cross-entropy %.4f -> %.4f nats, expected calibration error (15 bins) %.4f -> %.4f.%n", c.temperature(), c.exams(),
                    c.crops(), c.nllBefore(), c.nllAfter(), c.eceBefore(), c.eceAfter()));
        }
        CalibrationReport test = report == null ? null : report.calibration();
        if (test != null && test.after() != null) {
            md.append(String.format(Locale.ROOT, "%nOn the test split: ECE %.4f -> %.4f; Brier score per class %s -> %s.%n",
                    test.before().ece(), test.after().ece(), brier(test.before()), brier(test.after())));
        }

        md.append("\n## Checks before scoring\n\n");
        md.append("An exam is scored but **not assessed** (its probabilities shown for research only, the CAD SR without an "
                + "assessment) when a check withholds it: a breast implant, a view modifier that changes the view (spot "
                + "compression, magnification, implant displaced, ...), a partial view, a synthesised 2D image, tissue on the "
                + "side opposite the file's chest wall, an image under half the model's crop, a pixel spacing more than 1.5x "
                + "outside the training images', or an exam out of the training distribution; a DICOM exam from equipment the "
                + "training exams did not come from, or with a pixel spacing 1.25x to 1.5x outside theirs, is scored with a "
                + "warning (README, \"Checks before scoring\").\n\n");
        TrainingAcquisition acquisition = r.acquisition();
        md.append(acquisition == null ? "Equipment and pixel spacing: not recorded (a run made before these checks): exams are not "
                + "checked against the training exams' equipment or scale.\n\n"
                : "Training exams' " + acquisition.describe() + ".\n\n");
        OodRecord ood = r.ood();
        md.append(ood == null ? "No out-of-distribution check recorded: exams are not checked against the training distribution "
                + "(fit one with `mvdcn ood --run RUN`).\n"
                : ood.layers() == null ? ood.describe() + ".\n"
                : "Out of distribution: each scored exam's images are measured at several depths (the intensities, then every "
                        + "block's channel means and deviations) and compared with the training images' (Mahalanobis distance "
                        + "per layer, the largest in units of its layer's scale); " + ood.describe() + ". About 1% of exams like "
                        + "the validation exams are flagged by construction; what it detects is measured below.\n");
        if (ood != null && ood.layers() != null) {
            md.append("\n### Detection per shift family\n\n").append(shiftDetection(weightsSha256, shifts));
        }

        md.append("\n## Known limitations\n\n");
        md.append("- If the manifest is a synthetic cohort (`mvdcn synth`), nothing here is clinical evidence: the images are "
                + "drawn, the labels follow from what was drawn.\n");
        md.append("- The labels are screening BI-RADS assessments, not biopsy outcomes; the model learns what radiologists "
                + "recalled, including their errors.\n");
        if (report != null && report.exams() < 300) {
            md.append("- ").append(report.exams()).append(" test exams: the intervals above are wide; differences between models "
                    + "inside them are not evidence.\n");
        }
        md.append("- One site's data, one vendor's processing (whatever the manifest holds): performance elsewhere is unknown "
                + "until measured there; the out-of-distribution flag catches only exams far from the training exams.\n");
        md.append("- Calibration is fitted on the validation split of the same cohort; it does not transfer to other "
                + "populations or prevalences.\n");
        return md.toString();
    }

    /** The check's measured detection when {@code shifts} measured this model file, else how to measure it. */
    private static String shiftDetection(String weightsSha256, ShiftReport shifts) {
        if (shifts == null) {
            return "Not measured yet: `mvdcn ood --run RUN --shifts` scores the run's test exams made unlike the training exams in "
                    + "each shift family (" + Arrays.stream(ImageShift.values()).map(ImageShift::description)
                            .collect(Collectors.joining("; ")) + ") and records here, per family, the AUROC against the unshifted "
                    + "exams and the share flagged, and the false-alarm rate on the unshifted exams.\n";
        }
        if (!shifts.modelSha256().equals(weightsSha256)) {
            return "`ood-shifts.json` measured another model file (SHA-256 `" + shifts.modelSha256() + "`: the check was refitted or "
                    + "the model changed since): `mvdcn ood --run RUN --shifts` measures this one.\n";
        }
        return "From `ood-shifts.json` (`mvdcn ood --run RUN --shifts`): the run's test exams made unlike the training exams in each "
                + "family, scored as predict scores them. " + shifts.markdown();
    }

    private static String interval(ClassificationMetrics.Interval i) {
        return String.format(Locale.ROOT, "[%.3f, %.3f]", i.low(), i.high());
    }

    private static String brier(CalibrationReport.Quality q) {
        return String.format(Locale.ROOT, "(%.4f, %.4f, %.4f)", q.brier()[0], q.brier()[1], q.brier()[2]);
    }

    private static String num(double v) {
        return v == Math.rint(v) ? String.valueOf((long) v) : String.format(Locale.ROOT, "%s", (float) v);
    }
}

package org.mvdcn.application;

import ai.djl.ndarray.NDManager;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import org.mvdcn.UsageException;
import org.mvdcn.assess.ExamCheck;
import org.mvdcn.assess.ExamChecks;
import org.mvdcn.data.ExamCandidates;
import org.mvdcn.data.ExamDraw;
import org.mvdcn.data.ImageRecord;
import org.mvdcn.data.Split;
import org.mvdcn.exam.ExamImages;
import org.mvdcn.exam.Mammogram;
import org.mvdcn.exam.View;
import org.mvdcn.explain.SaliencyExplainer;
import org.mvdcn.explain.SaliencyMaps;
import org.mvdcn.model.MultiViewNetwork;
import org.mvdcn.ood.OodModel;
import org.mvdcn.predict.ExamScorer;
import org.mvdcn.predict.Prediction;
import org.mvdcn.predict.TrainedModel;
import org.mvdcn.preprocess.CropPlan;
import org.mvdcn.preprocess.ExamPipeline;
import org.mvdcn.preprocess.PreparedExam;
import org.mvdcn.preprocess.Preprocessing;

/**
 * The one way a single exam is scored, as MONAI Deploy has one application behind a folder and a
 * gateway: each view's image drawn from the exam's candidates ({@link ExamDraw}, seeded), read and
 * prepared by the model's pipeline, the crop sets scored (or scored with the saliency pass),
 * averaged, calibrated, checked against the training distribution ({@link Prediction#of}), beside
 * the checks made before scoring ({@link ExamChecks}).
 * predict, explain, the node and the demo call it; evaluate and the Spark scorer batch exams
 * through the same draw, checks, scorer and {@link Prediction} arithmetic.
 */
public final class ExamApplication {

    /** What scoring an exam gave: the prediction, the file used for each view, notes for the user, the maps when explained. */
    public record Result(Prediction prediction, Map<View, Path> images, List<String> notes, SaliencyMaps maps) {}

    private final MultiViewNetwork network;
    private final NDManager manager;
    private final ExamPipeline pipeline;
    private final OptionalDouble temperature;
    private final OodModel ood;
    private final ExamChecks checks;
    private final Integer crops;
    private final long seed;

    /** {@code crops} null: the paper's default for the exam ({@link #defaultCrops}). */
    public ExamApplication(TrainedModel model, Integer crops, long seed) {
        this(model.network(), model.manager(), model.pipeline(), model.temperature(), model.ood(), model.checks(), crops, seed);
    }

    /**
     * From a network's parts: uncalibrated, unchecked unless {@code temperature} and {@code ood} say
     * otherwise; no training acquisition to check the exams' against.
     */
    public ExamApplication(MultiViewNetwork network, NDManager manager, ExamPipeline pipeline, OptionalDouble temperature, OodModel ood,
            Integer crops, long seed) {
        this(network, manager, pipeline, temperature, ood, new ExamChecks(pipeline.preprocessing(), null), crops, seed);
    }

    private ExamApplication(MultiViewNetwork network, NDManager manager, ExamPipeline pipeline, OptionalDouble temperature, OodModel ood,
            ExamChecks checks, Integer crops, long seed) {
        if (crops != null && crops < 1) {
            throw new UsageException("crops must be at least 1, got " + crops);
        }
        this.network = network;
        this.manager = manager;
        this.pipeline = pipeline;
        this.temperature = temperature;
        this.ood = ood;
        this.checks = checks;
        this.crops = crops;
        this.seed = seed;
    }

    public Result predict(ExamCandidates exam) {
        return run(exam, false);
    }

    /** Predicts and explains from the same forwards (one forward and backward per crop set). */
    public Result explain(ExamCandidates exam) {
        return run(exam, true);
    }

    /** An exam already decoded, one image per view (nothing to choose): the crops drawn as for any other. */
    public Prediction predict(ExamImages exam) {
        return score(exam, List.of(), ExamDraw.forScoring(seed), false).prediction();
    }

    /** As {@link #predict(ExamImages)}, with the maps. */
    public SaliencyMaps explain(ExamImages exam) {
        return score(exam, List.of(), ExamDraw.forScoring(seed), true).maps();
    }

    /** The exam prepared as it is scored: the images drawn, then the crop sets drawn from the same generator. */
    public PreparedExam prepare(ExamImages exam) {
        return prepare(exam, ExamDraw.forScoring(seed));
    }

    private PreparedExam prepare(ExamImages exam, ExamDraw draw) {
        return pipeline.prepare(exam.views(), CropPlan.averaged(cropsFor(exam.views())), draw.crops());
    }

    /** The paper's default: one crop set when every view, down-scaled, has the crop's size (all placements coincide), else 10. */
    public int defaultCrops(Map<View, Mammogram> images) {
        Preprocessing p = pipeline.preprocessing();
        for (Mammogram m : images.values()) {
            if (m.height() / p.downscale() != p.cropHeight() || m.width() / p.downscale() != p.cropWidth()) {
                return 10;
            }
        }
        return 1;
    }

    private Result run(ExamCandidates exam, boolean explain) {
        ExamDraw draw = ExamDraw.forScoring(seed);
        Map<View, ImageRecord> chosen = draw.pick(exam.images(), Split.TEST);
        List<String> notes = new ArrayList<>(exam.notes());
        Map<View, Mammogram> images = new EnumMap<>(View.class);
        Map<View, Path> files = new EnumMap<>(View.class);
        for (View v : View.values()) {
            Path file = chosen.get(v).path();
            if (exam.images().get(v).size() > 1) {
                notes.add(v.label() + ": " + exam.images().get(v).size() + " images, drew " + exam.source().relativize(file));
            }
            images.put(v, pipeline.read(file, exam.reader()));
            files.put(v, file);
        }
        Scored scored = score(new ExamImages(exam.source(), images), exam.checks(), draw, explain);
        return new Result(scored.prediction(), files, notes, scored.maps());
    }

    private record Scored(Prediction prediction, SaliencyMaps maps) {}

    /** Scores the exam's crop sets, beside what the checks find in it ({@code attributes}: what its source found in its files). */
    private Scored score(ExamImages exam, List<ExamCheck> attributes, ExamDraw draw, boolean explain) {
        long start = System.nanoTime();
        List<ExamCheck> found = checks.check(attributes, exam.views());
        PreparedExam prepared = prepare(exam, draw);
        if (!explain) {
            ExamScorer.Scores s = new ExamScorer(network, manager).score(List.of(prepared));
            return new Scored(Prediction.of(s.cropScores(0), temperature, ood, found, seconds(start)), null);
        }
        SaliencyExplainer.Explained e;
        try (SaliencyExplainer explainer = new SaliencyExplainer(network, manager, temperature)) {
            e = explainer.explain(prepared);
        }
        Prediction p = Prediction.of(e.scores(), temperature, ood, found, seconds(start));
        Map<View, Mammogram> seen = new EnumMap<>(View.class);
        prepared.views().forEach((v, view) -> seen.put(v, view.source()));
        return new Scored(p, new SaliencyMaps(new ExamImages(exam.source(), seen), e.maps(), p));
    }

    private int cropsFor(Map<View, Mammogram> images) {
        return crops != null ? crops : defaultCrops(images);
    }

    private static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }
}

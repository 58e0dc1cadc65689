package org.mvdcn.data;

import java.io.Serializable;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.mvdcn.exam.Mammogram;
import org.mvdcn.exam.View;
import org.mvdcn.preprocess.CropPlan;
import org.mvdcn.preprocess.ExamPipeline;
import org.mvdcn.preprocess.PreparedExam;

/**
 * The seeded draws that decide one use of an exam, from one generator and in one order: first
 * which image of each view (in {@link View} order, where a view has several), then where its crops
 * fall. Every path that scores an exam (predict, explain, evaluate, the node, the Spark scorer)
 * draws through this, so for one seed an exam gets the same images and crops wherever it is scored.
 * Serializable, so a Spark driver can choose the images and an executor go on with the crops.
 */
public final class ExamDraw implements Serializable {

    private static final long serialVersionUID = 1L;

    private final Random rng;

    private ExamDraw(Random rng) {
        this.rng = rng;
    }

    /** The draw an exam is scored with: the same for every exam, so its scores depend on the seed alone (see {@link Seeds#scoring}). */
    public static ExamDraw forScoring(long seed) {
        return new ExamDraw(Seeds.scoring(seed));
    }

    /** The draw of the exam at {@code index} in {@code epoch} of a training run. */
    public static ExamDraw forTraining(long seed, int epoch, int index) {
        return new ExamDraw(Seeds.random(seed, epoch, index));
    }

    /** One image of each view, chosen as {@code role} chooses (SPEC section 2: {@link ViewSampler}). */
    public Map<View, ImageRecord> pick(Map<View, List<ImageRecord>> candidates, Split role) {
        Map<View, ImageRecord> chosen = new EnumMap<>(View.class);
        for (View v : View.values()) {
            List<ImageRecord> images = candidates.get(v);
            if (images == null || images.isEmpty()) {
                throw new IllegalArgumentException("no image of view " + v.label() + " to choose from");
            }
            chosen.put(v, ViewSampler.pick(images, role, rng));
        }
        return chosen;
    }

    /**
     * What one exam became: the image used for each view, as decoded at its file's size (what the
     * checks before scoring look at), and the pipeline's input with its crop sets.
     */
    public record Drawn(Map<View, ImageRecord> images, Map<View, Mammogram> decoded, PreparedExam prepared) {}

    /**
     * The one way an exam is prepared, for training and for scoring: each view's image picked as
     * {@code role} picks, read and prepared by {@code pipeline}, its crops placed by {@code plan}.
     */
    public Drawn prepare(Map<View, List<ImageRecord>> candidates, Split role, ExamPipeline pipeline, CropPlan plan) {
        Map<View, ImageRecord> chosen = pick(candidates, role);
        Map<View, Mammogram> images = new EnumMap<>(View.class);
        chosen.forEach((v, image) -> images.put(v, pipeline.read(image.path())));
        return new Drawn(chosen, images, pipeline.prepare(images, plan, rng));
    }

    /** The generator the crops are placed with, as the image choice left it. */
    public Random crops() {
        return rng;
    }
}

package org.mvdcn.study;

import java.util.ArrayList;
import java.util.List;
import org.mvdcn.model.ColumnLayout;
import org.mvdcn.preprocess.Preprocessing;
import org.mvdcn.train.TrainingOptions;

/**
 * The paper's two training studies as lists of settings derived from one base configuration. Each
 * list ends with the paper's own setting (all the training data, full resolution): the study's
 * reference, against which {@link StudyTable} tests every other setting on the same test exams.
 */
public final class Studies {

    /** Table 3: training fractions and the paper's macAUC for each. */
    public static final double[] FRACTIONS = {0.1, 0.2, 0.5, 1.0};
    public static final double[] PAPER_FRACTION_MACAUC = {0.538, 0.605, 0.659, 0.685};
    /** Table 4: down-scaling factors (1/8, 1/4, 1/2, 1) and the paper's macAUC for each. */
    public static final int[] DOWNSCALES = {8, 4, 2, 1};
    public static final double[] PAPER_SCALE_MACAUC = {0.596, 0.599, 0.652, 0.685};

    private Studies() {}

    /**
     * One model per training fraction; the subsets are nested (one seeded patient order, growing
     * prefixes). A learning-rate warm-up shrinks with the fraction so that it lasts the same number
     * of epochs in every setting: counted in steps, 200 steps warm up the full set for two epochs but
     * 10% of it for 22 of 24, and the comparison would measure the warm-up instead of the data.
     */
    public static List<StudySetting> dataSize(TrainingOptions base, Preprocessing preprocessing) {
        List<StudySetting> settings = new ArrayList<>();
        for (int i = 0; i < FRACTIONS.length; i++) {
            double f = FRACTIONS[i];
            TrainingOptions options = base.toBuilder().fraction(f)
                    .warmupSteps((int) Math.round(base.optimisation().warmupSteps() * f)).build();
            settings.add(new StudySetting("fraction-" + Math.round(100 * f), Math.round(100 * f) + "%", options,
                    preprocessing, PAPER_FRACTION_MACAUC[i]));
        }
        return settings;
    }

    /** One model per input scale: images down-scaled by 8, 4, 2, 1 and the crop with them. */
    public static List<StudySetting> resolution(TrainingOptions base, Preprocessing preprocessing) {
        List<StudySetting> settings = new ArrayList<>();
        for (int i = 0; i < DOWNSCALES.length; i++) {
            int d = DOWNSCALES[i];
            Preprocessing p = preprocessing.withCrop(preprocessing.downscale() * d,
                    Math.max(ColumnLayout.KERNEL, preprocessing.cropHeight() / d), Math.max(ColumnLayout.KERNEL, preprocessing.cropWidth() / d));
            settings.add(new StudySetting("scale-1-" + d, d == 1 ? "1" : "1/" + d, base, p, PAPER_SCALE_MACAUC[i]));
        }
        return settings;
    }

    /** The last convolution a column runs at this setting's input (layers after it are skipped, SPEC section 1). */
    public static String lastLayer(StudySetting s) {
        Preprocessing p = s.preprocessing();
        List<ColumnLayout.Conv> convs = ColumnLayout.forInput(p.cropHeight(), p.cropWidth(), s.options().initialisation().width()).convs();
        return convs.get(convs.size() - 1).name();
    }
}

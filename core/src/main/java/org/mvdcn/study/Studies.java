package org.mvdcn.study;

import java.util.ArrayList;
import java.util.List;
import org.mvdcn.model.ColumnLayout;
import org.mvdcn.train.TrainingOptions;

/** The paper's two training studies as lists of settings derived from one base configuration. */
public final class Studies {

    /** Table 3: training fractions and the paper's macAUC for each. */
    public static final double[] FRACTIONS = {0.1, 0.2, 0.5, 1.0};
    public static final double[] PAPER_FRACTION_MACAUC = {0.538, 0.605, 0.659, 0.685};
    /** Table 4: down-scaling factors (1/8, 1/4, 1/2, 1) and the paper's macAUC for each. */
    public static final int[] DOWNSCALES = {8, 4, 2, 1};
    public static final double[] PAPER_SCALE_MACAUC = {0.596, 0.599, 0.652, 0.685};

    private Studies() {}

    /** One model per training fraction; the subsets are nested (one seeded patient order, growing prefixes). */
    public static List<StudySetting> dataSize(TrainingOptions base) {
        List<StudySetting> settings = new ArrayList<>();
        for (int i = 0; i < FRACTIONS.length; i++) {
            double f = FRACTIONS[i];
            TrainingOptions o = new TrainingOptions(base.epochs(), base.batch(), base.learningRate(), base.width(), base.cropHeight(),
                    base.cropWidth(), base.downscale(), f, base.noiseStd(), base.dropout(), base.seed(), base.threads(), base.skipBad());
            settings.add(new StudySetting("fraction-" + Math.round(100 * f), Math.round(100 * f) + "%", o, PAPER_FRACTION_MACAUC[i]));
        }
        return settings;
    }

    /** One model per input scale: images down-scaled by 8, 4, 2, 1 and the crop with them. */
    public static List<StudySetting> resolution(TrainingOptions base) {
        List<StudySetting> settings = new ArrayList<>();
        for (int i = 0; i < DOWNSCALES.length; i++) {
            int d = DOWNSCALES[i];
            TrainingOptions o = new TrainingOptions(base.epochs(), base.batch(), base.learningRate(), base.width(),
                    Math.max(ColumnLayout.KERNEL, base.cropHeight() / d), Math.max(ColumnLayout.KERNEL, base.cropWidth() / d),
                    base.downscale() * d, base.fraction(), base.noiseStd(), base.dropout(), base.seed(), base.threads(), base.skipBad());
            settings.add(new StudySetting("scale-1-" + d, d == 1 ? "1" : "1/" + d, o, PAPER_SCALE_MACAUC[i]));
        }
        return settings;
    }

    /** The last convolution a column runs at this setting's input (layers after it are skipped, SPEC section 1). */
    public static String lastLayer(TrainingOptions o) {
        List<ColumnLayout.Conv> convs = ColumnLayout.forInput(o.cropHeight(), o.cropWidth(), o.width()).convs();
        return convs.get(convs.size() - 1).name();
    }
}

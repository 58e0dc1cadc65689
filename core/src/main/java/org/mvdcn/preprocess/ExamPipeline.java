package org.mvdcn.preprocess;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.mvdcn.exam.ImageReader;
import org.mvdcn.exam.Mammogram;
import org.mvdcn.exam.MammogramFiles;
import org.mvdcn.exam.View;

/**
 * The one way an exam becomes network input, built from a model's {@link Preprocessing}: decode
 * (DICOM grey values as recorded), down-scale, standardise, orient, place the crops. Training,
 * validation, evaluate, predict, explain and the benchmarks all prepare exams here, so a model is
 * scored on exactly what it was trained on.
 */
public final class ExamPipeline {

    private final Preprocessing preprocessing;

    public ExamPipeline(Preprocessing preprocessing) {
        this.preprocessing = preprocessing;
    }

    public Preprocessing preprocessing() {
        return preprocessing;
    }

    /** Decodes an image file at its own size, in the recorded DICOM intensity mode. */
    public Mammogram read(Path file) {
        return read(file, MammogramFiles::read);
    }

    /** The same, by {@code reader}. */
    public Mammogram read(Path file, ImageReader reader) {
        return reader.read(file, preprocessing.dicomIntensity());
    }

    /**
     * Prepares four decoded views (at their files' size): down-scaled, standardised and oriented,
     * with {@code plan}'s crop sets placed, drawing each random placement from {@code rng} (set by
     * set, view by view in {@link View} order).
     */
    public PreparedExam prepare(Map<View, Mammogram> images, CropPlan plan, Random rng) {
        Map<View, PreparedView> views = new EnumMap<>(View.class);
        for (View v : View.values()) {
            Mammogram image = images.get(v);
            if (image == null) {
                throw new IllegalArgumentException("an exam needs all four views, got " + images.keySet());
            }
            views.put(v, PreparedView.prepare(BicubicDownscale.apply(image, preprocessing.downscale()), preprocessing.padding()));
        }
        List<Map<View, CropWindow>> sets = new ArrayList<>(plan.sets());
        for (int s = 0; s < plan.sets(); s++) {
            Map<View, CropWindow> windows = new EnumMap<>(View.class);
            for (View v : View.values()) {
                PreparedView view = views.get(v);
                int h = preprocessing.cropHeight();
                int w = preprocessing.cropWidth();
                windows.put(v, plan.random()
                        ? CropPlacement.random(view.height(), view.width(), h, w, preprocessing.maxShift(), rng)
                        : CropPlacement.centred(view.height(), view.width(), h, w));
            }
            sets.add(windows);
        }
        return new PreparedExam(views, sets);
    }
}

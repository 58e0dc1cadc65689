package org.mvdcn.preprocess;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.mvdcn.exam.IntensityMode;

/**
 * What a user asked to change in a model's recorded preprocessing (null: keep the recorded
 * value). A model is fed what it was trained on unless told otherwise, and every departure is
 * said out loud, since it changes the probabilities.
 */
public record PreprocessingOverrides(Integer downscale, Integer cropHeight, Integer cropWidth, IntensityMode dicomIntensity,
        Padding padding) {

    public static PreprocessingOverrides none() {
        return new PreprocessingOverrides(null, null, null, null, null);
    }

    /**
     * The preprocessing to use for a model from {@code source} that recorded {@code recorded}
     * (null: it records none, and the paper's is assumed); notes go to {@code notes}.
     */
    public Preprocessing apply(Preprocessing recorded, String source, Consumer<String> notes) {
        Preprocessing base = recorded != null ? recorded : Preprocessing.paper();
        int d = downscale != null ? downscale : base.downscale();
        int h = cropHeight != null ? cropHeight : base.cropHeight();
        int w = cropWidth != null ? cropWidth : base.cropWidth();
        Preprocessing p = d == base.downscale() && h == base.cropHeight() && w == base.cropWidth() ? base : base.withCrop(d, h, w);
        p = p.withDicomIntensity(dicomIntensity != null ? dicomIntensity : p.dicomIntensity())
                .withPadding(padding != null ? padding : p.padding());
        if (recorded == null) {
            notes.accept("note: " + source + " records no preprocessing (the reference's weights, or an mvdcn model "
                    + "written before models recorded it); using " + p.describe());
            return p;
        }
        List<String> changed = new ArrayList<>();
        if (d != recorded.downscale()) {
            changed.add("downscale " + d + " (trained with " + recorded.downscale() + ")");
        }
        if (h != recorded.cropHeight() || w != recorded.cropWidth()) {
            changed.add("crop " + h + "x" + w + " (trained with " + recorded.cropHeight() + "x" + recorded.cropWidth() + ")");
        }
        if (p.dicomIntensity() != recorded.dicomIntensity()) {
            changed.add("DICOM " + p.dicomIntensity().label() + " (trained with " + recorded.dicomIntensity().label() + ")");
        }
        if (p.padding() != recorded.padding()) {
            changed.add("padding " + p.padding().label() + " (trained with " + recorded.padding().label() + ")");
        }
        if (!changed.isEmpty()) {
            notes.accept("note: as told, not as " + source + " was trained: " + String.join(", ", changed));
        }
        return p;
    }
}

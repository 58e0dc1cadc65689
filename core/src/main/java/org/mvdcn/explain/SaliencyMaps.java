package org.mvdcn.explain;

import java.util.EnumMap;
import java.util.Map;
import org.mvdcn.exam.ExamImages;
import org.mvdcn.exam.View;
import org.mvdcn.predict.Prediction;

/**
 * |dH/dx| for every pixel of each view, on the file's own pixel grid and in the file's own
 * orientation (mirroring undone), so a map lines up with the image a radiologist sees. x is the
 * network's input (the standardised image); pixels no crop covered are 0.
 *
 * @param exam the images the maps belong to
 * @param maps per view, row-major, height x width of that view's image
 * @param prediction the prediction the maps explain (same crops)
 */
public record SaliencyMaps(ExamImages exam, Map<View, float[]> maps, Prediction prediction) {

    public SaliencyMaps {
        maps = new EnumMap<>(maps);
    }

    public float[] map(View view) {
        return maps.get(view);
    }
}

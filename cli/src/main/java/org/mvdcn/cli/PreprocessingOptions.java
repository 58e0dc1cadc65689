package org.mvdcn.cli;

import org.mvdcn.UsageException;
import org.mvdcn.exam.IntensityMode;
import org.mvdcn.preprocess.Padding;
import org.mvdcn.preprocess.Preprocessing;
import org.mvdcn.preprocess.PreprocessingOverrides;
import picocli.CommandLine.Option;

/**
 * How images become network input. Training records these with the model; predict, explain and
 * evaluate use the model's record and take these only as deliberate overrides (each one noted).
 */
public final class PreprocessingOptions {

    @Option(names = "--crop", paramLabel = "HxW",
            description = "Crop size after down-scaling (training default 2600x2000; scoring: the model's).")
    String crop;

    @Option(names = "--downscale", paramLabel = "F",
            description = "Down-scale images by F (bicubic) before cropping; the resolution study uses 2, 4, 8 (training default 1; "
                    + "scoring: the model's).")
    Integer downscale;

    @Option(names = "--dicom-intensity", paramLabel = "MODE",
            description = "DICOM grey values: stored (modality rescale only, as the reference trained) or voi (the file's VOI LUT "
                    + "or window) (training default stored; scoring: the model's).")
    String dicomIntensity;

    @Option(names = "--padding", paramLabel = "MODE",
            description = "What a crop holds past a smaller image's border: background (its darkest value) or mean (0 after "
                    + "standardisation) (training default background; scoring: the model's).")
    String padding;

    /** What was given, as changes to a recorded preprocessing. */
    PreprocessingOverrides overrides() {
        if (downscale != null && downscale < 1) {
            throw new UsageException("--downscale must be at least 1, got " + downscale);
        }
        int[] hw = crop == null ? null : parseCrop(crop);
        return new PreprocessingOverrides(downscale, hw == null ? null : hw[0], hw == null ? null : hw[1],
                dicomIntensity == null ? null : IntensityMode.parse(dicomIntensity), padding == null ? null : Padding.parse(padding));
    }

    /** A new model's preprocessing: the paper's, changed where the options say. */
    Preprocessing forTraining() {
        return overrides().apply(Preprocessing.paper(), "", note -> { });
    }

    private static int[] parseCrop(String text) {
        String[] hw = text.toLowerCase(java.util.Locale.ROOT).split("x");
        try {
            if (hw.length == 2) {
                return new int[] {Integer.parseInt(hw[0].trim()), Integer.parseInt(hw[1].trim())};
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new UsageException("--crop must look like 2600x2000, got " + text);
    }
}

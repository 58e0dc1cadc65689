package org.mvdcn.cli;

import picocli.CommandLine.Option;

/** The network's input shape and width, shared by train and evaluate. */
public final class ShapeOptions {

    @Option(names = "--width", defaultValue = "1.0", paramLabel = "M", description = "Channel width multiplier (1 = the paper's).")
    double width;

    @Option(names = "--crop", defaultValue = "2600x2000", paramLabel = "HxW", description = "Crop size after down-scaling.")
    String crop;

    @Option(names = "--downscale", defaultValue = "1", paramLabel = "F",
            description = "Down-scale images by F (bicubic) before cropping: the resolution study uses 2, 4, 8.")
    int downscale;

    int cropHeight() {
        return parse()[0];
    }

    int cropWidth() {
        return parse()[1];
    }

    private int[] parse() {
        String[] hw = crop.toLowerCase().split("x");
        try {
            if (hw.length == 2) {
                return new int[] {Integer.parseInt(hw[0].trim()), Integer.parseInt(hw[1].trim())};
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("--crop must look like 2600x2000, got " + crop);
    }
}

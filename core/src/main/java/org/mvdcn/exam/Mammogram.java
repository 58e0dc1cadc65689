package org.mvdcn.exam;

import java.nio.file.Path;

/**
 * One decoded mammogram: grey values as floats in row-major order, exactly as stored in the file
 * (no orientation or intensity change yet), with the file it came from for error messages.
 */
public record Mammogram(Path source, int height, int width, float[] pixels) {

    public Mammogram {
        if (pixels.length != (long) height * width) {
            throw new IllegalArgumentException("pixel count " + pixels.length + " != " + height + "x" + width);
        }
    }

    public float at(int row, int column) {
        return pixels[row * width + column];
    }
}

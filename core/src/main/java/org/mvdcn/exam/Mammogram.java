package org.mvdcn.exam;

import java.nio.file.Path;

/**
 * One decoded mammogram: grey values as floats in row-major order, exactly as stored in the file
 * (no orientation or intensity change yet), with the file it came from for error messages, the
 * side of its chest wall where the file states it (DICOM PatientOrientation), and its equipment and
 * pixel spacing where the file states them ({@code acquisition}; null for PNG, and for an image
 * derived from another, whose pixels no longer have the file's size).
 */
public record Mammogram(Path source, int height, int width, float[] pixels, ChestWall chestWall, Acquisition acquisition) {

    /** Where the file says the chest wall is; UNSTATED leaves the decision to the pixels. */
    public enum ChestWall { LEFT, RIGHT, UNSTATED }

    public Mammogram {
        if (pixels.length != (long) height * width) {
            throw new IllegalArgumentException("pixel count " + pixels.length + " != " + height + "x" + width);
        }
    }

    /** An image whose file does not state its orientation or acquisition (PNG). */
    public Mammogram(Path source, int height, int width, float[] pixels) {
        this(source, height, width, pixels, ChestWall.UNSTATED);
    }

    /** An image whose acquisition is not known: a PNG's, or one derived from another's pixels. */
    public Mammogram(Path source, int height, int width, float[] pixels, ChestWall chestWall) {
        this(source, height, width, pixels, chestWall, null);
    }

    public float at(int row, int column) {
        return pixels[row * width + column];
    }
}

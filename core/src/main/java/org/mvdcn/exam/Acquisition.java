package org.mvdcn.exam;

/**
 * What an image file states of how it was acquired, as far as the checks before scoring compare
 * it with the training images: the equipment and the physical size of a pixel. DICOM states them;
 * PNG states neither (its images carry none: null where an {@code Acquisition} is expected).
 *
 * @param equipment the manufacturer and model
 * @param spacing millimetres between pixel centres; NaN when the file states none (the DICOM
 *     reader says which attribute it reads)
 */
public record Acquisition(Equipment equipment, double spacing) {

    public boolean statesSpacing() {
        return spacing > 0 && Double.isFinite(spacing);
    }
}

package org.mvdcn.dicom;

import com.pixelmed.dicom.AttributeList;
import java.nio.file.Path;

/**
 * One DICOM file as PixelMed read it, once ({@link DicomMammogramReader#parse}): what mvdcn needs
 * of its header, checked, and all its attributes, the pixel data among them. What is decoded and
 * what a result copies and refers to come from this one reading, not from reading the file again
 * (which may since have been replaced by another copy of the image).
 */
public record DicomInstance(DicomHeader header, AttributeList attributes) {

    public Path file() {
        return header.file();
    }
}

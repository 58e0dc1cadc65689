package org.mvdcn.dicom.results;

import com.pixelmed.dicom.AttributeList;
import com.pixelmed.validate.DicomSRValidator;

/** PixelMed's SR validator, built once per test JVM: building it compiles its templates (about 13 s). */
final class PixelMedSrValidator {

    private static DicomSRValidator validator;

    private PixelMedSrValidator() {}

    /** The validator's whole report: its errors are the lines starting with "Error". */
    static synchronized String report(AttributeList sr) throws Exception {
        if (validator == null) {
            validator = new DicomSRValidator();
        }
        return validator.validate(sr);
    }
}

package org.mvdcn.dicom.results;

import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.AttributeTag;
import com.pixelmed.dicom.CodedSequenceItem;
import com.pixelmed.dicom.DicomException;
import com.pixelmed.dicom.SequenceAttribute;

/** Short forms of PixelMed's attribute building, which the result builders repeat many times. */
final class Attributes {

    private Attributes() {}

    /** Puts the attribute with these values, or empty (a Type 2 attribute) when none are given; the VR comes from the dictionary. */
    static void put(AttributeList list, AttributeTag tag, String... values) throws DicomException {
        var attribute = list.putNewAttribute(tag);
        for (String v : values) {
            attribute.addValue(v);
        }
    }

    static SequenceAttribute sequence(AttributeTag tag, AttributeList... items) {
        SequenceAttribute s = new SequenceAttribute(tag);
        for (AttributeList item : items) {
            s.addItem(item);
        }
        return s;
    }

    static CodedSequenceItem code(String value, String scheme, String meaning) {
        try {
            return new CodedSequenceItem(value, scheme, meaning);
        } catch (DicomException e) {
            throw new IllegalStateException("code (" + value + ", " + scheme + ") not encodable", e);
        }
    }
}

package org.mvdcn.exam;

/**
 * The equipment an image file says made it: DICOM Manufacturer (0008,0070) and Manufacturer's
 * Model Name (0008,1090), trimmed. Compared exactly: a modality writes the same strings into every
 * image it makes, so another spelling is another modality's software (or another site's
 * configuration of it), which is worth telling as well.
 *
 * @param manufacturer empty when the file leaves it empty (it is Type 2: present, possibly empty)
 * @param model empty when the file does not state it
 */
public record Equipment(String manufacturer, String model) {

    /** For messages: "HOLOGIC, Inc. Selenia Dimensions", or what is missing said in words. */
    public String describe() {
        String m = manufacturer.isEmpty() ? "(manufacturer not stated)" : manufacturer;
        return model.isEmpty() ? m + " (model not stated)" : m + " " + model;
    }
}

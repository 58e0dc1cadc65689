package org.mvdcn.dicom.results;

import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.CodedSequenceItem;
import com.pixelmed.dicom.DicomException;
import com.pixelmed.dicom.SequenceAttribute;
import com.pixelmed.dicom.TagFromName;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

/**
 * The attributes every result object carries: the images' patient and study, a series of its own
 * with UIDs derived from the study and the algorithm version, the equipment that made it and the
 * algorithm as a contributing device.
 */
final class ResultHeader {

    /** What distinguishes one kind of result object from another in its header. */
    record Kind(String sopClassUid, String modality, String uidLabel, int seriesNumber, String seriesDescription) {}

    static final String MANUFACTURER = "mvdcn";

    /**
     * IHE AI Results (AIR) Rev 1.1, 6.5.3.1: each algorithm that generated the result is described
     * in the Contributing Equipment Sequence with this purpose of reference. It is IHE's own code:
     * DICOM's CID 7005 (Contributing Equipment Purpose of Reference) has none for an algorithm.
     */
    private static final CodedSequenceItem PROCESSING_ALGORITHM = Attributes.code("Newcode1", "99IHE", "Processing Algorithm");

    private static final DateTimeFormatter DA = DateTimeFormatter.ofPattern("yyyyMMdd");
    private static final DateTimeFormatter TM = DateTimeFormatter.ofPattern("HHmmss");

    private ResultHeader() {}

    static AttributeList of(SourceImages images, Algorithm algorithm, ZonedDateTime when, Kind kind) throws DicomException {
        AttributeList a = new AttributeList();
        images.copyPatientAndStudy(a);
        String study = images.studyUid();
        Attributes.put(a, TagFromName.SOPClassUID, kind.sopClassUid());
        Attributes.put(a, TagFromName.SOPInstanceUID, ResultUids.derive(study, algorithm.version(), kind.uidLabel(), "instance"));
        Attributes.put(a, TagFromName.SeriesInstanceUID, ResultUids.derive(study, algorithm.version(), kind.uidLabel(), "series"));
        Attributes.put(a, TagFromName.Modality, kind.modality());
        Attributes.put(a, TagFromName.SeriesNumber, Integer.toString(kind.seriesNumber()));
        Attributes.put(a, TagFromName.SeriesDescription, algorithm.name() + " " + kind.seriesDescription());
        Attributes.put(a, TagFromName.InstanceNumber, "1");
        Attributes.put(a, TagFromName.ContentDate, DA.format(when));
        Attributes.put(a, TagFromName.ContentTime, TM.format(when));
        Attributes.put(a, TagFromName.InstanceCreationDate, DA.format(when));
        Attributes.put(a, TagFromName.InstanceCreationTime, TM.format(when));
        Attributes.put(a, TagFromName.Manufacturer, MANUFACTURER);
        Attributes.put(a, TagFromName.ManufacturerModelName, algorithm.name());
        Attributes.put(a, TagFromName.SoftwareVersions, algorithm.softwareVersion());
        a.put(contributingEquipment(algorithm));
        return a;
    }

    /**
     * The algorithm as AIR asks: its model name, its version (the weights' hash) and a device UID
     * that changes whenever the weights do.
     */
    private static SequenceAttribute contributingEquipment(Algorithm algorithm) throws DicomException {
        AttributeList item = new AttributeList();
        item.put(CodedSequenceItem.newCodedSequenceAttribute(TagFromName.PurposeOfReferenceCodeSequence, PROCESSING_ALGORITHM));
        Attributes.put(item, TagFromName.Manufacturer, MANUFACTURER);
        Attributes.put(item, TagFromName.ManufacturerModelName, algorithm.name());
        Attributes.put(item, TagFromName.SoftwareVersions, algorithm.version());
        Attributes.put(item, TagFromName.DeviceUID, ResultUids.derive(algorithm.name(), algorithm.version()));
        Attributes.put(item, TagFromName.ContributionDescription, "BI-RADS 0/1/2 assessment of the four screening views");
        return Attributes.sequence(TagFromName.ContributingEquipmentSequence, item);
    }
}

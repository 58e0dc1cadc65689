package org.mvdcn.dicom.results;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.AttributeTag;
import com.pixelmed.dicom.DicomException;
import com.pixelmed.dicom.SequenceAttribute;
import com.pixelmed.dicom.TagFromName;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mvdcn.BadInputException;
import org.mvdcn.dicom.DicomInstance;
import org.mvdcn.exam.View;

/**
 * The exam's images as a result refers to them: their UIDs, and the patient and study the result
 * joins, from the attributes read when the exam was (no file is read here).
 */
final class SourceImages {

    /** One image's identity. */
    record Image(View view, String sopClassUid, String sopInstanceUid, String seriesUid) {}

    /**
     * The Patient, General Study and Patient Study modules (PS3.3 C.7.1.1, C.7.2.1, C.7.2.2):
     * copied so that the result files under the same patient and study as the images, with the
     * character set their names are written in.
     */
    private static final AttributeTag[] COPIED = {
        TagFromName.SpecificCharacterSet,
        TagFromName.PatientName, TagFromName.PatientID, TagFromName.IssuerOfPatientID,
        TagFromName.IssuerOfPatientIDQualifiersSequence, TagFromName.PatientBirthDate, TagFromName.PatientBirthTime,
        TagFromName.PatientSex, TagFromName.OtherPatientIDsSequence, TagFromName.PatientComments,
        TagFromName.PatientIdentityRemoved, TagFromName.DeidentificationMethod,
        TagFromName.DeidentificationMethodCodeSequence, TagFromName.EthnicGroup, TagFromName.QualityControlSubject,
        TagFromName.StudyInstanceUID, TagFromName.StudyDate, TagFromName.StudyTime, TagFromName.ReferringPhysicianName,
        TagFromName.ReferringPhysicianIdentificationSequence, TagFromName.StudyID, TagFromName.AccessionNumber,
        TagFromName.IssuerOfAccessionNumberSequence, TagFromName.StudyDescription, TagFromName.PhysiciansOfRecord,
        TagFromName.NameOfPhysiciansReadingStudy, TagFromName.ProcedureCodeSequence,
        TagFromName.AdmittingDiagnosesDescription, TagFromName.PatientAge, TagFromName.PatientSize,
        TagFromName.PatientWeight, TagFromName.Occupation, TagFromName.AdditionalPatientHistory,
    };

    /** Type 2 in those modules: present even when the images lack them. */
    private static final AttributeTag[] REQUIRED_EMPTY = {
        TagFromName.PatientName, TagFromName.PatientID, TagFromName.PatientBirthDate, TagFromName.PatientSex,
        TagFromName.StudyDate, TagFromName.StudyTime, TagFromName.ReferringPhysicianName, TagFromName.StudyID,
        TagFromName.AccessionNumber,
    };

    private final AttributeList first;
    private final String studyUid;
    private final List<Image> images;

    private SourceImages(AttributeList first, String studyUid, List<Image> images) {
        this.first = first;
        this.studyUid = studyUid;
        this.images = images;
    }

    /** The images in view order (the first view's gives the patient and study); all must be of one study. */
    static SourceImages of(Map<View, DicomInstance> images) {
        if (images.isEmpty()) {
            throw new IllegalArgumentException("a result refers to at least one image");
        }
        AttributeList first = null;
        String studyUid = null;
        List<Image> refs = new ArrayList<>();
        for (Map.Entry<View, DicomInstance> e : new EnumMap<>(images).entrySet()) {
            DicomInstance image = e.getValue();
            String study = uid(image, TagFromName.StudyInstanceUID);
            if (first == null) {
                first = image.attributes();
                studyUid = study;
            } else if (!study.equals(studyUid)) {
                throw new IllegalArgumentException("the images are of two studies (" + studyUid + " and " + study
                        + "): a result belongs to one");
            }
            refs.add(new Image(e.getKey(), uid(image, TagFromName.SOPClassUID), uid(image, TagFromName.SOPInstanceUID),
                    uid(image, TagFromName.SeriesInstanceUID)));
        }
        return new SourceImages(first, studyUid, List.copyOf(refs));
    }

    String studyUid() {
        return studyUid;
    }

    /** In view order. */
    List<Image> images() {
        return images;
    }

    /** Puts the first image's patient and study attributes into {@code target}. */
    void copyPatientAndStudy(AttributeList target) throws DicomException {
        for (AttributeTag tag : COPIED) {
            Attribute a = first.get(tag);
            if (a != null) {
                target.put(a);
            }
        }
        for (AttributeTag tag : REQUIRED_EMPTY) {
            if (target.get(tag) == null) {
                Attributes.put(target, tag);
            }
        }
    }

    /** The images as a Hierarchical SOP Instance Reference (PS3.3 C.17.2.1): study, then series, then instances. */
    SequenceAttribute hierarchicalReference(AttributeTag tag) throws DicomException {
        Map<String, SequenceAttribute> bySeries = new LinkedHashMap<>();
        for (Image i : images) {
            bySeries.computeIfAbsent(i.seriesUid(), s -> new SequenceAttribute(TagFromName.ReferencedSOPSequence))
                    .addItem(instance(i));
        }
        SequenceAttribute series = new SequenceAttribute(TagFromName.ReferencedSeriesSequence);
        for (Map.Entry<String, SequenceAttribute> e : bySeries.entrySet()) {
            AttributeList item = new AttributeList();
            Attributes.put(item, TagFromName.SeriesInstanceUID, e.getKey());
            item.put(e.getValue());
            series.addItem(item);
        }
        AttributeList study = new AttributeList();
        Attributes.put(study, TagFromName.StudyInstanceUID, studyUid);
        study.put(series);
        return Attributes.sequence(tag, study);
    }

    /** The images as a flat list of SOP references, e.g. a derived image's Source Image Sequence. */
    SequenceAttribute instanceReference(AttributeTag tag) throws DicomException {
        SequenceAttribute s = new SequenceAttribute(tag);
        for (Image i : images) {
            s.addItem(instance(i));
        }
        return s;
    }

    private static AttributeList instance(Image i) throws DicomException {
        AttributeList item = new AttributeList();
        Attributes.put(item, TagFromName.ReferencedSOPClassUID, i.sopClassUid());
        Attributes.put(item, TagFromName.ReferencedSOPInstanceUID, i.sopInstanceUid());
        return item;
    }

    private static String uid(DicomInstance image, AttributeTag tag) {
        String uid = Attribute.getSingleStringValueOrEmptyString(image.attributes(), tag).trim();
        if (uid.isEmpty()) {
            throw new BadInputException(image.file(), "no " + AttributeList.getDictionary().getNameFromTag(tag)
                    + ": a result cannot refer to the image");
        }
        return uid;
    }
}

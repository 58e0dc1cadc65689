package org.mvdcn.dicom.results;

import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.DicomException;
import com.pixelmed.dicom.StructuredReport;
import com.pixelmed.dicom.TagFromName;
import java.time.ZonedDateTime;
import java.util.Map;
import org.mvdcn.dicom.DicomInstance;
import org.mvdcn.exam.View;
import org.mvdcn.predict.Prediction;

/**
 * The case-level result as the PACS stores it beside the images: a Mammography CAD SR (PS3.3
 * A.35.5) in the images' study, in a series of its own.
 */
public final class MammographyCadSr {

    static final String SOP_CLASS = "1.2.840.10008.5.1.4.1.1.88.50";
    static final ResultHeader.Kind KIND = new ResultHeader.Kind(SOP_CLASS, "SR", "sr", 9001, "BI-RADS assessment (CAD SR)");

    private MammographyCadSr() {}

    /**
     * The report for the exam whose images (view to the image used, as read) are given; the
     * patient and study come from the first view's.
     */
    public static AttributeList build(Map<View, DicomInstance> images, Prediction prediction, Algorithm algorithm, ZonedDateTime when) {
        SourceImages source = SourceImages.of(images);
        try {
            AttributeList a = new StructuredReport(CadReportContent.build(source, prediction, algorithm)).getAttributeList();
            a.putAll(ResultHeader.of(source, algorithm, when, KIND));
            // made by software and signed by no one: complete, but not verified by a person
            Attributes.put(a, TagFromName.CompletionFlag, "COMPLETE");
            Attributes.put(a, TagFromName.VerificationFlag, "UNVERIFIED");
            // viewers find the images an SR speaks of through this sequence and refuse an SR without it
            a.put(source.hierarchicalReference(TagFromName.CurrentRequestedProcedureEvidenceSequence));
            a.put(Attributes.sequence(TagFromName.ReferencedPerformedProcedureStepSequence));
            a.put(Attributes.sequence(TagFromName.PerformedProcedureCodeSequence));
            a.put(Attributes.sequence(TagFromName.CodingSchemeIdentificationSequence, privateScheme()));
            return a;
        } catch (DicomException e) {
            throw new IllegalStateException("the CAD SR for study " + source.studyUid() + " could not be built: " + e.getMessage(), e);
        }
    }

    /** Declares the private coding scheme of the probabilities and the entropy (PS3.3 C.12.1.1.4). */
    private static AttributeList privateScheme() throws DicomException {
        AttributeList item = new AttributeList();
        Attributes.put(item, TagFromName.CodingSchemeDesignator, CadReportContent.SCHEME);
        Attributes.put(item, TagFromName.CodingSchemeName, "mvdcn result codes");
        Attributes.put(item, TagFromName.CodingSchemeResponsibleOrganization, ResultHeader.MANUFACTURER);
        return item;
    }
}

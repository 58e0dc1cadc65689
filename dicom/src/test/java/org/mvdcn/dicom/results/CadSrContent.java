package org.mvdcn.dicom.results;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.CodedSequenceItem;
import com.pixelmed.dicom.ContentItem;
import com.pixelmed.dicom.ContentItemFactory;
import com.pixelmed.dicom.DicomException;
import com.pixelmed.dicom.StructuredReport;
import com.pixelmed.dicom.TagFromName;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a Mammography CAD SR from {@link MammographyCadSr} says, read back with PixelMed's SR tree
 * for tests to check (the cli module's tests use it on what a PACS stored).
 */
public final class CadSrContent {

    /** CID 6026 codes, by the BI-RADS category each stands for. */
    private static final List<String> ASSESSMENTS = List.of("397138000", "397140005", "397141009");

    private final AttributeList sr;
    private final ContentItem root;
    private final ContentItem summary;

    private CadSrContent(AttributeList sr, ContentItem root) {
        this.sr = sr;
        this.root = root;
        this.summary = child(root, "DCM", "111017");
    }

    public static CadSrContent of(AttributeList sr) {
        try {
            return new CadSrContent(sr, (ContentItem) new StructuredReport(sr).getRoot());
        } catch (DicomException e) {
            throw new IllegalStateException("not a readable SR: " + e.getMessage(), e);
        }
    }

    public String studyUid() {
        return Attribute.getSingleStringValueOrEmptyString(sr, TagFromName.StudyInstanceUID);
    }

    /** The assessed BI-RADS category, 0 to 2. */
    public int assessmentCategory() {
        String code = code(summary, "DCM", "111005").getCodeValue();
        if (!ASSESSMENTS.contains(code)) {
            throw new IllegalStateException("assessment code " + code + " is not BI-RADS 0, 1 or 2");
        }
        return ASSESSMENTS.indexOf(code);
    }

    /** The CAD Processing and Findings Summary's value (CID 6047). */
    public String findingsSummary() {
        return ((ContentItemFactory.CodeContentItem) summary).getConceptCode().getCodeValue();
    }

    /** Whether the summary carries a BI-RADS assessment category. */
    public boolean hasAssessment() {
        return summary.getNamedChild("DCM", "111005") != null;
    }

    /** The reasons an exam was not assessed, in order. */
    public List<String> notAssessedBecause() {
        List<String> reasons = new java.util.ArrayList<>();
        for (int i = 0; i < summary.getChildCount(); i++) {
            ContentItem c = (ContentItem) summary.getChildAt(i);
            if ("NOT-ASSESSED".equals(c.getConceptNameCodeValue())) {
                reasons.add(c.getSingleStringValueOrNull().strip());
            }
        }
        return reasons;
    }

    /** Certainty of impression, in percent. */
    public double certainty() {
        return number(summary, "DCM", "111013");
    }

    public double probability(int category) {
        return number(summary, CadReportContent.SCHEME, "P-BIRADS-" + category);
    }

    /** In nats. */
    public double entropy() {
        return number(summary, CadReportContent.SCHEME, "ENTROPY");
    }

    /** TEXT values come back padded to even length with a space. */
    public String algorithmName() {
        return summary.getSingleStringValueOrNullOfNamedChild("DCM", "111001").strip();
    }

    public String algorithmVersion() {
        return summary.getSingleStringValueOrNullOfNamedChild("DCM", "111003").strip();
    }

    /** The Image Library's images: SOP instance UID to the code value of the item's concept under {@code name}. */
    public Map<String, String> imageContext(String scheme, String name) {
        ContentItem library = child(root, "DCM", "111028");
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 0; i < library.getChildCount(); i++) {
            ContentItem image = (ContentItem) library.getChildAt(i);
            values.put(image.getReferencedSOPInstanceUID(), code(image, scheme, name).getCodeValue());
        }
        return values;
    }

    private static ContentItem child(ContentItem parent, String scheme, String value) {
        ContentItem c = parent.getNamedChild(scheme, value);
        if (c == null) {
            throw new IllegalStateException("no (" + value + ", " + scheme + ") under " + parent.getConceptNameCodeMeaning());
        }
        return c;
    }

    private static CodedSequenceItem code(ContentItem parent, String scheme, String value) {
        return ((ContentItemFactory.CodeContentItem) child(parent, scheme, value)).getConceptCode();
    }

    private static double number(ContentItem parent, String scheme, String value) {
        return Double.parseDouble(((ContentItemFactory.NumericContentItem) child(parent, scheme, value)).getNumericValue());
    }
}

package org.mvdcn.dicom.results;

import static org.mvdcn.dicom.results.Attributes.code;

import com.pixelmed.dicom.CodedSequenceItem;
import com.pixelmed.dicom.ContentItem;
import com.pixelmed.dicom.ContentItemFactory;
import com.pixelmed.dicom.DicomException;
import java.math.BigDecimal;
import java.math.MathContext;
import org.mvdcn.exam.View;
import org.mvdcn.predict.Prediction;

/**
 * The content tree of a Mammography CAD Report (PS3.16 TID 4000) for a case-level BI-RADS
 * assessment: no detections or analyses of regions, one overall impression with the algorithm
 * that made it and the distribution it came from. An exam not assessed (a check before scoring
 * withheld it) gets no assessment, no certainty and no distribution: the summary says that not all
 * algorithms succeeded, and why, in words.
 */
final class CadReportContent {

    /** mvdcn's own codes, for what no standard code says: the distribution behind the assessment. */
    static final String SCHEME = "99MVDCN";
    private static final CodedSequenceItem[] PROBABILITY = {
        code("P-BIRADS-0", SCHEME, "Probability of BI-RADS 0"),
        code("P-BIRADS-1", SCHEME, "Probability of BI-RADS 1"),
        code("P-BIRADS-2", SCHEME, "Probability of BI-RADS 2"),
    };
    private static final CodedSequenceItem ENTROPY = code("ENTROPY", SCHEME, "Prediction entropy");
    private static final CodedSequenceItem NOT_ASSESSED_BECAUSE = code("NOT-ASSESSED", SCHEME, "Not assessed because");

    /** CID 6026 (Mammography Assessment) for the three classes the network predicts, meanings as PixelMed's validator has them. */
    private static final CodedSequenceItem[] ASSESSMENT = {
        code("397138000", "SCT", "0 - Incomplete - Need additional imaging evaluation +/- priors"),
        code("397140005", "SCT", "1 - Negative"),
        code("397141009", "SCT", "2 - Benign"),
    };
    private static final CodedSequenceItem RIGHT_BREAST = code("73056007", "SCT", "Right breast");
    private static final CodedSequenceItem LEFT_BREAST = code("80248007", "SCT", "Left breast");
    private static final CodedSequenceItem CRANIO_CAUDAL = code("399162004", "SCT", "cranio-caudal");
    private static final CodedSequenceItem MEDIO_LATERAL_OBLIQUE = code("399368009", "SCT", "medio-lateral oblique");

    private static final CodedSequenceItem REPORT = code("111036", "DCM", "Mammography CAD Report");
    private static final CodedSequenceItem IMAGE_LIBRARY = code("111028", "DCM", "Image Library");
    private static final CodedSequenceItem IMAGE_LATERALITY = code("111027", "DCM", "Image Laterality");
    private static final CodedSequenceItem IMAGE_VIEW = code("111031", "DCM", "Image View");
    private static final CodedSequenceItem FINDINGS_SUMMARY = code("111017", "DCM", "CAD Processing and Findings Summary");
    private static final CodedSequenceItem ASSESSMENT_CATEGORY = code("111005", "DCM", "Assessment Category");
    private static final CodedSequenceItem CERTAINTY = code("111013", "DCM", "Certainty of impression");
    private static final CodedSequenceItem ALGORITHM_NAME = code("111001", "DCM", "Algorithm Name");
    private static final CodedSequenceItem ALGORITHM_VERSION = code("111003", "DCM", "Algorithm Version");
    private static final CodedSequenceItem SUMMARY_OF_DETECTIONS = code("111064", "DCM", "Summary of Detections");
    private static final CodedSequenceItem SUMMARY_OF_ANALYSES = code("111065", "DCM", "Summary of Analyses");

    private static final CodedSequenceItem LANGUAGE = code("121049", "DCM", "Language of Content Item and Descendants");
    private static final CodedSequenceItem ENGLISH = code("en-US", "RFC5646", "English (United States)");
    private static final CodedSequenceItem WITHOUT_FINDINGS = code("111241", "DCM", "All algorithms succeeded; without findings");
    /**
     * CID 6047 for an exam the checks before scoring withheld: the checks ran and found why, the
     * BI-RADS assessment did not succeed; no findings either way.
     */
    private static final CodedSequenceItem NOT_ALL_SUCCEEDED = code("111243", "DCM", "Not all algorithms succeeded; without findings");
    private static final CodedSequenceItem NOT_ATTEMPTED = code("111225", "DCM", "Not Attempted");
    private static final CodedSequenceItem PERCENT = code("%", "UCUM", "Percent");
    private static final CodedSequenceItem NO_UNITS = code("1", "UCUM", "no units");
    private static final CodedSequenceItem NATS = code("{nat}", "UCUM", "nat");

    /** A DS value holds 16 characters; 10 significant digits fit any value here and keep far more than 1e-6. */
    private static final MathContext DS_DIGITS = new MathContext(10);

    private CadReportContent() {}

    static ContentItem build(SourceImages images, Prediction prediction, Algorithm algorithm) throws DicomException {
        double[] p = prediction.probabilities();
        if (p.length != PROBABILITY.length) {
            throw new IllegalArgumentException(p.length + " class probabilities; the CAD SR reports BI-RADS 0, 1 and 2");
        }
        ContentItemFactory f = new ContentItemFactory();
        ContentItem root = f.makeContainerContentItem(null, null, REPORT, true, "DCMR", "4000");
        f.makeCodeContentItem(root, "HAS CONCEPT MOD", LANGUAGE, ENGLISH);
        ContentItem library = f.makeContainerContentItem(root, "CONTAINS", IMAGE_LIBRARY, true);
        for (SourceImages.Image i : images.images()) {
            ContentItem image = f.makeImageContentItem(library, "CONTAINS", null, i.sopClassUid(), i.sopInstanceUid(),
                    0, 0, null, null, null, null);
            f.makeCodeContentItem(image, "HAS ACQ CONTEXT", IMAGE_LATERALITY,
                    i.view().laterality() == View.Laterality.RIGHT ? RIGHT_BREAST : LEFT_BREAST);
            f.makeCodeContentItem(image, "HAS ACQ CONTEXT", IMAGE_VIEW,
                    i.view().projection() == View.Projection.CC ? CRANIO_CAUDAL : MEDIO_LATERAL_OBLIQUE);
        }
        if (!prediction.assessed()) {
            ContentItem summary = f.makeCodeContentItem(root, "CONTAINS", FINDINGS_SUMMARY, NOT_ALL_SUCCEEDED);
            algorithm(f, summary, algorithm);
            for (String reason : prediction.notAssessedBecause()) {
                f.makeTextContentItem(summary, "HAS PROPERTIES", NOT_ASSESSED_BECAUSE, reason);
            }
        } else {
            int assessed = prediction.predictedClass();
            ContentItem summary = f.makeCodeContentItem(root, "CONTAINS", FINDINGS_SUMMARY, WITHOUT_FINDINGS);
            f.makeCodeContentItem(summary, "HAS PROPERTIES", ASSESSMENT_CATEGORY, ASSESSMENT[assessed]);
            number(f, summary, CERTAINTY, 100 * p[assessed], PERCENT);
            algorithm(f, summary, algorithm);
            // after the algorithm, where TID 4002 puts its calculated values: the distribution the
            // assessment and its certainty were read from, for whoever weighs the result
            for (int k = 0; k < p.length; k++) {
                number(f, summary, PROBABILITY[k], p[k], NO_UNITS);
            }
            number(f, summary, ENTROPY, prediction.entropy(), NATS);
        }
        f.makeCodeContentItem(root, "CONTAINS", SUMMARY_OF_DETECTIONS, NOT_ATTEMPTED);
        f.makeCodeContentItem(root, "CONTAINS", SUMMARY_OF_ANALYSES, NOT_ATTEMPTED);
        return root;
    }

    private static void algorithm(ContentItemFactory f, ContentItem summary, Algorithm algorithm) throws DicomException {
        f.makeTextContentItem(summary, "HAS PROPERTIES", ALGORITHM_NAME, algorithm.name());
        f.makeTextContentItem(summary, "HAS PROPERTIES", ALGORITHM_VERSION, algorithm.version());
    }

    private static void number(ContentItemFactory f, ContentItem parent, CodedSequenceItem name, double value,
            CodedSequenceItem unit) throws DicomException {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException(name.getCodeMeaning() + " is " + value + ": not reportable");
        }
        f.makeNumericContentItem(parent, "HAS PROPERTIES", name, decimalString(value), unit);
    }

    /** Plain notation when it fits in a DS, else scientific. */
    static String decimalString(double value) {
        BigDecimal d = new BigDecimal(value).round(DS_DIGITS).stripTrailingZeros();
        String plain = d.toPlainString();
        return plain.length() <= 16 ? plain : d.toString();
    }
}

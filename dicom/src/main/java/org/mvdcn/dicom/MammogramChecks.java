package org.mvdcn.dicom;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.AttributeTag;
import com.pixelmed.dicom.SOPClass;
import com.pixelmed.dicom.SequenceAttribute;
import com.pixelmed.dicom.TagFromName;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.mvdcn.assess.ExamCheck;

/**
 * The checks a screening CAD makes on a mammogram's attributes before it scores it: the network
 * was trained on acquired 2D screening views of whole breasts without implants, and its score
 * means nothing for anything else. Every finding here withholds the assessment; a study folder
 * prefers an image of the same view without one ({@link DicomExamFolder}). A finding's reason says
 * what was found, not where: the exam adds the view and the file.
 */
final class MammogramChecks {

    /** Breast Implant Present, Partial View (YES or NO) and its description: missing from PixelMed's TagFromName. */
    static final AttributeTag BREAST_IMPLANT_PRESENT = new AttributeTag(0x0028, 0x1300);
    static final AttributeTag PARTIAL_VIEW = new AttributeTag(0x0028, 0x1350);
    static final AttributeTag PARTIAL_VIEW_DESCRIPTION = new AttributeTag(0x0028, 0x1351);

    /**
     * Image Type value of a "mathematically generated 2D view": a defined term of Value 4 (PS3.3
     * C.8.11.7.1.4, Table C.8-74d), which dicom3tools' dciodvfy knows as one.
     */
    private static final String GENERATED_2D = "GENERATED_2D";

    /**
     * The CID 4015 "View Modifier for Mammography" (PS3.16) codes that make the image another view
     * than the screening CC or MLO: work-up views of part of the breast, at another scale or in
     * another position. Each by its SNOMED CT code and its SNOMED-RT (SRT) predecessor, as pydicom's
     * sr/_concepts_dict.py and sr/_snomed_dict.py (generated from PS3.16) pair them and dcm4che2's
     * org.dcm4che2.code.ViewModifierForMammography lists the SRT ones. Not flagged: nipple in profile
     * (442581004, R-40AB3), axillary tissue (442580003, R-40AB2) and infra-mammary fold (442593008,
     * R-40ABE), which say what a well-positioned screening view shows rather than change it.
     */
    private static final Map<String, String> CHANGING_MODIFIERS = byCode(
            "399055006", "R-102D7", "spot compression", // a small field compressed harder
            "399163009", "R-102D6", "magnification", // another scale than the detector's
            "399209000", "R-102D5", "implant displaced", // the Eklund view: the implant pushed back
            "441752004", "P2-00161", "anterior compression",
            "399161006", "R-102D2", "cleavage", // the medial tissue of both breasts
            "399011000", "R-102D1", "axillary tail",
            "399110001", "R-102C2", "tangential", // the beam along a skin or palpable finding
            "399197002", "R-102D3", "rolled lateral", // rolled: the breast turned to separate overlapping tissue
            "399226006", "R-102D4", "rolled medial",
            "415670009", "R-102C9", "rolled superior",
            "414493004", "R-102CA", "rolled inferior");

    private MammogramChecks() {}

    static List<ExamCheck> check(AttributeList a) {
        List<ExamCheck> found = new ArrayList<>();
        if (DicomHeader.text(a, BREAST_IMPLANT_PRESENT).equalsIgnoreCase("YES")) {
            found.add(ExamCheck.notAssessed("implant", "a breast implant (Breast Implant Present YES): the model was not "
                    + "trained on breasts with implants"));
        }
        for (String modifier : changingModifiers(a)) {
            found.add(ExamCheck.notAssessed("view-modifier", "view modifier " + modifier + ": a work-up view, not the "
                    + "screening CC or MLO the model reads"));
        }
        if (DicomHeader.text(a, PARTIAL_VIEW).equalsIgnoreCase("YES")) {
            String description = DicomHeader.text(a, PARTIAL_VIEW_DESCRIPTION);
            found.add(ExamCheck.notAssessed("partial-view", "a partial view of the breast (Partial View YES"
                    + (description.isEmpty() ? "" : ": " + description) + "): the model reads views of the whole breast"));
        }
        String synthesised = synthesised(a);
        if (synthesised != null) {
            found.add(ExamCheck.notAssessed("synthesised-2d", "a 2D image synthesised from tomosynthesis (" + synthesised
                    + "): the model was trained on acquired 2D mammograms"));
        }
        return List.copyOf(found);
    }

    /**
     * What marks the image as synthesised, or null: the Breast Projection X-Ray SOP class (single-frame
     * ones get here; its multi-frame tomosynthesis projections were refused), or GENERATED_2D in any
     * value of Image Type, not only the fourth that PS3.3 names: a file that puts it elsewhere is no
     * less synthesised.
     */
    private static String synthesised(AttributeList a) {
        if (DicomHeader.text(a, TagFromName.SOPClassUID).equals(SOPClass.BreastProjectionXRayImageStorageForPresentation)) {
            return "a Breast Projection X-Ray image";
        }
        String[] type = Attribute.getStringValues(a, TagFromName.ImageType);
        return type != null && Arrays.stream(type).anyMatch(v -> v != null && v.trim().equals(GENERATED_2D))
                ? "Image Type " + String.join("\\", type) : null;
    }

    /** The names of the image-changing modifiers in the View Code Sequence's items (where PS3.3 puts them) or beside it. */
    private static List<String> changingModifiers(AttributeList a) {
        List<AttributeList> holders = new ArrayList<>(List.of(a));
        if (a.get(TagFromName.ViewCodeSequence) instanceof SequenceAttribute views) {
            for (int i = 0; i < views.getNumberOfItems(); i++) {
                holders.add(views.getItem(i).getAttributeList());
            }
        }
        List<String> names = new ArrayList<>();
        for (AttributeList holder : holders) {
            if (holder.get(TagFromName.ViewModifierCodeSequence) instanceof SequenceAttribute modifiers) {
                for (int i = 0; i < modifiers.getNumberOfItems(); i++) {
                    String code = DicomHeader.text(modifiers.getItem(i).getAttributeList(), TagFromName.CodeValue);
                    String named = CHANGING_MODIFIERS.get(code) + " (code " + code + ")";
                    if (CHANGING_MODIFIERS.containsKey(code) && !names.contains(named)) {
                        names.add(named);
                    }
                }
            }
        }
        return names;
    }

    /** SNOMED CT code, SRT code and name, repeated: both codes to the name. */
    private static Map<String, String> byCode(String... sctSrtName) {
        Map<String, String> byCode = new HashMap<>();
        for (int i = 0; i < sctSrtName.length; i += 3) {
            byCode.put(sctSrtName[i], sctSrtName[i + 2]);
            byCode.put(sctSrtName[i + 1], sctSrtName[i + 2]);
        }
        return Map.copyOf(byCode);
    }
}

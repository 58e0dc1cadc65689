package org.mvdcn.assess;

import java.nio.file.Path;
import java.util.List;

/**
 * A mammogram format whose files state what the image is (DICOM: an implant, a work-up view, a
 * synthesised 2D image). Its reader implements this beside {@link org.mvdcn.exam.MammogramFormat},
 * so that core checks a file's attributes without knowing its format: {@link ExamChecks#attributes}
 * asks whichever format the file is in.
 */
public interface AttributeChecks {

    /** What the file's attributes show, its header alone read; the reasons say what was found, not where. */
    List<ExamCheck> checkAttributes(Path file);
}

package org.mvdcn.data;

import java.time.LocalDate;
import java.time.LocalDateTime;
import org.mvdcn.exam.View;

/**
 * One row of a manifest as written: {@code patient_id,exam_id,exam_date,view,image_path,acquired_at,label,split},
 * and {@code breast_label} (the BI-RADS of the view's breast) where a manifest has one.
 * {@code imagePath} is relative to the manifest's folder; nullable fields are written empty.
 */
public record ManifestRow(String patientId, String examId, LocalDate examDate, View view, String imagePath,
        LocalDateTime acquiredAt, Integer label, Split split, Integer breastLabel) {

    /** A row without a breast label. */
    public ManifestRow(String patientId, String examId, LocalDate examDate, View view, String imagePath,
            LocalDateTime acquiredAt, Integer label, Split split) {
        this(patientId, examId, examDate, view, imagePath, acquiredAt, label, split, null);
    }
}

package org.mvdcn.data;

import java.time.LocalDate;
import java.time.LocalDateTime;
import org.mvdcn.exam.View;

/**
 * One row of a manifest as written: {@code patient_id,exam_id,exam_date,view,image_path,acquired_at,label,split}.
 * {@code imagePath} is relative to the manifest's folder; nullable fields are written empty.
 */
public record ManifestRow(String patientId, String examId, LocalDate examDate, View view, String imagePath,
        LocalDateTime acquiredAt, Integer label, Split split) {}

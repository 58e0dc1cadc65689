package org.mvdcn.datasets;

import java.util.Collection;

/**
 * The exam-level screening BI-RADS from per-breast or per-finding assessments: any 0 (recall)
 * makes the exam 0, else any 2 (benign finding) makes it 2, else 1 (negative). Assessments 3 to 6
 * are diagnostic categories outside the paper's label space, so such exams are dropped.
 */
public final class ExamLabel {

    /** The label, or why there is none ({@code label} null and {@code dropReason} set). */
    public record Outcome(Integer label, String dropReason) {}

    public static final String RULE = "exam BI-RADS = 0 if any breast/finding is 0, else 2 if any is 2, else 1; "
            + "exams with any assessment 3-6 (diagnostic) dropped";

    private ExamLabel() {}

    public static Outcome of(Collection<Integer> assessments) {
        if (assessments.isEmpty()) {
            return new Outcome(null, null);
        }
        int worst = assessments.stream().mapToInt(Integer::intValue).max().orElseThrow();
        if (worst >= 3) {
            return new Outcome(null, "exam with BI-RADS " + worst + " (diagnostic category, outside 0/1/2)");
        }
        if (assessments.contains(0)) {
            return new Outcome(0, null);
        }
        return new Outcome(assessments.contains(2) ? 2 : 1, null);
    }
}

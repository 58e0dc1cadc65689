package org.mvdcn.assess;

import org.mvdcn.exam.View;

/**
 * One finding of the checks a screening CAD makes before it trusts its own score: an image it
 * was not made for (an implant, a spot compression, a synthesised 2D view), an exam unlike its
 * training exams. A {@link Severity#NOT_ASSESSED} finding withholds the assessment; a
 * {@link Severity#WARNING} is shown beside it. The README's table lists every check and its severity.
 *
 * @param severity whether it withholds the assessment
 * @param code a stable name for tables and the web page ({@code implant}, {@code out-of-distribution})
 * @param reason what was found, in words, naming the view or file
 */
public record ExamCheck(Severity severity, String code, String reason) {

    public enum Severity { NOT_ASSESSED, WARNING }

    public static ExamCheck notAssessed(String code, String reason) {
        return new ExamCheck(Severity.NOT_ASSESSED, code, reason);
    }

    public static ExamCheck warning(String code, String reason) {
        return new ExamCheck(Severity.WARNING, code, reason);
    }

    public boolean withholds() {
        return severity == Severity.NOT_ASSESSED;
    }

    /** A file's finding as the exam's: the reason prefixed with the view and the file ("L-CC a.dcm: ..."). */
    public ExamCheck in(View view, String file) {
        return new ExamCheck(severity, code, view.label() + " " + file + ": " + reason);
    }
}

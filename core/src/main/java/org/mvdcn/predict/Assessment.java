package org.mvdcn.predict;

import java.util.Arrays;
import java.util.List;
import org.mvdcn.assess.ExamCheck;
import org.mvdcn.ood.OodCheck;

/**
 * What the checks said of one scored exam, in the few values a table of many exams keeps
 * (evaluate's predictions.csv, the Spark scorer's table), judged as {@link Prediction} judges a
 * single exam.
 *
 * @param oodScore the exam's out-of-distribution score; null when the model carries no check
 * @param assessed whether nothing found withholds the assessment
 * @param checks the code of each kind of finding, once, in the order found (warnings too): the
 *     checks before scoring, then the out-of-distribution one
 */
public record Assessment(Double oodScore, boolean assessed, List<String> checks) {

    /** Between the codes in a table's cell: none of them has one. */
    public static final String SEPARATOR = ";";

    public Assessment {
        checks = List.copyOf(checks);
    }

    /** An exam's assessment from its checks before scoring and its out-of-distribution check (null: the model has none). */
    public static Assessment of(OodCheck ood, List<ExamCheck> checks) {
        List<ExamCheck> found = Prediction.findings(ood, checks);
        return new Assessment(ood == null ? null : ood.distance(), found.stream().noneMatch(ExamCheck::withholds),
                found.stream().map(ExamCheck::code).distinct().toList());
    }

    /** As a table wrote it: {@code codes} as {@link #codes} joined them (empty: none). */
    public static Assessment of(Double oodScore, boolean assessed, String codes) {
        return new Assessment(oodScore, assessed, codes.isEmpty() ? List.of() : Arrays.asList(codes.split(SEPARATOR)));
    }

    /** The codes in one cell: "implant;equipment", empty when nothing was found. */
    public String codes() {
        return String.join(SEPARATOR, checks);
    }

    /** Whether the out-of-distribution check flagged the exam (without the check, its code is a warning that it was not made). */
    public boolean flagged() {
        return oodScore != null && checks.contains(Prediction.OUT_OF_DISTRIBUTION);
    }
}

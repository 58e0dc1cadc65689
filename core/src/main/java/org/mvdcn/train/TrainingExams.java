package org.mvdcn.train;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.mvdcn.BadInputException;
import org.mvdcn.data.ExamRecord;
import org.mvdcn.data.Manifest;
import org.mvdcn.data.Split;
import org.mvdcn.data.SplitAssignment;
import org.mvdcn.model.OutputHead;

/**
 * The exams a run trains on (the labelled training exams of its share of the patients) and
 * validates on (the labelled validation exams): what training and the steps after it both read.
 */
record TrainingExams(List<ExamRecord> train, List<ExamRecord> validation) {

    /** The exams of a run with {@code options} on {@code manifest} split as {@code split}; both sets must hold exams. */
    static TrainingExams of(Manifest manifest, SplitAssignment split, TrainingOptions options) {
        List<ExamRecord> train = subset(split.selectLabelled(manifest.exams(), Split.TRAIN), options.data().fraction(),
                options.run().seed());
        List<ExamRecord> validation = split.selectLabelled(manifest.exams(), Split.VALIDATION);
        if (train.isEmpty() || validation.isEmpty()) {
            throw new BadInputException(manifest.file(), "needs labelled exams in both the training and the validation split"
                    + " (have " + train.size() + " and " + validation.size() + ")");
        }
        if (options.initialisation().head() == OutputHead.BREAST) {
            List<String> without = train.stream().filter(e -> !e.hasBreastLabels()).map(ExamRecord::examId).toList();
            if (!without.isEmpty()) {
                throw new BadInputException(manifest.file(), "--head breast trains on each breast's label, and " + without.size()
                        + " of the " + train.size() + " training exams have none (a " + Manifest.BREAST_LABEL + " for each view's row), "
                        + "first " + without.get(0) + "; give the manifest that column or train with --head exam");
            }
        }
        return new TrainingExams(train, validation);
    }

    /** A seeded share of the training patients, with all their exams (the data-size study): smaller shares nest in larger ones. */
    static List<ExamRecord> subset(List<ExamRecord> exams, double fraction, long seed) {
        if (fraction >= 1) {
            return exams;
        }
        List<String> patients = new ArrayList<>(exams.stream().map(ExamRecord::patientId).distinct().sorted().toList());
        Collections.shuffle(patients, new Random(seed));
        Set<String> kept = new HashSet<>(patients.subList(0, (int) Math.ceil(fraction * patients.size())));
        return exams.stream().filter(e -> kept.contains(e.patientId())).toList();
    }
}

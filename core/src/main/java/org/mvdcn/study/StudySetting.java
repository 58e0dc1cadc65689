package org.mvdcn.study;

import org.mvdcn.preprocess.Preprocessing;
import org.mvdcn.train.TrainingOptions;

/**
 * One column of a study: a name (its folder), the label shown in the table, how its model is
 * trained and fed, and the paper's macAUC for the same setting when the paper reports one (NaN otherwise).
 */
public record StudySetting(String name, String label, TrainingOptions options, Preprocessing preprocessing, double paperMacAuc) {}

package org.mvdcn.study;

import org.mvdcn.train.TrainingOptions;

/**
 * One column of a study: a name (its folder), the label shown in the table, the training options,
 * and the paper's macAUC for the same setting when the paper reports one (NaN otherwise).
 */
public record StudySetting(String name, String label, TrainingOptions options, double paperMacAuc) {}

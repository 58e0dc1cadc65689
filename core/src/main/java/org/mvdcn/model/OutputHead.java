package org.mvdcn.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import org.mvdcn.EnumLabels;

/**
 * What the network's head reads and what it is trained against ({@code --head}).
 * <ul>
 * <li>{@code exam}: the paper's; one head on the four views' features, trained on the exam's label.
 * <li>{@code breast}: one head (the same layers, shared by both breasts) on each breast's CC and
 *     MLO features, trained on each breast's own label (a manifest's {@code breast_label}); the
 *     exam's probabilities follow from the two breasts' by the rule that makes an exam's label from
 *     its breasts' ({@link ExamRule}). A finding in one breast then teaches the views that hold
 *     it, where an exam label leaves the network to find which of four views earned it: in the
 *     positive control (docs/studies/positive-control.md) exam labels left the network blind to
 *     fine calcifications that breast labels taught it within two epochs.
 * </ul>
 * The layers keep the paper's shapes: fc1 and fc2 on 2C features instead of 4C, and their
 * parameters are named {@code breast_fc1}, {@code breast_fc2} in files, so a file says which it is.
 */
public enum OutputHead {
    EXAM(""), BREAST("breast_");

    private final String prefix;

    OutputHead(String prefix) {
        this.prefix = prefix;
    }

    /** The name a file gives the head's layer {@code layer} ({@code fc1}, {@code fc2}). */
    public String parameter(String layer) {
        return prefix + layer;
    }

    /** How many views' features the head reads at once. */
    int viewsPerInput() {
        return this == EXAM ? 4 : 2;
    }

    @JsonValue
    public String label() {
        return EnumLabels.of(this);
    }

    @JsonCreator
    public static OutputHead parse(String text) {
        return EnumLabels.parse(OutputHead.class, text, "head");
    }
}

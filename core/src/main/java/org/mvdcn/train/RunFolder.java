package org.mvdcn.train;

import java.nio.file.Path;

/** The files of a training run, named in one place. */
public record RunFolder(Path dir) {

    /** {@link RunRecord}: what made the model. */
    public Path record() {
        return dir.resolve("run.json");
    }

    /** The best-validation model (reference names, preprocessing in its metadata). */
    public Path best() {
        return dir.resolve("best.safetensors");
    }

    /** Weights and optimiser moments of the last checkpoint. */
    public Path checkpoint() {
        return dir.resolve("checkpoint.safetensors");
    }

    /** {@link CheckpointState}: the counters and history beside {@link #checkpoint()}. */
    public Path checkpointState() {
        return dir.resolve("checkpoint.json");
    }

    /** One JSON line per finished epoch. */
    public Path metrics() {
        return dir.resolve("metrics.jsonl");
    }

    public Path curve() {
        return dir.resolve("training-curve.png");
    }

    /** Per-layer activation and gradient measurements ({@code --layer-stats-every}); a picture of them beside. */
    public Path layerStats() {
        return dir.resolve("layer-stats.csv");
    }

    public Path layerStatsFigure() {
        return dir.resolve("layer-stats.png");
    }

    /** The patient-wise split the run was trained on. */
    public Path split() {
        return dir.resolve("split.csv");
    }

    /** {@link org.mvdcn.eval.ShiftReport}: the out-of-distribution check measured on shifted test exams ({@code ood --shifts}). */
    public Path oodShifts() {
        return dir.resolve("ood-shifts.json");
    }

    /** Where {@code evaluate --run} writes by default. */
    public Path evaluation() {
        return dir.resolve("evaluation");
    }
}

package org.mvdcn.model;

import ai.djl.ndarray.NDArray;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.List;

/**
 * Activation checkpointing of each column's first block (conv1 -> pool1 -> ReLU) in a training
 * pass. That block's convolution output is by far the largest map of the network (32 x 1299 x
 * 999 values per full-resolution view, 2.6 GB for a batch of 4 exams), and a recorded pass keeps
 * it, and max-pooling's indices, alive until the backward: most of a training step's peak memory,
 * and streaming it through pooling, ReLU and their backward is most of the step's time outside
 * the convolutions (bench/RESULTS.md, issue 14). So the block runs without recording, in the
 * banded channels-last form inference uses; its pooled output (a ninth of the size) becomes a leaf
 * the rest of the pass records from; and after the loss's backward, {@link #backward} computes the
 * block again band by band while recording and runs each band's backward at once with its rows of
 * the leaf's gradient. The weight and bias gradients are the same sums, taken band by band.
 *
 * <p>It travels in the forward's parameters, as {@link LayerProbe} does; {@link TrainingPass}
 * makes one per pass, with the layout the rest of the pass runs in ({@link TrainingLayout}).
 */
final class StemCheckpoints implements AutoCloseable {

    private record Deferred(ViewColumn column, ParameterStore store, ColumnLayout.Conv conv, int poolSize, NDArray input,
            NDArray output) {}

    private final List<Deferred> deferred = new ArrayList<>();
    private final List<NDArray> owned = new ArrayList<>();
    private final TrainingLayout after;

    /** @param after the layout of the blocks' outputs, which the rest of the pass keeps */
    StemCheckpoints(TrainingLayout after) {
        this.after = after;
    }

    /** The layout the rest of the pass runs in. */
    TrainingLayout after() {
        return after;
    }

    /** The checkpoints {@code params} carry, or null. */
    static StemCheckpoints in(PairList<String, Object> params) {
        return params == null ? null : (StemCheckpoints) params.get(StemCheckpoints.class.getName());
    }

    /** Adds these checkpoints to forward parameters {@code params}. */
    void addTo(PairList<String, Object> params) {
        params.add(StemCheckpoints.class.getName(), this);
    }

    /**
     * Runs {@code column}'s block {@code conv} -> {@code poolSize} pool -> ReLU on {@code input}
     * without recording and returns its output as a fresh array the caller owns, recorded from a
     * leaf whose gradient {@link #backward} takes to the block's parameters. {@code input} must
     * stay open until then. A block fine-tuning keeps frozen has no gradient to take: its output is
     * returned as it is, a constant of the pass.
     */
    NDArray defer(ViewColumn column, ParameterStore store, ColumnLayout.Conv conv, int poolSize, NDArray input, LayerProbe probe) {
        NDArray output = Autograd.withoutRecording(() -> column.convPoolRelu(store, input, conv, poolSize, true, probe, true));
        if (!column.weight(conv.index()).requiresGradient()) {
            return after == TrainingLayout.NCHW ? nchw(output, true) : output;
        }
        output.setRequiresGradient(true);
        deferred.add(new Deferred(column, store, conv, poolSize, input, output));
        // the column closes what it is given, the leaf must stay open for its gradient: a view, or an NCHW copy
        return after == TrainingLayout.NCHW ? nchw(output, false) : output.reshape(output.getShape());
    }

    /**
     * An NCHW-contiguous copy of channels-last {@code x}: flattening a tensor that is not contiguous
     * copies it in logical (N, C, H, W) order. Closes {@code x} if told to.
     */
    private static NDArray nchw(NDArray x, boolean close) {
        try (NDArray flat = x.flatten()) {
            return flat.reshape(x.getShape());
        } finally {
            if (close) {
                x.close();
            }
        }
    }

    /** Keeps {@code array} (a deferred block's input) open until these checkpoints close. */
    void own(NDArray array) {
        owned.add(array);
    }

    /** The deferred blocks' backward; call after the loss's, while still recording. */
    void backward() {
        if (!Autograd.isRecording()) {
            throw new IllegalStateException("the deferred blocks' backward must run while autograd records");
        }
        for (Deferred d : deferred) {
            try (NDArray gradient = d.output().getGradient()) {
                d.column().convPoolReluBackward(d.store(), d.input(), d.conv(), d.poolSize(), gradient);
            }
        }
    }

    @Override
    public void close() {
        deferred.forEach(d -> d.output().close());
        deferred.clear();
        owned.forEach(NDArray::close);
        owned.clear();
    }
}

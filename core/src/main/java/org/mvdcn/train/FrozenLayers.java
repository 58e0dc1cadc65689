package org.mvdcn.train;

import ai.djl.nn.Parameter;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.mvdcn.UsageException;
import org.mvdcn.model.ColumnLayout;
import org.mvdcn.model.MultiViewNetwork;
import org.mvdcn.model.NetworkConfig;

/**
 * The first convolutions of every column that fine-tuning keeps as loaded ({@code --freeze
 * conv1..convN}): their weights and biases, in both columns, get no gradient and so no update.
 * N names a layer ({@code conv2b}) or a stage ({@code conv3}: conv3a to conv3c). Always a prefix of
 * the column: a frozen layer above a trained one would save nothing, the gradient passes through it.
 *
 * @param last the layer or stage the frozen layers end with
 */
public record FrozenLayers(String last) {

    private static final List<ColumnLayout.Conv> PAPER_CONVS =
            ColumnLayout.forInput(NetworkConfig.PAPER_HEIGHT, NetworkConfig.PAPER_WIDTH, 1).convs();

    public FrozenLayers {
        if (lastIndex(last) < 0) {
            throw new UsageException("--freeze conv1.." + last + ": no such layer (expected a layer, conv1, conv2a .. conv5c, or a stage, "
                    + "conv2 .. conv5)");
        }
    }

    /** {@code conv1..N} or {@code N} alone. */
    @JsonCreator
    public static FrozenLayers parse(String text) {
        String spec = text.trim().toLowerCase(Locale.ROOT);
        int dots = spec.indexOf("..");
        if (dots >= 0 && !spec.substring(0, dots).equals("conv1")) {
            throw new UsageException("--freeze " + text + ": the frozen layers start at the input: conv1..convN");
        }
        return new FrozenLayers(spec.substring(dots < 0 ? 0 : dots + 2));
    }

    /** As given on the command line: {@code conv1..N}, or {@code conv1} alone. */
    @JsonValue
    public String spec() {
        return last.equals("conv1") ? last : "conv1.." + last;
    }

    /** The frozen convolutions of a column laid out as {@code layout}, input side first. */
    public List<ColumnLayout.Conv> in(ColumnLayout layout) {
        List<ColumnLayout.Conv> convs = layout.convs();
        int end = lastIndex(last);
        if (end >= convs.size()) {
            throw new UsageException("--freeze " + spec() + ": at " + layout.inputHeight() + "x" + layout.inputWidth()
                    + " the columns end at " + convs.get(convs.size() - 1).name());
        }
        return convs.subList(0, end + 1);
    }

    /** Freezes these layers of {@code network}; returns the parameters that still train, under the reference's names. */
    public Map<String, Parameter> apply(MultiViewNetwork network) {
        Map<String, Parameter> trainable = new LinkedHashMap<>(network.referenceParameters());
        for (ColumnLayout.Conv conv : in(network.config().columnLayout())) {
            network.convolutionParameters(conv.index()).forEach((name, p) -> {
                p.freeze(true);
                trainable.remove(name);
            });
        }
        return trainable;
    }

    /** The reference index of the last convolution {@code last} names, or -1. */
    private static int lastIndex(String last) {
        int index = -1;
        for (ColumnLayout.Conv conv : PAPER_CONVS) {
            if (conv.name().equals(last) || conv.name().replaceFirst("[a-c]$", "").equals(last)) {
                index = conv.index();
            }
        }
        return index;
    }
}

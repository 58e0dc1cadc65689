package org.mvdcn.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.mvdcn.UsageException;
import org.mvdcn.model.ColumnLayout;
import org.mvdcn.model.MultiViewNetwork;
import org.mvdcn.model.NetworkConfig;

class FrozenLayersTest {

    private static final ColumnLayout PAPER = NetworkConfig.paper().columnLayout();

    private static java.util.List<String> frozen(String spec, ColumnLayout layout) {
        return FrozenLayers.parse(spec).in(layout).stream().map(ColumnLayout.Conv::name).toList();
    }

    @Test
    void aLayerOrAStageEndsTheFrozenPrefix() {
        assertThat(frozen("conv1..conv2", PAPER)).containsExactly("conv1", "conv2a", "conv2b", "conv2c");
        assertThat(frozen("conv1..conv2a", PAPER)).containsExactly("conv1", "conv2a");
        assertThat(frozen("conv1", PAPER)).containsExactly("conv1");
        assertThat(frozen(" CONV3B ", PAPER)).containsExactly("conv1", "conv2a", "conv2b", "conv2c", "conv3a", "conv3b");
        assertThat(frozen("conv1..conv5", PAPER)).hasSize(13);
        assertThat(FrozenLayers.parse("conv2b").spec()).isEqualTo("conv1..conv2b");
        assertThat(FrozenLayers.parse("conv1..conv1").spec()).isEqualTo("conv1");
    }

    @Test
    void refusesWhatIsNoPrefixOfTheColumn() {
        assertThatThrownBy(() -> FrozenLayers.parse("conv2..conv3")).isInstanceOf(UsageException.class)
                .hasMessage("--freeze conv2..conv3: the frozen layers start at the input: conv1..convN");
        assertThatThrownBy(() -> FrozenLayers.parse("conv1..conv6")).isInstanceOf(UsageException.class)
                .hasMessageStartingWith("--freeze conv1..conv6: no such layer");
        assertThatThrownBy(() -> FrozenLayers.parse("pool1")).isInstanceOf(UsageException.class);
        // at 120x90 a column stops after conv3c (the lower-resolution rule)
        ColumnLayout small = ColumnLayout.forInput(120, 90, 0.25);
        assertThatThrownBy(() -> FrozenLayers.parse("conv1..conv4").in(small)).isInstanceOf(UsageException.class)
                .hasMessage("--freeze conv1..conv4: at 120x90 the columns end at " + small.convs().get(small.convs().size() - 1).name());
    }

    @Test
    void frozenParametersNeedNoGradientAndTheRestTrain() {
        try (NDManager manager = NDManager.newBaseManager()) {
            MultiViewNetwork network = new MultiViewNetwork(NetworkConfig.paper().withInput(260, 200).withWidth(0.125));
            network.initialize(manager);
            Map<String, Parameter> trainable = FrozenLayers.parse("conv1..conv2a").apply(network);
            Map<String, Parameter> all = network.referenceParameters();
            assertThat(all.keySet()).containsAll(trainable.keySet());
            assertThat(all.size() - trainable.size()).as("weight and bias of two layers in two columns").isEqualTo(8);
            all.forEach((name, p) -> {
                boolean frozen = name.startsWith("_conv_layer_ls.0.") || name.startsWith("_conv_layer_ls.1.");
                assertThat(trainable.containsKey(name)).as(name).isNotEqualTo(frozen);
                assertThat(p.requiresGradient()).as(name).isNotEqualTo(frozen);
                assertThat(p.getArray().hasGradient()).as(name).isNotEqualTo(frozen);
            });
        }
    }
}

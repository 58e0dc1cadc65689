package org.mvdcn.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ColumnLayoutTest {

    @Test
    void fullResolutionRunsTheWholeTable() {
        ColumnLayout layout = ColumnLayout.forInput(2600, 2000, 1.0);
        assertThat(layout.convs()).extracting(ColumnLayout.Conv::name).containsExactly(
                "conv1", "conv2a", "conv2b", "conv2c", "conv3a", "conv3b", "conv3c",
                "conv4a", "conv4b", "conv4c", "conv5a", "conv5b", "conv5c");
        assertThat(layout.convs()).extracting(ColumnLayout.Conv::outChannels)
                .containsExactly(32, 64, 64, 64, 128, 128, 128, 128, 128, 128, 256, 256, 256);
        assertThat(layout.convs()).extracting(ColumnLayout.Conv::stride)
                .containsExactly(2, 2, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1);
        assertThat(layout.steps()).filteredOn(s -> !(s instanceof ColumnLayout.Conv)).containsExactly(
                new ColumnLayout.MaxPool(3), new ColumnLayout.MaxPool(2), new ColumnLayout.PadRight(),
                new ColumnLayout.MaxPool(2), new ColumnLayout.MaxPool(2));
        assertThat(layout.featureChannels()).isEqualTo(256);
    }

    @Test
    void lowerResolutionsStopWhereAMapGetsSmallerThanTheKernel() {
        // hand-worked: 1/2 scale ends with conv5b's 4x1 map, 1/4 with conv4b's 5x2, 1/8 with conv3c's 5x2 -> pool3 -> 2x1
        assertThat(names(ColumnLayout.forInput(1300, 1000, 1.0))).endsWith("conv5b");
        assertThat(names(ColumnLayout.forInput(650, 500, 1.0))).endsWith("conv4b");
        assertThat(names(ColumnLayout.forInput(325, 250, 1.0))).endsWith("conv3c");
        assertThat(ColumnLayout.forInput(325, 250, 1.0).featureChannels()).isEqualTo(128);
    }

    @Test
    void widthMultiplierScalesChannels() {
        ColumnLayout narrow = ColumnLayout.forInput(2600, 2000, 0.125);
        assertThat(narrow.convs()).extracting(ColumnLayout.Conv::outChannels)
                .containsExactly(4, 8, 8, 8, 16, 16, 16, 16, 16, 16, 32, 32, 32);
    }

    private static List<String> names(ColumnLayout layout) {
        return layout.convs().stream().map(ColumnLayout.Conv::name).toList();
    }

    @org.junit.jupiter.api.Test
    void theWidthIsFoundBackFromTheChannelCountsAWeightsFileShows() {
        for (double width : new double[] {1.0, 0.5, 0.3, 0.25, 0.125, 0.07, 1.5}) {
            for (int[] input : new int[][] {{2600, 2000}, {325, 250}}) {
                int[] channels = ColumnLayout.forInput(input[0], input[1], width).convs().stream()
                        .mapToInt(ColumnLayout.Conv::outChannels).toArray();
                double found = ColumnLayout.widthFor(channels);
                int[] again = ColumnLayout.forInput(input[0], input[1], found).convs().stream()
                        .mapToInt(ColumnLayout.Conv::outChannels).toArray();
                org.assertj.core.api.Assertions.assertThat(again).as("width %s at %sx%s", width, input[0], input[1])
                        .containsExactly(channels);
            }
        }
        org.assertj.core.api.Assertions.assertThat(ColumnLayout.widthFor(new int[] {32, 64, 64})).isEqualTo(1.0);
        org.assertj.core.api.Assertions.assertThat(ColumnLayout.widthFor(new int[] {32, 16})).as("no width gives both").isNaN();
    }
}

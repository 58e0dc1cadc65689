package org.mvdcn.model;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The paper's Table 4 inputs through a real (narrow) column: the layers that run and the feature size. */
class LowerResolutionColumnTest {

    @ParameterizedTest(name = "{0}x{1}: last layer {2}, {3} features")
    @CsvSource({"2600, 2000, conv5c, 32", "1300, 1000, conv5b, 32", "650, 500, conv4b, 16", "325, 250, conv3c, 16"})
    void columnRunsTheLayersThatFitAndYieldsItsFeatureLength(int h, int w, String lastLayer, int features) {
        ColumnLayout layout = ColumnLayout.forInput(h, w, 0.125);
        assertThat(layout.convs().get(layout.convs().size() - 1).name()).isEqualTo(lastLayer);
        try (NDManager manager = NDManager.newBaseManager()) {
            ViewColumn column = new ViewColumn(layout, 0f);
            column.initialize(manager, DataType.FLOAT32, new Shape(2, 1, h, w));
            NDArray out = column.forward(new ParameterStore(manager, false), new NDList(manager.randomNormal(new Shape(2, 1, h, w))),
                    false).singletonOrThrow();
            assertThat(out.getShape()).isEqualTo(new Shape(2, features));
            assertThat(column.getOutputShapes(new Shape[] {new Shape(2, 1, h, w)})[0]).isEqualTo(out.getShape());
        }
    }
}

package org.mvdcn.weights;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.mvdcn.BadInputException;
import org.mvdcn.MissingFileException;
import org.mvdcn.assess.TrainingAcquisition;
import org.mvdcn.calibration.Calibration;
import org.mvdcn.ood.OodModel;
import org.mvdcn.io.Sha256;
import org.mvdcn.model.ColumnLayout;
import org.mvdcn.model.OutputHead;
import org.mvdcn.preprocess.Preprocessing;

/**
 * A weights file read whole: its tensors, the network width its shapes show, the head its names show, the preprocessing,
 * the calibration, the out-of-distribution check and the training exams' acquisition it records (models mvdcn trained carry them
 * in the safetensors metadata; the reference's files and older ones do not: null), and its SHA-256, which names the model in
 * provenance and reports. The width is never stored: the shapes are the one source of it.
 */
public record ModelFile(Path file, List<StoredTensor> tensors, double width, OutputHead head, Preprocessing preprocessing,
        Calibration calibration,
        OodModel ood, TrainingAcquisition acquisition, String sha256) {

    /** Metadata key of the preprocessing (JSON). */
    public static final String PREPROCESSING = "mvdcn.preprocessing";
    /** Metadata key of the calibration (JSON), written after training. */
    public static final String CALIBRATION = "mvdcn.calibration";
    /** Metadata key of the training features' distribution and the out-of-distribution threshold (JSON), written after training. */
    public static final String OOD = "mvdcn.ood";
    /** Metadata key of the training exams' equipment and pixel spacing (JSON), written after training. */
    public static final String ACQUISITION = "mvdcn.acquisition";

    public static ModelFile read(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new MissingFileException(file, "weights file");
        } catch (IOException e) {
            throw new BadInputException(file, "cannot read weights file (" + e.getMessage() + ")", e);
        }
        // one read gives the identity and the metadata; the tensors come through the format's own reader
        String sha256 = Sha256.of(bytes);
        Map<String, String> metadata = WeightsFile.metadata(file, bytes);
        List<StoredTensor> tensors = WeightsFile.read(file);
        OutputHead head = tensors.stream().anyMatch(t -> t.name().startsWith(OutputHead.BREAST.parameter("fc1") + "."))
                ? OutputHead.BREAST : OutputHead.EXAM;
        return new ModelFile(file, tensors, widthFromShapes(file, tensors), head,
                entry(file, metadata, PREPROCESSING, "preprocessing", Preprocessing::fromJson),
                entry(file, metadata, CALIBRATION, "calibration", Calibration::fromJson),
                entry(file, metadata, OOD, "feature distribution", OodModel::fromJson),
                entry(file, metadata, ACQUISITION, "training acquisition", TrainingAcquisition::fromJson), sha256);
    }

    /** Reads one JSON entry of the metadata. */
    private interface EntryReader<T> {
        T read(String json) throws IOException;
    }

    /** The metadata's entry under {@code key}, read; null when there is none. */
    private static <T> T entry(Path file, Map<String, String> metadata, String key, String what, EntryReader<T> reader) {
        if (!metadata.containsKey(key)) {
            return null;
        }
        try {
            return reader.read(metadata.get(key));
        } catch (IOException | IllegalArgumentException e) {
            throw new BadInputException(file, "unreadable " + what + " in its metadata (" + e.getMessage() + ")", e);
        }
    }

    /** The width under which the convolutions' output channels (first dimension of each cc weight) come out. */
    private static double widthFromShapes(Path file, List<StoredTensor> tensors) {
        List<Integer> channels = new ArrayList<>();
        for (int i = 0; ; i++) {
            String name = "_conv_layer_ls." + i + ".cc.weight";
            StoredTensor t = tensors.stream().filter(x -> x.name().equals(name)).findFirst().orElse(null);
            if (t == null) {
                break;
            }
            channels.add((int) t.shape().get(0));
        }
        double width = ColumnLayout.widthFor(channels.stream().mapToInt(Integer::intValue).toArray());
        if (Double.isNaN(width)) {
            throw new BadInputException(file, channels.isEmpty()
                    ? "no convolution weights (_conv_layer_ls.0.cc.weight missing): not a multi-view network's weights"
                    : "convolution channels " + channels + " fit no width of the paper's network");
        }
        return width;
    }
}

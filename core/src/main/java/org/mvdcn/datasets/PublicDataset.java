package org.mvdcn.datasets;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** A public mammography dataset whose own metadata files, in their published layout, become a manifest. */
public interface PublicDataset {

    /** The name on the command line. */
    String name();

    /** Reads the dataset under {@code root} into {@code draft}, stating its label mapping there. */
    void read(Path root, ManifestDraft draft);

    List<PublicDataset> ALL = List.of(new EmbedDataset(), new RsnaDataset(), new VindrDataset(), new CbisDdsmDataset(),
            new InbreastDataset());

    static PublicDataset named(String name) {
        return ALL.stream().filter(d -> d.name().equals(name.toLowerCase(Locale.ROOT))).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown dataset '" + name + "' (expected "
                        + String.join(", ", ALL.stream().map(PublicDataset::name).toList()) + ")"));
    }
}

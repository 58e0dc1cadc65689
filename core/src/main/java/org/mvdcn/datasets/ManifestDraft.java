package org.mvdcn.datasets;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.mvdcn.data.Manifest;
import org.mvdcn.data.ManifestRow;

/**
 * A manifest being built from someone else's metadata: the rows kept, the rows dropped counted by
 * reason, and the label mapping used, so that the summary says exactly what happened to the data.
 */
public final class ManifestDraft {

    private final Path manifest;
    private final List<ManifestRow> rows = new ArrayList<>();
    private final Map<String, Integer> dropped = new TreeMap<>();
    private final List<String> mapping = new ArrayList<>();

    /** A draft of the manifest to be written at {@code manifest}; image paths are made relative to its folder. */
    public ManifestDraft(Path manifest) {
        this.manifest = manifest.toAbsolutePath().normalize();
    }

    /** Image paths in the manifest are relative to its folder. */
    public String relative(Path image) {
        return manifest.getParent().relativize(image.toAbsolutePath().normalize()).toString();
    }

    public void add(ManifestRow row) {
        rows.add(row);
    }

    public void drop(String reason) {
        drop(reason, 1);
    }

    public void drop(String reason, int count) {
        dropped.merge(reason, count, Integer::sum);
    }

    /** One line of the label mapping, printed in the summary. */
    public void mapping(String line) {
        mapping.add(line);
    }

    public List<ManifestRow> rows() {
        return List.copyOf(rows);
    }

    /** Writes the manifest and returns the summary: mapping, rows kept and dropped, then the manifest's own check. */
    public String write() throws IOException {
        if (rows.isEmpty()) {
            throw new org.mvdcn.BadInputException(manifest, "no image rows kept" + (dropped.isEmpty() ? "" : ", dropped: " + dropped));
        }
        Manifest.write(manifest, rows);
        StringBuilder s = new StringBuilder();
        if (!mapping.isEmpty()) {
            s.append("label mapping:\n");
            mapping.forEach(m -> s.append("  ").append(m).append('\n'));
        }
        s.append(String.format("rows kept %d, dropped %d%n", rows.size(), dropped.values().stream().mapToInt(Integer::intValue).sum()));
        dropped.forEach((reason, n) -> s.append(String.format("  %6d  %s%n", n, reason)));
        s.append(Manifest.load(manifest, false).summary());
        return s.toString();
    }
}

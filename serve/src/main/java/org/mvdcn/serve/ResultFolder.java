package org.mvdcn.serve;

import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import org.mvdcn.exam.View;
import org.mvdcn.explain.SaliencyReport;

/**
 * What a model made of one study, and the one place its files are named: the two DICOM objects
 * that go back to the PACS, {@code prediction.json}, and the web page's small pictures in
 * {@code previews/} (each view alone and with its map, and the four-view panel).
 */
public record ResultFolder(Path dir) {

    private static final Pattern PICTURE = Pattern.compile("(L|R)-(CC|MLO)(-saliency)?\\.png|" + Pattern.quote(SaliencyReport.PANEL));

    public Path sr() {
        return dir.resolve("cad-sr.dcm");
    }

    public Path sc() {
        return dir.resolve("saliency-sc.dcm");
    }

    public Path prediction() {
        return dir.resolve("prediction.json");
    }

    /** The objects that go back to the PACS. */
    public List<Path> objectsToSend() {
        return List.of(sr(), sc());
    }

    public Path previews() {
        return dir.resolve("previews");
    }

    /** A view's preview file name, alone or with its saliency map. */
    public static String previewName(View v, boolean saliency) {
        return v.label() + (saliency ? "-saliency" : "") + ".png";
    }

    /** A preview by the name the web page asks for; null for any name this folder never makes. */
    public Path picture(String name) {
        return PICTURE.matcher(name).matches() ? previews().resolve(name) : null;
    }
}

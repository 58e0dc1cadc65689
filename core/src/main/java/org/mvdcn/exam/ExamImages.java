package org.mvdcn.exam;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.mvdcn.BadInputException;
import org.mvdcn.MissingFileException;

/** The four view images of one exam, decoded. */
public record ExamImages(Path source, Map<View, Mammogram> views) {

    public ExamImages {
        views = new EnumMap<>(views);
        if (views.size() != View.values().length) {
            throw new IllegalArgumentException("an exam needs all four views, got " + views.keySet());
        }
    }

    public Mammogram view(View view) {
        return views.get(view);
    }

    /** Reads {@code L-CC.png}, {@code R-CC.png}, {@code L-MLO.png}, {@code R-MLO.png} from a folder. */
    public static ExamImages readPngFolder(Path folder) {
        Map<View, Mammogram> views = new EnumMap<>(View.class);
        pngFiles(folder).forEach((v, file) -> views.put(v, new PngMammogramReader().read(file)));
        return new ExamImages(folder, views);
    }

    /** The four view PNGs of a folder by name; refused, naming what is missing, unless all four are there. */
    public static Map<View, Path> pngFiles(Path folder) {
        if (!Files.isDirectory(folder)) {
            throw new MissingFileException(folder, "exam folder");
        }
        List<String> missing = new ArrayList<>();
        Map<View, Path> files = new EnumMap<>(View.class);
        for (View v : View.values()) {
            Path file = folder.resolve(v.label() + ".png");
            if (Files.isRegularFile(file)) {
                files.put(v, file);
            } else {
                missing.add(v.label() + ".png");
            }
        }
        if (!missing.isEmpty()) {
            throw new BadInputException(folder, "missing view" + (missing.size() > 1 ? "s " : " ") + String.join(", ", missing));
        }
        return files;
    }
}

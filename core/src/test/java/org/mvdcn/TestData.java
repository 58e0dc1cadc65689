package org.mvdcn;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.EnumMap;
import java.util.Map;
import org.mvdcn.exam.ExamImages;
import org.mvdcn.exam.Mammogram;
import org.mvdcn.exam.View;

/** Where tests find shared data and fixtures. */
public final class TestData {

    private TestData() {}

    /** {@code ../shared} beside the checkout (the build passes its path as {@code mvdcn.shared}). */
    public static Path shared() {
        String configured = System.getProperty("mvdcn.shared");
        Path path = configured != null ? Paths.get(configured) : Paths.get("..", "..", "shared");
        if (!Files.isDirectory(path)) {
            throw new IllegalStateException("shared data folder not found at " + path.toAbsolutePath());
        }
        return path.normalize();
    }

    /** The real four-view NYU sample exam (8-bit PNG, 2600x2000, right views already mirrored). */
    public static Path sampleExam() {
        return shared().resolve("data").resolve("nyu-sample-exam");
    }

    /** The sample exam at every {@code step}th pixel of every {@code step}th row, as tools/make_parity_fixtures.py reads it. */
    public static ExamImages sampleExamEvery(int step) {
        ExamImages exam = ExamImages.readPngFolder(sampleExam());
        if (step == 1) {
            return exam;
        }
        Map<View, Mammogram> views = new EnumMap<>(View.class);
        for (View v : View.values()) {
            Mammogram m = exam.view(v);
            int h = (m.height() + step - 1) / step;
            int w = (m.width() + step - 1) / step;
            float[] out = new float[h * w];
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    out[y * w + x] = m.at(y * step, x * step);
                }
            }
            views.put(v, new Mammogram(m.source(), h, w, out));
        }
        return new ExamImages(exam.source(), views);
    }

    /** A committed fixture under core/src/test/resources, as a file (usable from every module's tests). */
    public static Path resource(String name) {
        Path root = Paths.get(System.getProperty("mvdcn.root", Paths.get("..").toString()));
        Path file = root.resolve("core").resolve("src").resolve("test").resolve("resources").resolve(name);
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException("test fixture " + name + " not found at " + file.toAbsolutePath());
        }
        return file;
    }
}

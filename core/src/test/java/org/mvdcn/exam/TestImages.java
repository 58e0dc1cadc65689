package org.mvdcn.exam;

import java.awt.image.BufferedImage;
import java.awt.image.WritableRaster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import javax.imageio.ImageIO;

/** Small PNGs written on the fly for tests. */
public final class TestImages {

    private TestImages() {}

    /** A 16-bit grayscale PNG whose pixel (y, x) is {@code f(y, x)}. */
    public static Path grey16(Path file, int height, int width, java.util.function.IntBinaryOperator f) throws IOException {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_USHORT_GRAY);
        WritableRaster r = image.getRaster();
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                r.setSample(x, y, 0, f.applyAsInt(y, x));
            }
        }
        ImageIO.write(image, "png", file.toFile());
        return file;
    }

    /** An RGB PNG whose pixel (y, x) is {@code rgb(y, x)} (0xRRGGBB). */
    public static Path rgb(Path file, int height, int width, java.util.function.IntBinaryOperator rgb) throws IOException {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                image.setRGB(x, y, rgb.applyAsInt(y, x));
            }
        }
        ImageIO.write(image, "png", file.toFile());
        return file;
    }

    /** A mammogram-like view: bright tissue against the left (or right) edge, dark background. */
    public static int breast(int y, int x, int height, int width, boolean chestWallLeft) {
        int fromWall = chestWallLeft ? x : width - 1 - x;
        double cy = (y - height / 2.0) / (height / 2.0);
        double reach = width * 0.8 * Math.sqrt(Math.max(0, 1 - cy * cy));
        return fromWall < reach ? 20000 + (int) (5000 * Math.sin(fromWall * 0.3) * Math.cos(y * 0.2)) : 300;
    }

    /**
     * An in-memory four-view exam of synthetic breasts (h x w each) with some texture; {@code mirrored}
     * stores every view with its chest wall on the right instead of the left.
     */
    public static ExamImages syntheticExam(int h, int w, boolean mirrored) {
        java.util.Map<View, Mammogram> views = new java.util.EnumMap<>(View.class);
        for (View v : View.values()) {
            float[] p = new float[h * w];
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    int fromWall = mirrored ? w - 1 - x : x;
                    p[y * w + x] = breast(y, fromWall, h, w, true) + 311 * ((fromWall * 7 + y * 3 + v.ordinal()) % 11);
                }
            }
            views.put(v, new Mammogram(Path.of(v.label() + ".png"), h, w, p));
        }
        return new ExamImages(Path.of("exam"), views);
    }

    /** Copies the sample exam's four views into {@code dir}. */
    public static Path copyOfExam(Path source, Path dir) throws IOException {
        Files.createDirectories(dir);
        for (View v : View.values()) {
            Files.copy(source.resolve(v.label() + ".png"), dir.resolve(v.label() + ".png"), StandardCopyOption.REPLACE_EXISTING);
        }
        return dir;
    }
}

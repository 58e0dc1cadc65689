package org.mvdcn.exam;

import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import org.mvdcn.BadInputException;
import org.mvdcn.MissingFileException;

/**
 * Decodes 8- or 16-bit grayscale PNG mammograms with the JDK's PNG decoder. Grayscale stored as
 * RGB(A) is accepted when every pixel's colour channels are equal; real colour is refused, as is
 * anything the decoder cannot read completely.
 */
public final class PngMammogramReader implements MammogramFormat {

    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A};

    @Override
    public String name() {
        return "PNG";
    }

    @Override
    public boolean accepts(byte[] head) {
        return head.length >= PNG_SIGNATURE.length
                && java.util.Arrays.equals(head, 0, PNG_SIGNATURE.length, PNG_SIGNATURE, 0, PNG_SIGNATURE.length);
    }

    @Override
    public Mammogram read(Path file, IntensityMode intensity) {
        return read(file);
    }

    /** Decodes a PNG (one reading of its grey values). */
    public Mammogram read(Path file) {
        BufferedImage image;
        try (InputStream in = Files.newInputStream(file)) {
            byte[] signature = in.readNBytes(PNG_SIGNATURE.length);
            if (!java.util.Arrays.equals(signature, PNG_SIGNATURE)) {
                throw new BadInputException(file, "not a PNG file (bad signature)");
            }
            image = decode(file);
        } catch (NoSuchFileException e) {
            throw new MissingFileException(file, "file");
        } catch (IOException | RuntimeException e) {
            if (e instanceof BadInputException bad) {
                throw bad;
            }
            throw new BadInputException(file, "unreadable or truncated PNG (" + e.getMessage() + ")", e);
        }
        return new Mammogram(file, image.getHeight(), image.getWidth(), greyValues(file, image));
    }

    /**
     * The JDK's PNG reader, asked directly: ImageIO.read would first ask every registered reader
     * whether it can decode the file, and some (PixelMed's JPEG lossless) print on stderr when asked.
     */
    private static BufferedImage decode(Path file) throws IOException {
        ImageReader reader = ImageIO.getImageReadersByFormatName("png").next();
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            reader.setInput(in, true, true);
            return reader.read(0);
        } finally {
            reader.dispose();
        }
    }

    private static float[] greyValues(Path file, BufferedImage image) {
        Raster raster = image.getRaster();
        int w = raster.getWidth();
        int h = raster.getHeight();
        int bands = raster.getNumBands();
        if (image.getColorModel() instanceof java.awt.image.IndexColorModel) {
            return paletteGrey(file, image);
        }
        float[] out = new float[w * h];
        if (bands <= 2) { // grey, or grey + alpha
            raster.getSamples(0, 0, w, h, 0, out);
            return out;
        }
        int[] row = new int[w * bands];
        for (int y = 0; y < h; y++) {
            raster.getPixels(0, y, w, 1, row);
            for (int x = 0; x < w; x++) {
                int r = row[x * bands];
                int g = row[x * bands + 1];
                int b = row[x * bands + 2];
                if (r != g || g != b) {
                    throw new BadInputException(file, "colour PNG (pixel at row " + y + ", column " + x
                            + " has R,G,B = " + r + "," + g + "," + b + "); a mammogram must be grayscale");
                }
                out[y * w + x] = r;
            }
        }
        return out;
    }

    private static float[] paletteGrey(Path file, BufferedImage image) {
        int w = image.getWidth();
        int h = image.getHeight();
        float[] out = new float[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int rgb = image.getRGB(x, y);
                int r = (rgb >> 16) & 0xff;
                int g = (rgb >> 8) & 0xff;
                int b = rgb & 0xff;
                if (r != g || g != b) {
                    throw new BadInputException(file, "colour PNG (palette entry at row " + y + ", column " + x
                            + " is not grey); a mammogram must be grayscale");
                }
                out[y * w + x] = r;
            }
        }
        return out;
    }
}

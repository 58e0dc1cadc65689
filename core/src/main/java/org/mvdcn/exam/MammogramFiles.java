package org.mvdcn.exam;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import org.mvdcn.BadInputException;
import org.mvdcn.MissingFileException;

/** Reads a mammogram in whichever known format its first bytes show (not its name). */
public final class MammogramFiles {

    /** Enough for the DICOM preamble and its "DICM" magic at offset 128. */
    public static final int HEAD_BYTES = 132;

    private static final List<MammogramFormat> FORMATS = formats();

    private MammogramFiles() {}

    private static List<MammogramFormat> formats() {
        List<MammogramFormat> all = new ArrayList<>(List.of(new PngMammogramReader()));
        ServiceLoader.load(MammogramFormat.class).forEach(all::add);
        return List.copyOf(all);
    }

    public static Mammogram read(Path file, IntensityMode intensity) {
        return formatOf(file).read(file, intensity);
    }

    /** What a file states of its equipment and pixel spacing (its header only); null when its format states none. */
    public static Acquisition acquisition(Path file) {
        return formatOf(file).acquisition(file);
    }

    /** The first {@link #HEAD_BYTES} bytes of a file (fewer if it is shorter): what formats are told apart by. */
    public static byte[] head(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return in.readNBytes(HEAD_BYTES);
        } catch (NoSuchFileException e) {
            throw new MissingFileException(file, "file");
        } catch (IOException e) {
            throw new BadInputException(file, "unreadable (" + e.getMessage() + ")", e);
        }
    }

    /** The format of a file, from its first bytes. */
    public static MammogramFormat formatOf(Path file) {
        byte[] head = head(file);
        for (MammogramFormat f : FORMATS) {
            if (f.accepts(head)) {
                return f;
            }
        }
        List<String> names = FORMATS.stream().map(MammogramFormat::name).toList();
        throw new BadInputException(file, head.length == 0 ? "empty file" : "not a " + String.join(" or ", names)
                + " file (unknown signature)");
    }
}

package org.mvdcn.bench;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Locale;
import org.mvdcn.synth.SingleViewSamples;

/**
 * Writes the single-view data of bench/isolate_column.py: {@code images.f32} (N raw little-endian
 * float32 views, h x w each) and {@code labels.txt} (per view: 1 with a fine-calcification cluster
 * or 0, then the cluster's centre row and column). Raw floats rather than PNGs so that the
 * PyTorch side reads exactly the rendered values with numpy alone.
 * Usage: ColumnIsolationData N SEED OUT [H W SCALE CONTRAST] (defaults: the positive control's 650 500 0.25 4)
 */
public final class ColumnIsolationData {

    private ColumnIsolationData() {}

    public static void main(String[] args) throws IOException {
        int n = Integer.parseInt(args[0]);
        long seed = Long.parseLong(args[1]);
        Path out = Path.of(args[2]);
        int h = args.length > 3 ? Integer.parseInt(args[3]) : 650;
        int w = args.length > 4 ? Integer.parseInt(args[4]) : 500;
        double scale = args.length > 5 ? Double.parseDouble(args[5]) : 0.25;
        double contrast = args.length > 6 ? Double.parseDouble(args[6]) : 4;
        List<SingleViewSamples.Sample> samples = SingleViewSamples.render(n, seed, h, w, scale, contrast);
        Files.createDirectories(out);
        ByteBuffer view = ByteBuffer.allocate(h * w * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        try (FileChannel images = FileChannel.open(out.resolve("images.f32"), StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING); PrintWriter labels = new PrintWriter(Files.newBufferedWriter(out.resolve("labels.txt")))) {
            for (SingleViewSamples.Sample s : samples) {
                view.clear();
                view.asFloatBuffer().put(s.pixels());
                images.write(view);
                labels.printf(Locale.ROOT, "%d %.3f %.3f%n", s.cluster() ? 1 : 0, s.centreY(), s.centreX());
            }
        }
    }
}

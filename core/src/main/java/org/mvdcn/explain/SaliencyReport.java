package org.mvdcn.explain;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import javax.imageio.ImageIO;
import org.mvdcn.exam.Mammogram;
import org.mvdcn.exam.View;
import org.mvdcn.io.AtomicFiles;
import org.mvdcn.predict.Prediction;

/**
 * Writes what a saliency run produced, each file atomically: per view the raw map
 * ({@code <VIEW>-saliency.npy}, float32, height x width) and an overlay
 * ({@code <VIEW>-saliency.png}), and one four-view panel ({@code saliency-panel.png}) in the
 * usual hanging: right breast on the left, CC above MLO, with the prediction printed on it.
 */
public final class SaliencyReport {

    public static final String PANEL = "saliency-panel.png";
    private static final int PANEL_VIEW_WIDTH = 400;
    private static final int TITLE_HEIGHT = 64;
    /** A third title line when the exam is out of distribution: the warning travels with the picture (the service's SC). */
    private static final int WARNING_HEIGHT = 26;
    private static final View[][] HANGING = {{View.R_CC, View.L_CC}, {View.R_MLO, View.L_MLO}};

    private SaliencyReport() {}

    public static void write(SaliencyMaps maps, Path outDir) throws IOException {
        Files.createDirectories(outDir);
        Map<View, BufferedImage> overlays = overlays(maps);
        for (View v : View.values()) {
            Mammogram image = maps.exam().view(v);
            NpyWriter.writeFloat32(outDir.resolve(v.label() + "-saliency.npy"), image.height(), image.width(), maps.map(v));
            writePng(overlays.get(v), outDir.resolve(v.label() + "-saliency.png"));
        }
        writePng(panel(overlays, maps.prediction()), outDir.resolve(PANEL));
    }

    /** Each view with its map over it, at the image's resolution. */
    public static Map<View, BufferedImage> overlays(SaliencyMaps maps) {
        Map<View, BufferedImage> overlays = new EnumMap<>(View.class);
        for (View v : View.values()) {
            overlays.put(v, SaliencyOverlay.render(maps.exam().view(v), maps.map(v)));
        }
        return overlays;
    }

    /**
     * Each view at about {@code width} pixels wide, with its map over it ({@code withMaps}) or
     * alone in the same grey window (to show the maps toggled off).
     */
    public static Map<View, BufferedImage> small(SaliencyMaps maps, int width, boolean withMaps) {
        Map<View, BufferedImage> out = new EnumMap<>(View.class);
        for (View v : View.values()) {
            out.put(v, SaliencyOverlay.render(maps.exam().view(v), withMaps ? maps.map(v) : null, width));
        }
        return out;
    }

    /** The four overlays in the usual hanging under the prediction (the picture {@link #PANEL} holds). */
    public static BufferedImage panel(Map<View, BufferedImage> overlays, Prediction p) {
        int cellHeight = 0;
        for (BufferedImage o : overlays.values()) {
            cellHeight = Math.max(cellHeight, (int) Math.round((double) o.getHeight() * PANEL_VIEW_WIDTH / o.getWidth()));
        }
        boolean flagged = !p.assessed();
        int title = TITLE_HEIGHT + (flagged ? WARNING_HEIGHT : 0);
        BufferedImage panel = new BufferedImage(2 * PANEL_VIEW_WIDTH, title + 2 * cellHeight, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = panel.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.BLACK);
        g.fillRect(0, 0, panel.getWidth(), panel.getHeight());
        for (int r = 0; r < 2; r++) {
            for (int c = 0; c < 2; c++) {
                View v = HANGING[r][c];
                BufferedImage o = overlays.get(v);
                int h = (int) Math.round((double) o.getHeight() * PANEL_VIEW_WIDTH / o.getWidth());
                int x = c * PANEL_VIEW_WIDTH;
                int y = title + r * cellHeight;
                g.drawImage(o, x, y, PANEL_VIEW_WIDTH, h, null);
                g.setColor(Color.BLACK);
                g.fillRect(x, y + h - 26, 64, 26);
                g.setColor(Color.YELLOW);
                g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
                g.drawString(v.label(), x + 6, y + h - 7);
            }
        }
        g.setColor(Color.WHITE);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 17));
        g.drawString(String.format("P(BI-RADS 0) %.3f   P(BI-RADS 1) %.3f   P(BI-RADS 2) %.3f", p.probabilities()[0],
                p.probabilities()[1], p.probabilities()[2]), 10, 24);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 15));
        g.drawString(String.format("entropy H = %.3f nats (max %.3f)   red: |dH/dx| from its %.0fth to %.1fth percentile   crops %d",
                p.entropy(), Math.log(3), SaliencyOverlay.MAP_FLOOR_PERCENTILE, SaliencyOverlay.MAP_TOP_PERCENTILE, p.crops()), 10, 50);
        if (flagged) {
            g.setColor(new Color(255, 80, 80));
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
            g.drawString("NOT ASSESSED: " + p.notAssessedBecause().get(0), 10, 76);
        }
        g.dispose();
        return panel;
    }

    /** Writes a PNG atomically. */
    public static void writePng(BufferedImage image, Path file) throws IOException {
        AtomicFiles.write(file, out -> {
            if (!ImageIO.write(image, "png", out)) {
                throw new IOException("no PNG writer available");
            }
        });
    }
}

package org.mvdcn.eval;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.mvdcn.calibration.CalibrationMetrics;
import org.mvdcn.io.AtomicFiles;

/**
 * The reliability diagram: per confidence bin, the share predicted right against the mean
 * confidence, before and after calibration, beside the diagonal a calibrated model lies on.
 */
public final class ReliabilityFigure {

    public static final int WIDTH = 640;
    public static final int HEIGHT = 560;
    private static final Color[] COLOURS = {new Color(0xd62728), new Color(0x1f77b4)};

    private ReliabilityFigure() {}

    /** {@code after} null: the model carries no temperature, only the raw probabilities are drawn. */
    public static void write(Path file, String title, List<CalibrationMetrics.Bin> before, List<CalibrationMetrics.Bin> after,
            Double temperature) throws IOException {
        XYSeriesCollection data = new XYSeriesCollection();
        data.addSeries(series(String.format("uncalibrated (ECE %.3f)", CalibrationMetrics.ece(before)), before));
        if (after != null) {
            data.addSeries(series(String.format("calibrated, T = %.3f (ECE %.3f)", temperature, CalibrationMetrics.ece(after)), after));
        }
        data.addSeries(UnitSquare.diagonal("perfectly calibrated"));
        JFreeChart chart = ChartFactory.createXYLineChart(title, "confidence (highest probability), mean per bin",
                "accuracy in the bin", data, PlotOrientation.VERTICAL, true, false, false);
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, true);
        int curves = after == null ? 1 : 2;
        for (int s = 0; s < curves; s++) {
            r.setSeriesPaint(s, COLOURS[s]);
            r.setSeriesStroke(s, new BasicStroke(2f));
        }
        UnitSquare.style(chart, r, curves);
        BufferedImage image = chart.createBufferedImage(WIDTH, HEIGHT);
        AtomicFiles.write(file, out -> ImageIO.write(image, "png", out));
    }

    /** The non-empty bins as points (mean confidence, accuracy). */
    private static XYSeries series(String name, List<CalibrationMetrics.Bin> bins) {
        XYSeries s = new XYSeries(name, false);
        for (CalibrationMetrics.Bin b : bins) {
            if (b.exams() > 0) {
                s.add(b.confidence(), b.accuracy());
            }
        }
        return s;
    }
}

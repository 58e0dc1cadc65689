package org.mvdcn.eval;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.mvdcn.io.AtomicFiles;

/** The paper's Fig. 4: one-vs-rest ROC curves for all test exams and for the confident subset, side by side. */
public final class RocFigure {

    private static final Color[] COLOURS = {new Color(0xd62728), new Color(0x1f77b4), new Color(0x2ca02c)};

    private RocFigure() {}

    public static void write(Path file, double[][] all, int[] allLabels, double[][] confident, int[] confidentLabels,
            String confidentTitle) throws IOException {
        BufferedImage left = chart("All test exams (" + allLabels.length + ")", all, allLabels).createBufferedImage(560, 520);
        BufferedImage right = chart(confidentTitle + " (" + confidentLabels.length + ")", confident, confidentLabels)
                .createBufferedImage(560, 520);
        BufferedImage both = new BufferedImage(1120, 520, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = both.createGraphics();
        g.drawImage(left, 0, 0, null);
        g.drawImage(right, 560, 0, null);
        g.dispose();
        AtomicFiles.write(file, out -> ImageIO.write(both, "png", out));
    }

    private static JFreeChart chart(String title, double[][] p, int[] labels) {
        XYSeriesCollection data = new XYSeriesCollection();
        for (int k = 0; k < 3; k++) {
            double[] scores = new double[labels.length];
            boolean[] positive = new boolean[labels.length];
            for (int i = 0; i < labels.length; i++) {
                scores[i] = p[i][k];
                positive[i] = labels[i] == k;
            }
            double auc = RocAuc.auc(scores, positive);
            // a subset without positives or negatives of a class has no curve: say so in the legend
            XYSeries s = new XYSeries(Double.isNaN(auc) ? String.format("BI-RADS %d (one class absent: no curve)", k)
                    : String.format("BI-RADS %d (AUC %.3f)", k, auc), false);
            for (RocCurve.Point pt : RocCurve.points(scores, positive)) {
                s.add(pt.fpr(), pt.tpr());
            }
            data.addSeries(s);
        }
        data.addSeries(UnitSquare.diagonal("chance"));
        JFreeChart chart = ChartFactory.createXYLineChart(title, "false positive rate", "true positive rate", data,
                PlotOrientation.VERTICAL, true, false, false);
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, false);
        for (int k = 0; k < 3; k++) {
            r.setSeriesPaint(k, COLOURS[k]);
            r.setSeriesStroke(k, new BasicStroke(2f));
        }
        UnitSquare.style(chart, r, 3);
        return chart;
    }
}

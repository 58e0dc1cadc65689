package org.mvdcn.eval;

import java.awt.BasicStroke;
import java.awt.Color;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;

/** What the ROC curves and the reliability diagram share: rates on a white unit square, with the diagonal dashed in grey. */
final class UnitSquare {

    private UnitSquare() {}

    /** The diagonal from (0, 0) to (1, 1): chance for a ROC curve, perfect calibration for a reliability diagram. */
    static XYSeries diagonal(String name) {
        XYSeries s = new XYSeries(name, false);
        s.add(0, 0);
        s.add(1, 1);
        return s;
    }

    /** Draws {@code chart} with {@code renderer}, series {@code diagonal} as the dashed grey diagonal, both axes 0 to 1. */
    static void style(JFreeChart chart, XYLineAndShapeRenderer renderer, int diagonal) {
        renderer.setSeriesPaint(diagonal, Color.GRAY);
        renderer.setSeriesShapesVisible(diagonal, false);
        renderer.setSeriesStroke(diagonal,
                new BasicStroke(1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 1f, new float[] {4f, 4f}, 0f));
        XYPlot plot = chart.getXYPlot();
        plot.setRenderer(renderer);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        plot.getDomainAxis().setRange(0, 1);
        plot.getRangeAxis().setRange(0, 1);
        chart.setBackgroundPaint(Color.WHITE);
    }
}

package org.mvdcn.train;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.mvdcn.io.AtomicFiles;

/** The training curve as a PNG: training loss (left axis) and validation macAUC (right axis) by epoch. */
final class TrainingCurve {

    private TrainingCurve() {}

    static void write(Path file, List<EpochRecord> history) throws IOException {
        XYSeries loss = new XYSeries("training loss");
        XYSeries auc = new XYSeries("validation macAUC");
        for (EpochRecord r : history) {
            loss.add(r.epoch(), r.trainLoss());
            if (!Double.isNaN(r.validationMacAuc())) {
                auc.add(r.epoch(), r.validationMacAuc());
            }
        }
        XYPlot plot = new XYPlot();
        plot.setDomainAxis(new NumberAxis("epoch"));
        plot.setDataset(0, new XYSeriesCollection(loss));
        plot.setRangeAxis(0, new NumberAxis("cross-entropy"));
        XYLineAndShapeRenderer lossRenderer = new XYLineAndShapeRenderer(true, true);
        lossRenderer.setSeriesPaint(0, new Color(0x1f77b4));
        plot.setRenderer(0, lossRenderer);
        plot.setDataset(1, new XYSeriesCollection(auc));
        NumberAxis aucAxis = new NumberAxis("macAUC");
        aucAxis.setRange(0.4, 1.0);
        plot.setRangeAxis(1, aucAxis);
        plot.mapDatasetToRangeAxis(1, 1);
        XYLineAndShapeRenderer aucRenderer = new XYLineAndShapeRenderer(true, true);
        aucRenderer.setSeriesPaint(0, new Color(0xd62728));
        plot.setRenderer(1, aucRenderer);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        JFreeChart chart = new JFreeChart("Training", JFreeChart.DEFAULT_TITLE_FONT, plot, true);
        chart.setBackgroundPaint(Color.WHITE);
        AtomicFiles.write(file, out -> ChartUtils.writeChartAsPNG(out, chart, 800, 500));
    }
}

package io.frontier.bench.demo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * A two-objective front as a PNG: the points found as markers and, when known, the analytic front
 * as a line (its points in order of the first objective). Both objectives are minimised.
 */
final class FrontPlot {
  private FrontPlot() {}

  /**
   * @param found     n x 2 objective vectors found
   * @param trueFront m x 2 points of the analytic front, sorted by the first objective, or null
   */
  static void write(Path png, String title, String[] axes, double[][] found, double[][] trueFront) throws IOException {
    XYChart chart = chart(title, axes);
    if (trueFront != null) {
      // A disconnected front (ZDT3) is drawn as separate pieces: a gap in f1 wider than 5% of its range splits it.
      double gap = 0.05 * (trueFront[trueFront.length - 1][0] - trueFront[0][0]);
      int piece = 0;
      int start = 0;
      for (int i = 1; i <= trueFront.length; i++) {
        if (i == trueFront.length || trueFront[i][0] - trueFront[i - 1][0] > gap) {
          XYSeries s = chart.addSeries(piece == 0 ? "analytic front" : "analytic front " + (piece + 1),
              column(trueFront, 0, start, i), column(trueFront, 1, start, i));
          s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line).setMarker(SeriesMarkers.NONE).setShowInLegend(piece == 0);
          s.setLineColor(java.awt.Color.GRAY);
          piece++;
          start = i;
        }
      }
    }
    chart.addSeries("found", column(found, 0, 0, found.length), column(found, 1, 0, found.length)).setMarker(SeriesMarkers.CIRCLE).setMarkerColor(new java.awt.Color(0, 114, 178));
    save(chart, png);
  }

  /** An empty 700 x 550 chart whose series are drawn as markers unless set otherwise. */
  static XYChart chart(String title, String[] axes) {
    XYChart chart = new XYChartBuilder().width(700).height(550).title(title).xAxisTitle(axes[0]).yAxisTitle(axes[1]).build();
    chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
    chart.getStyler().setMarkerSize(7);
    return chart;
  }

  /** Writes the chart as a PNG, creating the directory. */
  static void save(XYChart chart, Path png) throws IOException {
    Files.createDirectories(png.toAbsolutePath().getParent());
    String file = png.toString();
    BitmapEncoder.saveBitmap(chart, file.endsWith(".png") ? file.substring(0, file.length() - 4) : file, BitmapEncoder.BitmapFormat.PNG);
  }

  static double[] column(double[][] points, int j, int from, int to) {
    double[] c = new double[to - from];
    for (int i = from; i < to; i++) c[i - from] = points[i][j];
    return c;
  }
}

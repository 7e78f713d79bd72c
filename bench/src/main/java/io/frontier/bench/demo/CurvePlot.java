package io.frontier.bench.demo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** Curves against the number of evaluations or steps (regret, hypervolume, reward), one line per method, as a PNG. */
final class CurvePlot {
  private CurvePlot() {}

  /** @param curves method name to its value after 1, 2, ... evaluations */
  static void write(Path png, String title, String yTitle, Map<String, double[]> curves, boolean logY) throws IOException {
    write(png, title, yTitle, "evaluations", curves, logY);
  }

  /** @param curves method name to its value after 1, 2, ... of {@code xTitle} */
  static void write(Path png, String title, String yTitle, String xTitle, Map<String, double[]> curves, boolean logY) throws IOException {
    XYChart chart = new XYChartBuilder().width(700).height(550).title(title).xAxisTitle(xTitle).yAxisTitle(yTitle).build();
    chart.getStyler().setYAxisLogarithmic(logY);
    chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
    for (Map.Entry<String, double[]> e : curves.entrySet()) {
      double[] y = e.getValue();
      double[] x = new double[y.length];
      for (int i = 0; i < y.length; i++) x[i] = i + 1;
      chart.addSeries(e.getKey(), x, y).setMarker(SeriesMarkers.NONE);
    }
    Files.createDirectories(png.toAbsolutePath().getParent());
    String file = png.toString();
    BitmapEncoder.saveBitmap(chart, file.endsWith(".png") ? file.substring(0, file.length() - 4) : file, BitmapEncoder.BitmapFormat.PNG);
  }
}

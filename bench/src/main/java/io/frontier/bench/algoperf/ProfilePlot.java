package io.frontier.bench.algoperf;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The performance profile as a PNG: rho_s(tau) against tau on a log axis, one step line per
 * submission. XChart's own log axis labels only powers of ten (so 1 to 4 would show just "1"):
 * the series are plotted against log2(tau) on a linear axis whose labels show tau itself.
 */
public final class ProfilePlot {
  private ProfilePlot() {}

  public static void write(Path png, List<String> submissions, double[] taus, double[][] rho, String title) throws IOException {
    XYChart chart = new XYChartBuilder().width(800).height(500).title(title)
        .xAxisTitle("tau (time to target / best submission's), log scale").yAxisTitle("fraction of workloads").build();
    double[] x = new double[taus.length];
    for (int k = 0; k < x.length; k++) x[k] = Math.log(taus[k]) / Math.log(2);
    chart.getStyler().setxAxisTickLabelsFormattingFunction(v -> String.format(Locale.ROOT, "%.2f", Math.pow(2, v)));
    chart.getStyler().setXAxisTickMarkSpacingHint(90);
    chart.getStyler().setXAxisMin(x[0]);
    chart.getStyler().setXAxisMax(x[x.length - 1]);
    chart.getStyler().setYAxisMin(0.0);
    chart.getStyler().setYAxisMax(1.0);
    chart.getStyler().setYAxisDecimalPattern("0.00");
    chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Step);
    for (int s = 0; s < submissions.size(); s++) {
      chart.addSeries(submissions.get(s), x, rho[s]).setMarker(SeriesMarkers.NONE);
    }
    String file = png.toString();
    BitmapEncoder.saveBitmap(chart, file.endsWith(".png") ? file.substring(0, file.length() - 4) : file, BitmapEncoder.BitmapFormat.PNG);
  }
}

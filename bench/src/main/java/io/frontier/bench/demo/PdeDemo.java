package io.frontier.bench.demo;

import io.frontier.multiobjective.pde.FrontGeometry;
import io.frontier.multiobjective.pde.FrontPoint;
import io.frontier.multiobjective.pde.NonConvexCase;
import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code frontier demo pde}: the non-convex Pareto front of the non-smooth PDE-constrained control
 * problem {@link NonConvexCase} (-y'' + kappa max(0, y) = u + f, two subdomain controls, objectives
 * f0 = tracking J1 / J1(0) and f1 = control cost J2 / J2(v*), both minimised). Computes the
 * epsilon-constraint reference, the weighted-sum front and the Pascoletti-Serafini front; prints
 * the widest gap in f1 that the weighted sum leaves, how many Pascoletti-Serafini points fall inside
 * it and how far they lie above the convex hull of the reference; plots the three with that hull.
 */
@Command(name = "pde", description = "Weighted sum vs Pascoletti-Serafini on a non-smooth PDE-constrained control problem "
    + "with a non-convex front (-y'' + 300 max(0, y) = u + f, two subdomain controls): prints the gap the weighted sum leaves "
    + "and the Pascoletti-Serafini points in it; writes pde-nonconvex.png with the epsilon-constraint reference and its convex hull.")
public final class PdeDemo implements Callable<Integer> {

  /** Grid sizes: epsilon-constraint levels, weights, Pascoletti-Serafini reference points. */
  record Grid(int reference, int weights, int referencePoints) {}

  static final Grid FULL = new Grid(60, 201, 25);
  static final Grid QUICK = new Grid(20, 41, 13);

  /**
   * What the demo found: the widest gap (gapLo, gapHi) in f1 between weighted-sum points; the number
   * of Pascoletti-Serafini points strictly inside it, their largest height above the reference's
   * convex hull and their largest distance |f0 - v(f1)| from the epsilon-constraint value; and the
   * reference's own largest height above its hull.
   */
  record Summary(double gapLo, double gapHi, int inside, double insideAboveHull, double insideError, double referenceAboveHull) {}

  @Spec private CommandSpec spec;

  @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
  private boolean help;

  @Option(names = "--quick", description = "A coarser grid (20 levels, 41 weights, 13 reference points instead of 60, 201, 25).")
  boolean quick;

  @Option(names = "--out", paramLabel = "DIR", description = "Directory for the PNG (default: bench/results in the repository).")
  Path out;

  @Override
  public Integer call() throws Exception {
    run(spec.commandLine().getOut());
    return 0;
  }

  /** Computes the three fronts, prints progress and the summary, writes the PNG. */
  Summary run(PrintWriter stdout) throws IOException {
    Grid grid = quick ? QUICK : FULL;
    stdout.printf(Locale.ROOT, "PDE control, N = %d nodes, kappa = %.0f, source f = %.0f, two subdomain controls%s%n",
        NonConvexCase.NODES, NonConvexCase.KAPPA, 0.5 * (NonConvexCase.KAPPA + 10), quick ? " (quick grid)" : "");
    long begin = System.nanoTime();
    NonConvexCase c = NonConvexCase.create(true);

    long t = System.nanoTime();
    List<double[]> reference = c.referenceFront(grid.reference());
    List<double[]> hull = FrontGeometry.lowerHull(reference);
    double referenceAboveHull = FrontGeometry.maxGapAboveHull(reference);
    stdout.printf(Locale.ROOT, "epsilon-constraint reference: %d levels in %.1f s, up to %.4f above its convex hull%n",
        grid.reference(), seconds(t), referenceAboveHull);
    stdout.flush();

    t = System.nanoTime();
    List<double[]> ws = c.weightedSumFront(grid.weights());
    double[] gap = FrontGeometry.widestGap(ws);
    stdout.printf(Locale.ROOT, "weighted sum: %d weights in %.1f s, widest gap in f1 (%.3f, %.3f)%n", grid.weights(), seconds(t), gap[0], gap[1]);
    stdout.flush();

    t = System.nanoTime();
    List<FrontPoint> ps = c.pascolettiSerafiniFront(grid.referencePoints());
    int inside = 0;
    double aboveHull = 0;
    double error = 0;
    for (FrontPoint p : ps) {
      double[] f = p.values();
      if (f[1] <= gap[0] || f[1] >= gap[1]) continue;
      inside++;
      aboveHull = Math.max(aboveHull, f[0] - FrontGeometry.interpolate(hull, f[1]));
      error = Math.max(error, Math.abs(f[0] - c.epsilonConstraint(f[1])));
    }
    stdout.printf(Locale.ROOT, "Pascoletti-Serafini: %d reference points in %.1f s%n", grid.referencePoints(), seconds(t));
    Summary summary = new Summary(gap[0], gap[1], inside, aboveHull, error, referenceAboveHull);
    stdout.printf(Locale.ROOT, "summary: the weighted sum leaves f1 in (%.3f, %.3f) empty; %d Pascoletti-Serafini points lie in it,"
        + " up to %.4f above the convex hull (reference: %.4f), within %.1e of the epsilon-constraint front%n",
        gap[0], gap[1], inside, aboveHull, referenceAboveHull, error);

    Path png = DemoCommand.outDir(out).resolve("pde-nonconvex.png");
    plot(png, reference, hull, ws, ps);
    stdout.printf(Locale.ROOT, "done in %.1f s; wrote %s%n", seconds(begin), png);
    stdout.flush();
    return summary;
  }

  private static void plot(Path png, List<double[]> reference, List<double[]> hull, List<double[]> ws, List<FrontPoint> ps)
      throws IOException {
    XYChart chart = FrontPlot.chart("Non-convex front: weighted sum vs Pascoletti-Serafini",
        new String[] {"f0 = tracking J1 / J1(0)", "f1 = control cost J2 / J2(v*)"});
    chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
    line(chart, "epsilon-constraint reference", reference, Color.GRAY, new BasicStroke(2f));
    line(chart, "its convex hull", hull, Color.BLACK,
        new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f));
    double[][] w = ws.toArray(double[][]::new);
    chart.addSeries("weighted sum", FrontPlot.column(w, 0, 0, w.length), FrontPlot.column(w, 1, 0, w.length))
        .setMarker(SeriesMarkers.CIRCLE).setMarkerColor(new Color(0, 114, 178));
    double[][] p = ps.stream().map(FrontPoint::values).toArray(double[][]::new);
    chart.addSeries("Pascoletti-Serafini", FrontPlot.column(p, 0, 0, p.length), FrontPlot.column(p, 1, 0, p.length))
        .setMarker(SeriesMarkers.DIAMOND).setMarkerColor(new Color(213, 94, 0));
    FrontPlot.save(chart, png);
  }

  private static void line(XYChart chart, String name, List<double[]> points, Color color, BasicStroke stroke) {
    double[][] a = points.toArray(double[][]::new);
    XYSeries s = chart.addSeries(name, FrontPlot.column(a, 0, 0, a.length), FrontPlot.column(a, 1, 0, a.length));
    s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line).setMarker(SeriesMarkers.NONE);
    s.setLineColor(color);
    s.setLineStyle(stroke);
  }

  private static double seconds(long since) {
    return (System.nanoTime() - since) / 1e9;
  }
}

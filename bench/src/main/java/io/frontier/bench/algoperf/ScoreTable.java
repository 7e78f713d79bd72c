package io.frontier.bench.algoperf;

import java.util.List;
import java.util.Locale;

/**
 * The scores as text: one row per workload and submission with the median time and steps to the
 * target over studies and their range, and the studies that reached it; then, per submission, the
 * performance profile at a few taus.
 */
public final class ScoreTable {
  private ScoreTable() {}

  static final double[] SHOWN_TAUS = {1.0, 1.5, 2.0, 4.0};

  public static String render(List<Workload> workloads, List<Submission> submissions, List<AlgoPerfRun.Cell> cells) {
    StringBuilder out = new StringBuilder();
    String fmt = "%-20s %-12s %-7s %-14s %-26s %-24s %s%n";
    out.append(String.format(Locale.ROOT, fmt, "workload", "metric", "target", "submission", "time to target s", "steps to target", "studies"));
    out.append(String.format(Locale.ROOT, fmt, "", "", "", "", "median [min-max]", "median [min-max]", "reached"));
    for (Workload w : workloads) {
      for (Submission s : submissions) {
        AlgoPerfRun.Cell c = cell(cells, w.name(), s.name());
        long reached = c.studies().stream().filter(st -> st.bestTrial() >= 0).count();
        out.append(String.format(Locale.ROOT, fmt, w.name(), w.metric(), num(w.target()), s.name(),
            spread(c.seconds(), "%.2f"), spread(c.steps(), "%.0f"), reached + "/" + c.studies().size()));
      }
    }
    double[][] rho = PerformanceProfile.profile(medianSeconds(workloads, submissions, cells), SHOWN_TAUS);
    out.append(String.format(Locale.ROOT, "%nperformance profile (fraction of workloads within tau of the best median time)%n"));
    out.append(String.format(Locale.ROOT, "%-14s", "submission"));
    for (double tau : SHOWN_TAUS) out.append(String.format(Locale.ROOT, " tau=%-5s", num(tau)));
    out.append('\n');
    for (int i = 0; i < submissions.size(); i++) {
      out.append(String.format(Locale.ROOT, "%-14s", submissions.get(i).name()));
      for (double r : rho[i]) out.append(String.format(Locale.ROOT, " %-9.2f", r));
      out.append('\n');
    }
    return out.toString();
  }

  /** {@code t[s][w]}: each submission's median time to target on each workload. */
  public static double[][] medianSeconds(List<Workload> workloads, List<Submission> submissions, List<AlgoPerfRun.Cell> cells) {
    double[][] t = new double[submissions.size()][workloads.size()];
    for (int s = 0; s < t.length; s++) {
      for (int w = 0; w < workloads.size(); w++) t[s][w] = cell(cells, workloads.get(w).name(), submissions.get(s).name()).seconds().median();
    }
    return t;
  }

  static AlgoPerfRun.Cell cell(List<AlgoPerfRun.Cell> cells, String workload, String submission) {
    return cells.stream().filter(c -> c.workload().equals(workload) && c.submission().equals(submission)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no result for " + workload + " / " + submission));
  }

  private static String spread(Spread s, String f) {
    return val(s.median(), f) + " [" + val(s.min(), f) + "-" + val(s.max(), f) + "]";
  }

  private static String val(double v, String f) {
    return Double.isInfinite(v) ? "inf" : String.format(Locale.ROOT, f, v);
  }

  private static String num(double v) {
    return java.math.BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
  }
}

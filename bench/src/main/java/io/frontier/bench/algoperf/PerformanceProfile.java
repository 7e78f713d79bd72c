package io.frontier.bench.algoperf;

/**
 * Performance profiles (Dolan and More, as AlgoPerf scores submissions): for submission s, the
 * fraction of workloads w on which s's time-to-target is within a factor tau of the best
 * submission's, {@code rho_s(tau) = |{w : t[s][w] <= tau * min_s' t[s'][w]}| / W}. A submission
 * that never reached a workload's target (infinite time) counts on that workload for no tau; a
 * workload no submission reached counts for none.
 */
public final class PerformanceProfile {
  private PerformanceProfile() {}

  /** {@code t[s][w] / min over s' of t[s'][w]}; infinity where t is infinite or no one reached w. */
  public static double[][] ratios(double[][] times) {
    int subs = times.length;
    int works = times[0].length;
    double[][] r = new double[subs][works];
    for (int w = 0; w < works; w++) {
      double best = Double.POSITIVE_INFINITY;
      for (double[] t : times) best = Math.min(best, t[w]);
      for (int s = 0; s < subs; s++) r[s][w] = Double.isFinite(best) ? times[s][w] / best : Double.POSITIVE_INFINITY;
    }
    return r;
  }

  /** rho_s(tau) for each submission s and each tau in {@code taus}. */
  public static double[][] profile(double[][] times, double[] taus) {
    double[][] r = ratios(times);
    double[][] rho = new double[r.length][taus.length];
    for (int s = 0; s < r.length; s++) {
      for (int k = 0; k < taus.length; k++) {
        int within = 0;
        for (double ratio : r[s]) if (ratio <= taus[k]) within++;
        rho[s][k] = (double) within / r[s].length;
      }
    }
    return rho;
  }

  /** {@code n} taus from 1 to {@code maxTau}, evenly spaced in log(tau). */
  public static double[] logTaus(double maxTau, int n) {
    double[] taus = new double[n];
    for (int k = 0; k < n; k++) taus[k] = Math.exp(Math.log(maxTau) * k / (n - 1));
    return taus;
  }
}

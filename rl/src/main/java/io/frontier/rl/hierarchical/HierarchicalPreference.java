package io.frontier.rl.hierarchical;

import io.frontier.tensor.Generator;
import io.frontier.tensor.Tensor;
import java.util.Arrays;

/**
 * HERON's hierarchical comparison of trajectories (Bukharin, Li, He and Zhao, "Deep
 * Reinforcement Learning from Hierarchical Preference Design", ICML 2025, arXiv 2309.02632; code
 * abukharin3/HERON, {@code robots/stable_baselines3/ppo/heron.py}): the designer only ranks the
 * feedback signals by importance, {@code f_1 > f_2 > ... > f_K}, and a decision tree turns that
 * ranking into preference labels,
 *
 * <pre>
 *   at the first level k with |f_k(a) - f_k(b)| > delta_k sigma_k:   a > b  if f_k(a) > f_k(b), else b > a
 *   no such level:                                                  no label
 * </pre>
 *
 * where {@code sigma_k} is the standard deviation of {@code f_k} over the trajectories being
 * compared (the repository's {@code sigma * reward_signal[:, k].std()}). Because each margin is a
 * multiple of its factor's own spread, rescaling a factor (seconds to milliseconds) rescales its
 * margin with it and leaves every label unchanged: no label depends on units, which is what the
 * hand-tuned linear weights HERON replaces get wrong.
 *
 * <p>Factors are the columns of a factor vector, most important first, each oriented so that
 * larger is better (negate a time or an energy). A pair that no level decides gets no label and
 * is dropped, as the repository's {@code continue} drops it (the paper also allows a random label;
 * a label without information would only add noise to the reward model).
 */
public final class HierarchicalPreference {
  /** {@link #compare}: the first trajectory is preferred. */
  public static final int FIRST = 1;
  /** {@link #compare}: the second trajectory is preferred. */
  public static final int SECOND = -1;
  /** {@link #compare}: no level decides, no label. */
  public static final int NO_LABEL = 0;

  private final double[] deltas;

  /** {@code deltas[k]}: the margin of level k in standard deviations of factor k (>= 0), most important first. */
  public HierarchicalPreference(double... deltas) {
    if (deltas == null || deltas.length == 0) throw new IllegalArgumentException("HierarchicalPreference: need at least one level's margin");
    for (int k = 0; k < deltas.length; k++) {
      if (!(deltas[k] >= 0) || !Double.isFinite(deltas[k])) {
        throw new IllegalArgumentException("HierarchicalPreference: margin delta_" + k + " must be finite and >= 0, got " + deltas[k]);
      }
    }
    this.deltas = deltas.clone();
  }

  /** The number of factors K. */
  public int levels() {
    return deltas.length;
  }

  public double[] deltas() {
    return deltas.clone();
  }

  /**
   * {@code sigma_k}: the standard deviation of each factor over {@code factors} (N, K), with
   * Bessel's correction as {@code torch.std}; N &gt;= 2.
   */
  public static double[] scales(double[][] factors) {
    if (factors == null || factors.length < 2) {
      throw new IllegalArgumentException("HierarchicalPreference.scales: need at least 2 factor vectors, got "
          + (factors == null ? "null" : factors.length));
    }
    int k = factors[0].length;
    double[] sigma = new double[k];
    for (int j = 0; j < k; j++) {
      double mean = 0;
      for (double[] f : factors) mean += f[j];
      mean /= factors.length;
      double ss = 0;
      for (double[] f : factors) {
        if (f.length != k) throw new IllegalArgumentException("HierarchicalPreference.scales: factor vectors of lengths " + k + " and " + f.length);
        ss += (f[j] - mean) * (f[j] - mean);
      }
      sigma[j] = Math.sqrt(ss / (factors.length - 1));
    }
    return sigma;
  }

  /** {@link #FIRST}, {@link #SECOND} or {@link #NO_LABEL} for the factor vectors {@code a} and {@code b} (K). */
  public int compare(double[] a, double[] b, double[] scales) {
    int level = decidingLevel(a, b, scales);
    if (level < 0) return NO_LABEL;
    return a[level] > b[level] ? FIRST : SECOND;
  }

  /** The level (0 = most important) whose margin the pair clears first, or -1 if none does. */
  public int decidingLevel(double[] a, double[] b, double[] scales) {
    check(a, "a");
    check(b, "b");
    check(scales, "scales");
    for (int k = 0; k < deltas.length; k++) {
      if (Double.isNaN(a[k]) || Double.isNaN(b[k])) throw new IllegalArgumentException("HierarchicalPreference: factor " + k + " is NaN");
      // strict: a difference exactly at the margin (0 = 0 with sigma 0) falls through to the next level
      if (Math.abs(a[k] - b[k]) > deltas[k] * scales[k]) return k;
    }
    return -1;
  }

  /**
   * Labels the pairs {@code (first[i], second[i])} of rows of {@code factors} (N, K) with the
   * scales of those N trajectories (the batch, as the repository does) and keeps the decided ones.
   */
  public LabelledPairs label(double[][] factors, int[] first, int[] second) {
    return label(factors, scales(factors), first, second);
  }

  /** As {@link #label(double[][], int[], int[])} with given scales (those of a training set, for held-out pairs). */
  public LabelledPairs label(double[][] factors, double[] scales, int[] first, int[] second) {
    if (first == null || second == null || first.length != second.length) {
      throw new IllegalArgumentException("HierarchicalPreference.label: first and second must be index arrays of one length, got "
          + (first == null ? "null" : first.length) + " and " + (second == null ? "null" : second.length));
    }
    int[] chosen = new int[first.length];
    int[] rejected = new int[first.length];
    int[] level = new int[first.length];
    int n = 0;
    for (int i = 0; i < first.length; i++) {
      double[] a = row(factors, first[i]);
      double[] b = row(factors, second[i]);
      int k = decidingLevel(a, b, scales);
      if (k < 0) continue;
      boolean firstWins = a[k] > b[k];
      chosen[n] = firstWins ? first[i] : second[i];
      rejected[n] = firstWins ? second[i] : first[i];
      level[n++] = k;
    }
    return new LabelledPairs(Arrays.copyOf(chosen, n), Arrays.copyOf(rejected, n), Arrays.copyOf(level, n), first.length - n);
  }

  /** {@code count} pairs of distinct indices in [0, n), each drawn uniformly: (first, second). */
  public static int[][] randomPairs(int n, int count, Generator g) {
    if (n < 2 || count < 0) throw new IllegalArgumentException("HierarchicalPreference.randomPairs: need n >= 2 and count >= 0, got " + n + ", " + count);
    long[] first = Tensor.randint(g, 0, n, count).toLongArray();
    long[] offset = Tensor.randint(g, 1, n, count).toLongArray(); // second = first + offset (mod n) is never first
    int[][] pairs = new int[2][count];
    for (int i = 0; i < count; i++) {
      pairs[0][i] = (int) first[i];
      pairs[1][i] = (int) ((first[i] + offset[i]) % n);
    }
    return pairs;
  }

  private static double[] row(double[][] factors, int i) {
    if (i < 0 || i >= factors.length) throw new IndexOutOfBoundsException("HierarchicalPreference.label: index " + i + " outside [0, " + factors.length + ")");
    return factors[i];
  }

  private void check(double[] v, String name) {
    if (v == null || v.length != deltas.length) {
      throw new IllegalArgumentException("HierarchicalPreference: " + name + " has " + (v == null ? "null" : v.length + " entries")
          + ", expected one per level, " + deltas.length);
    }
  }
}

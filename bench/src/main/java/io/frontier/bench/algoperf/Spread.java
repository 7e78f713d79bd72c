package io.frontier.bench.algoperf;

import java.util.Arrays;

/**
 * The median and range of a score over studies. Infinity (a study that never reached the target)
 * sorts last, so the median is infinite only when at least half the studies failed (with an even
 * count, when either middle value is infinite: their mean is).
 */
public record Spread(double median, double min, double max) {

  public static Spread of(double... values) {
    if (values.length == 0) throw new IllegalArgumentException("no values");
    double[] v = values.clone();
    Arrays.sort(v);
    int n = v.length;
    double median = n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
    return new Spread(median, v[0], v[n - 1]);
  }
}

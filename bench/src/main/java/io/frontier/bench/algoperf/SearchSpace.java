package io.frontier.bench.algoperf;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.commons.math3.random.SobolSequenceGenerator;

/**
 * A submission's hyperparameter search space: named ranges, each log-uniform or uniform. Trials are
 * drawn quasi-randomly as in AlgoPerf's external tuning: points of a Sobol sequence (one dimension
 * per range) mapped onto the ranges. Each study gets its own points through a random shift of the
 * sequence modulo 1 (a Cranley-Patterson rotation, drawn from the study's seed), which keeps the
 * points evenly spread while making studies independent; the same seed gives the same points.
 */
public record SearchSpace(List<Range> ranges) {

  /** {@code [low, high]}; a log range is uniform in log(value), so both bounds must be positive. */
  public record Range(String name, double low, double high, boolean log) {
    public Range {
      if (!(low <= high)) throw new IllegalArgumentException("search range " + name + ": low " + low + " > high " + high);
      if (log && !(low > 0)) throw new IllegalArgumentException("search range " + name + ": a log range needs low > 0, got " + low);
    }

    /** The value at u in [0, 1). */
    double at(double u) {
      double v = log ? Math.exp(Math.log(low) + u * (Math.log(high) - Math.log(low))) : low + u * (high - low);
      return Math.min(high, Math.max(low, v)); // exp(log(x)) may round a hair outside
    }
  }

  public SearchSpace {
    ranges = List.copyOf(ranges);
    if (ranges.isEmpty()) throw new IllegalArgumentException("a search space needs at least one range");
  }

  public static Range logUniform(String name, double low, double high) {
    return new Range(name, low, high, true);
  }

  public static Range uniform(String name, double low, double high) {
    return new Range(name, low, high, false);
  }

  /** The hyperparameters of a study's {@code n} trials, in order. */
  public List<Map<String, Double>> sample(int n, long seed) {
    int d = ranges.size();
    SobolSequenceGenerator sobol = new SobolSequenceGenerator(d);
    sobol.nextVector(); // the first point is all zeros: every range's lower bound
    SplittableRandom random = new SplittableRandom(seed);
    double[] shift = new double[d];
    for (int i = 0; i < d; i++) shift[i] = random.nextDouble();
    List<Map<String, Double>> out = new java.util.ArrayList<>();
    for (int t = 0; t < n; t++) {
      double[] u = sobol.nextVector();
      Map<String, Double> h = new LinkedHashMap<>();
      for (int i = 0; i < d; i++) {
        double v = u[i] + shift[i];
        h.put(ranges.get(i).name(), ranges.get(i).at(v - Math.floor(v)));
      }
      out.add(h);
    }
    return out;
  }
}

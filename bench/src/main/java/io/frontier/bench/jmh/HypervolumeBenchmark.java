package io.frontier.bench.jmh;

import io.frontier.multiobjective.pareto.Hypervolume;
import io.frontier.multiobjective.pareto.NonDominatedSorting;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Pareto utilities of io.frontier.multiobjective on the CPU, single-threaded:
 * <ul>
 *   <li>{@code hypervolume3d}: exact 3-D hypervolume (the O(n log n) sweep) of n mutually
 *       non-dominated points, uniform on the positive octant of the unit sphere (normalised absolute
 *       Gaussians, seed 42), reference point (1, 1, 1);</li>
 *   <li>{@code nonDominatedSorting}: non-dominated sorting (lexicographic presort, then a 2-D
 *       staircase per front) of n points uniform in the unit cube (seed 42), three objectives.</li>
 * </ul>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@State(Scope.Benchmark)
public class HypervolumeBenchmark {

  /** The objectives of both benchmarks. */
  public static final int OBJECTIVES = 3;

  /** The reference point of {@code hypervolume3d}. */
  public static final double[] REFERENCE = {1, 1, 1};

  @Param({"1000", "10000", "100000"})
  public int n;

  /** Recorded in the results; the code is single-threaded. */
  @Param({"1"})
  public int threads;

  private double[][] sphere;
  private double[][] cube;

  @Setup
  public void setUp() {
    double[][][] sets = pointSets(n);
    sphere = sets[0];
    cube = sets[1];
  }

  /**
   * The benchmark's inputs for n points: {sphere, cube} as described in the class notes (one seed-42
   * stream draws both, point by point), so that peers such as DEAP can be timed on the same points.
   */
  public static double[][][] pointSets(int n) {
    SplittableRandom random = new SplittableRandom(42);
    double[][] sphere = new double[n][OBJECTIVES];
    double[][] cube = new double[n][OBJECTIVES];
    for (int i = 0; i < n; i++) {
      double norm = 0;
      for (int k = 0; k < OBJECTIVES; k++) {
        sphere[i][k] = Math.abs(random.nextGaussian());
        norm += sphere[i][k] * sphere[i][k];
        cube[i][k] = random.nextDouble();
      }
      norm = Math.sqrt(norm);
      for (int k = 0; k < OBJECTIVES; k++) sphere[i][k] /= norm;
    }
    return new double[][][] {sphere, cube};
  }

  @Benchmark
  public double hypervolume3d() {
    return Hypervolume.of(sphere, REFERENCE);
  }

  @Benchmark
  public NonDominatedSorting.Fronts nonDominatedSorting() {
    return NonDominatedSorting.sort(cube);
  }
}

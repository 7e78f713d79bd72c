package io.frontier.multiobjective.evolution;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/** Test-only indicators, independent of the library's own hypervolume code. */
final class TestIndicators {

    private TestIndicators() {
    }

    /** Exact 2-D hypervolume (minimisation) of the points dominating {@code ref}, by a sweep on f1. */
    static double hypervolume2d(List<Solution> points, double r1, double r2) {
        double[][] p = points.stream().map(Solution::f).filter(f -> f[0] < r1 && f[1] < r2)
                .sorted(Comparator.<double[]>comparingDouble(f -> f[0]).thenComparingDouble(f -> f[1]))
                .toArray(double[][]::new);
        double hv = 0;
        double level = r2;
        for (double[] f : p) {
            if (f[1] < level) {
                hv += (r1 - f[0]) * (level - f[1]);
                level = f[1];
            }
        }
        return hv;
    }

    /** Mean over the points of | ||f||_2 - 1 |: the distance to the unit sphere. */
    static double meanSphereDistance(List<Solution> points) {
        return points.stream().mapToDouble(s -> Math.abs(Math.sqrt(Arrays.stream(s.f()).map(v -> v * v).sum()) - 1))
                .average().orElseThrow();
    }
}

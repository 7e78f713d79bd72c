package io.frontier.multiobjective.problems;

import java.util.ArrayList;
import java.util.List;

/**
 * Das-Dennis lattice on the unit simplex: all w >= 0 with sum w = 1 and w_i multiples of 1/H, in
 * lexicographic order of the integer parts. It has C(H + m - 1, m - 1) points, e.g. 91 for m = 3,
 * H = 12; they serve as analytic front grids and as reference directions / weight vectors.
 */
public final class SimplexLattice {

    private SimplexLattice() {
    }

    /** The lattice with the smallest H giving at least {@code points} points. */
    static double[][] atLeast(int m, int points) {
        int h = 1;
        while (count(m, h) < points) {
            h++;
        }
        return of(m, h);
    }

    /**
     * The lattice in {@code m} dimensions with {@code divisions} = H divisions per axis.
     *
     * @throws IllegalArgumentException if {@code m < 1}, {@code divisions < 1}, or it would exceed
     *     10^7 points
     */
    public static double[][] of(int m, int divisions) {
        if (m < 1 || divisions < 1) {
            throw new IllegalArgumentException("simplex lattice: need m >= 1 and divisions >= 1, got m=" + m
                    + ", divisions=" + divisions);
        }
        if (count(m, divisions) > 1e7) {
            throw new IllegalArgumentException("simplex lattice: m=" + m + ", divisions=" + divisions
                    + " gives more than 10^7 points");
        }
        int h = divisions;
        List<double[]> out = new ArrayList<>();
        fill(new int[m], 0, h, h, out);
        return out.toArray(new double[0][]);
    }

    /** C(h + m - 1, m - 1), the lattice size (as a double to avoid overflow while searching). */
    private static double count(int m, int h) {
        double c = 1;
        for (int i = 1; i < m; i++) {
            c = c * (h + i) / i;
        }
        return c;
    }

    private static void fill(int[] parts, int index, int left, int h, List<double[]> out) {
        if (index == parts.length - 1) {
            parts[index] = left;
            double[] w = new double[parts.length];
            for (int i = 0; i < parts.length; i++) {
                w[i] = parts[i] / (double) h;
            }
            out.add(w);
            return;
        }
        for (int v = 0; v <= left; v++) {
            parts[index] = v;
            fill(parts, index + 1, left - v, h, out);
        }
    }
}

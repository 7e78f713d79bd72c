package io.frontier.multiobjective.problems;

import java.util.ArrayList;
import java.util.List;

/** Das-Dennis lattice on the unit simplex: all w >= 0 with sum w = 1 and w_i multiples of 1/H. */
final class SimplexLattice {

    private SimplexLattice() {
    }

    /** The lattice with the smallest H giving at least {@code points} points. */
    static double[][] atLeast(int m, int points) {
        int h = 1;
        while (count(m, h) < points) {
            h++;
        }
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

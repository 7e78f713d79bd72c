package io.frontier.multiobjective.evolution;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Fast non-dominated sorting and crowding distance (Deb et al. 2002) for minimisation. Points are
 * rows of objective values; a dominates b when a is no worse in every objective and better in one.
 */
public final class Ranking {

    private Ranking() {
    }

    /** True when {@code a} Pareto-dominates {@code b} (minimisation). */
    public static boolean dominates(double[] a, double[] b) {
        boolean strict = false;
        for (int i = 0; i < a.length; i++) {
            if (a[i] > b[i]) {
                return false;
            }
            strict |= a[i] < b[i];
        }
        return strict;
    }

    /**
     * The fronts in order: front 0 holds the non-dominated points, front 1 those dominated only by
     * front 0, and so on. Indices inside a front are ascending. O(m n^2).
     */
    public static List<int[]> fronts(double[][] f) {
        int n = f.length;
        int[] dominatedBy = new int[n];
        List<List<Integer>> dominates = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            dominates.add(new ArrayList<>());
        }
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                if (dominates(f[i], f[j])) {
                    dominates.get(i).add(j);
                    dominatedBy[j]++;
                } else if (dominates(f[j], f[i])) {
                    dominates.get(j).add(i);
                    dominatedBy[i]++;
                }
            }
        }
        List<int[]> fronts = new ArrayList<>();
        int[] current = IntStream.range(0, n).filter(i -> dominatedBy[i] == 0).toArray();
        while (current.length > 0) {
            fronts.add(current);
            List<Integer> next = new ArrayList<>();
            for (int i : current) {
                for (int j : dominates.get(i)) {
                    if (--dominatedBy[j] == 0) {
                        next.add(j);
                    }
                }
            }
            current = next.stream().mapToInt(Integer::intValue).sorted().toArray();
        }
        return fronts;
    }

    /**
     * Crowding distance of each member of {@code front} (indices into {@code f}), in the order of
     * {@code front}: the sum over objectives of the normalised gap between the two neighbours;
     * the extreme points of every objective get {@code +infinity}. Fronts of one or two points
     * are all infinite.
     */
    public static double[] crowding(double[][] f, int[] front) {
        int size = front.length;
        double[] d = new double[size];
        if (size <= 2) {
            Arrays.fill(d, Double.POSITIVE_INFINITY);
            return d;
        }
        int m = f[front[0]].length;
        Integer[] order = new Integer[size];
        for (int k = 0; k < m; k++) {
            final int obj = k;
            for (int i = 0; i < size; i++) {
                order[i] = i;
            }
            Arrays.sort(order, Comparator.comparingDouble(i -> f[front[i]][obj]));
            double lo = f[front[order[0]]][k];
            double hi = f[front[order[size - 1]]][k];
            d[order[0]] = Double.POSITIVE_INFINITY;
            d[order[size - 1]] = Double.POSITIVE_INFINITY;
            if (hi == lo) {
                continue;
            }
            for (int i = 1; i < size - 1; i++) {
                d[order[i]] += (f[front[order[i + 1]]][k] - f[front[order[i - 1]]][k]) / (hi - lo);
            }
        }
        return d;
    }
}

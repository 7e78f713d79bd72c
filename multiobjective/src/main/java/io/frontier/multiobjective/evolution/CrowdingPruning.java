package io.frontier.multiobjective.evolution;

import java.util.Arrays;
import java.util.Comparator;

/**
 * Iterative crowding-distance pruning of one non-dominated front (Kukkonen and Deb 2006, "Improved
 * pruning of non-dominated solutions based on crowding distance for bi-objective optimization
 * problems", CEC 2006): instead of keeping the {@code keep} largest crowding distances computed
 * once, the member with the smallest crowding distance is removed one at a time and the distances
 * of its neighbours are updated, so that the survivors are spread as evenly as the crowding
 * distance can tell.
 *
 * <p>Crowding distance as in {@link io.frontier.multiobjective.pareto.CrowdingDistance}: per
 * objective the front is sorted (stable, ties in front order), the first and last members are
 * infinite and every other member adds {@code (f[next] - f[prev]) / (max - min)} of its current
 * neighbours, with {@code max - min} the objective's range over the whole front (fixed while
 * pruning; an objective with zero range adds nothing). Each objective keeps a doubly linked list of
 * the remaining members, so a removal updates only the at most 2M members next to it. Ties in the
 * smallest distance remove the member that comes first in {@code front}.
 */
final class CrowdingPruning {

    /** The kept members, in the order of {@code front}, and their crowding distances among themselves. */
    record Kept(int[] members, double[] distance) {
    }

    private CrowdingPruning() {
    }

    /** Prunes {@code front} (indices into {@code f}) down to {@code keep} members (1 <= keep <= its size). */
    static Kept prune(double[][] f, int[] front, int keep) {
        int n = front.length;
        if (keep < 1 || keep > n) {
            throw new IllegalArgumentException("crowding pruning: cannot keep " + keep + " of " + n + " members");
        }
        int m = f[front[0]].length;
        int[][] prev = new int[m][n];
        int[][] next = new int[m][n];
        double[] range = new double[m];
        Integer[] order = new Integer[n];
        for (int k = 0; k < m; k++) {
            final int obj = k;
            for (int i = 0; i < n; i++) {
                order[i] = i;
            }
            Arrays.sort(order, Comparator.comparingDouble(i -> f[front[i]][obj]));
            for (int s = 0; s < n; s++) {
                prev[k][order[s]] = s > 0 ? order[s - 1] : -1;
                next[k][order[s]] = s < n - 1 ? order[s + 1] : -1;
            }
            range[k] = f[front[order[n - 1]]][k] - f[front[order[0]]][k];
        }
        double[] d = new double[n];
        for (int i = 0; i < n; i++) {
            d[i] = distance(i, f, front, prev, next, range);
        }
        boolean[] removed = new boolean[n];
        for (int alive = n; alive > keep; alive--) {
            int worst = -1;
            for (int i = 0; i < n; i++) {
                if (!removed[i] && (worst < 0 || d[i] < d[worst])) {
                    worst = i;
                }
            }
            removed[worst] = true;
            for (int k = 0; k < m; k++) {
                int p = prev[k][worst];
                int q = next[k][worst];
                if (p >= 0) {
                    next[k][p] = q;
                }
                if (q >= 0) {
                    prev[k][q] = p;
                }
            }
            for (int k = 0; k < m; k++) {
                for (int j : new int[] {prev[k][worst], next[k][worst]}) {
                    if (j >= 0) {
                        d[j] = distance(j, f, front, prev, next, range);
                    }
                }
            }
        }
        int[] members = new int[keep];
        double[] distance = new double[keep];
        for (int i = 0, c = 0; i < n; i++) {
            if (!removed[i]) {
                members[c] = front[i];
                distance[c++] = d[i];
            }
        }
        return new Kept(members, distance);
    }

    /** Crowding distance of member {@code i} from its current neighbours. */
    private static double distance(int i, double[][] f, int[] front, int[][] prev, int[][] next, double[] range) {
        double sum = 0;
        for (int k = 0; k < range.length; k++) {
            int p = prev[k][i];
            int q = next[k][i];
            if (p < 0 || q < 0) {
                return Double.POSITIVE_INFINITY;
            }
            if (range[k] > 0) {
                sum += (f[front[q]][k] - f[front[p]][k]) / range[k];
            }
        }
        return sum;
    }
}

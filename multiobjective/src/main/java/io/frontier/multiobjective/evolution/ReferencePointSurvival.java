package io.frontier.multiobjective.evolution;

import io.frontier.multiobjective.pareto.NonDominatedSorting;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * NSGA-III environmental selection (Deb and Jain 2014, Section IV): fill whole non-dominated fronts
 * while they fit; if the last front F_l does not fit, normalise the candidates S_t (fronts up to
 * F_l), associate each with the nearest reference line, and pick the rest of F_l niche by niche.
 *
 * <p>Normalisation (minimisation): the ideal point z is the per-objective minimum over S_t; f' = f - z.
 * The extreme point of axis j minimises the achievement scalarising function
 * {@code max_i f'_i / w_i} with {@code w = e_j} (other weights 1e-6). The hyperplane through the m
 * extreme points has intercepts a_i; when it is degenerate (singular, or an intercept not finite
 * or below 1e-6) the intercepts fall back to the nadir of the first front, {@code max f'_i} over
 * it (then over S_t, then 1, if still below 1e-6). Normalised objectives are f' / a.
 */
final class ReferencePointSurvival {

    private static final double EPS = 1e-6;

    private final double[][] directions;

    /** @param directions the reference directions (rows, non-negative, not all zero) */
    ReferencePointSurvival(double[][] directions) {
        this.directions = directions;
    }

    /** The indices into {@code union} of the {@code size} survivors. */
    int[] select(Solution[] union, int size, SplittableRandom rng) {
        double[][] f = Evaluation.objectives(union);
        int[][] fronts = NonDominatedSorting.sort(f).fronts();
        List<Integer> chosen = new ArrayList<>(size);
        int last = 0;
        int candidates = 0;
        while (candidates < size) {
            candidates += fronts[last++].length;
        }
        for (int r = 0; r < last - 1; r++) {
            for (int i : fronts[r]) {
                chosen.add(i);
            }
        }
        int[] lastFront = fronts[last - 1];
        if (candidates == size) {
            for (int i : lastFront) {
                chosen.add(i);
            }
            return chosen.stream().mapToInt(Integer::intValue).toArray();
        }
        int[] st = new int[candidates];
        int k = 0;
        for (int r = 0; r < last; r++) {
            for (int i : fronts[r]) {
                st[k++] = i;
            }
        }
        double[][] normalised = normalise(f, st, fronts[0]);
        int[] line = new int[st.length];
        double[] distance = new double[st.length];
        associate(normalised, line, distance);
        int[] niche = new int[directions.length];
        int before = st.length - lastFront.length;
        for (int s = 0; s < before; s++) {
            niche[line[s]]++;
        }
        niching(size - chosen.size(), st, before, line, distance, niche, chosen, rng);
        return chosen.stream().mapToInt(Integer::intValue).toArray();
    }

    /** Fills {@code needed} places from S_t's members {@code first..} (the last front). */
    private void niching(int needed, int[] st, int first, int[] line, double[] distance, int[] niche,
            List<Integer> chosen, SplittableRandom rng) {
        boolean[] taken = new boolean[st.length];
        boolean[] excluded = new boolean[directions.length];
        List<Integer> minimal = new ArrayList<>();
        List<Integer> members = new ArrayList<>();
        while (needed > 0) {
            minimal.clear();
            int least = Integer.MAX_VALUE;
            for (int j = 0; j < directions.length; j++) {
                if (excluded[j] || niche[j] > least) {
                    continue;
                }
                if (niche[j] < least) {
                    least = niche[j];
                    minimal.clear();
                }
                minimal.add(j);
            }
            int j = minimal.get(rng.nextInt(minimal.size()));
            members.clear();
            for (int s = first; s < st.length; s++) {
                if (!taken[s] && line[s] == j) {
                    members.add(s);
                }
            }
            if (members.isEmpty()) {
                excluded[j] = true;
                continue;
            }
            int pick;
            if (niche[j] == 0) {
                pick = members.get(0);
                for (int s : members) {
                    if (distance[s] < distance[pick]) {
                        pick = s;
                    }
                }
            } else {
                pick = members.get(rng.nextInt(members.size()));
            }
            taken[pick] = true;
            chosen.add(st[pick]);
            niche[j]++;
            needed--;
        }
    }

    /** Rows of S_t translated by the ideal point and divided by the intercepts. */
    static double[][] normalise(double[][] f, int[] st, int[] firstFront) {
        int m = f[st[0]].length;
        double[] ideal = new double[m];
        Arrays.fill(ideal, Double.POSITIVE_INFINITY);
        for (int s : st) {
            for (int i = 0; i < m; i++) {
                ideal[i] = Math.min(ideal[i], f[s][i]);
            }
        }
        double[][] t = new double[st.length][m];
        for (int s = 0; s < st.length; s++) {
            for (int i = 0; i < m; i++) {
                t[s][i] = f[st[s]][i] - ideal[i];
            }
        }
        double[] a = intercepts(t);
        if (a == null) {
            a = nadir(f, firstFront, ideal);
            double[] all = nadir(f, st, ideal);
            for (int i = 0; i < m; i++) {
                if (a[i] < EPS) {
                    a[i] = all[i] < EPS ? 1 : all[i];
                }
            }
        }
        for (double[] row : t) {
            for (int i = 0; i < m; i++) {
                row[i] /= a[i];
            }
        }
        return t;
    }

    /** Intercepts of the hyperplane through the extreme points of translated rows, or null if degenerate. */
    static double[] intercepts(double[][] t) {
        int m = t[0].length;
        double[][] e = new double[m][];
        for (int j = 0; j < m; j++) {
            double best = Double.POSITIVE_INFINITY;
            for (double[] row : t) {
                double asf = Double.NEGATIVE_INFINITY;
                for (int i = 0; i < m; i++) {
                    asf = Math.max(asf, row[i] / (i == j ? 1 : EPS));
                }
                if (asf < best) {
                    best = asf;
                    e[j] = row;
                }
            }
        }
        double[] b = solveForOnes(e);
        if (b == null) {
            return null;
        }
        double[] a = new double[m];
        for (int i = 0; i < m; i++) {
            a[i] = 1 / b[i];
            if (!(a[i] >= EPS) || Double.isInfinite(a[i])) {
                return null;
            }
        }
        return a;
    }

    /** Solves {@code E b = 1} by Gaussian elimination with partial pivoting; null if singular. */
    private static double[] solveForOnes(double[][] e) {
        int m = e.length;
        double[][] a = new double[m][m + 1];
        for (int r = 0; r < m; r++) {
            System.arraycopy(e[r], 0, a[r], 0, m);
            a[r][m] = 1;
        }
        for (int c = 0; c < m; c++) {
            int p = c;
            for (int r = c + 1; r < m; r++) {
                if (Math.abs(a[r][c]) > Math.abs(a[p][c])) {
                    p = r;
                }
            }
            if (Math.abs(a[p][c]) < 1e-12) {
                return null;
            }
            double[] tmp = a[p];
            a[p] = a[c];
            a[c] = tmp;
            for (int r = 0; r < m; r++) {
                if (r != c) {
                    double factor = a[r][c] / a[c][c];
                    for (int k = c; k <= m; k++) {
                        a[r][k] -= factor * a[c][k];
                    }
                }
            }
        }
        double[] b = new double[m];
        for (int r = 0; r < m; r++) {
            b[r] = a[r][m] / a[r][r];
        }
        return b;
    }

    private static double[] nadir(double[][] f, int[] rows, double[] ideal) {
        double[] n = new double[ideal.length];
        for (int s : rows) {
            for (int i = 0; i < n.length; i++) {
                n[i] = Math.max(n[i], f[s][i] - ideal[i]);
            }
        }
        return n;
    }

    /** For each row, the nearest reference line (through the origin) and the perpendicular distance. */
    void associate(double[][] normalised, int[] line, double[] distance) {
        for (int s = 0; s < normalised.length; s++) {
            double[] p = normalised[s];
            double best = Double.POSITIVE_INFINITY;
            for (int j = 0; j < directions.length; j++) {
                double d = perpendicular(p, directions[j]);
                if (d < best) {
                    best = d;
                    line[s] = j;
                }
            }
            distance[s] = best;
        }
    }

    /** Distance from {@code p} to the line spanned by {@code w}. */
    static double perpendicular(double[] p, double[] w) {
        double pw = 0;
        double ww = 0;
        for (int i = 0; i < p.length; i++) {
            pw += p[i] * w[i];
            ww += w[i] * w[i];
        }
        double t = pw / ww;
        double d = 0;
        for (int i = 0; i < p.length; i++) {
            double r = p[i] - t * w[i];
            d += r * r;
        }
        return Math.sqrt(d);
    }
}

package io.frontier.multiobjective.evolution;

import io.frontier.multiobjective.pareto.Scalarization;
import io.frontier.multiobjective.problems.Problem;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.Executor;

/**
 * MOEA/D (Zhang and Li 2007) with Tchebycheff decomposition, all objectives minimised. Subproblem
 * i minimises {@code max_k w_ik |f_k - z_k|} ({@link Scalarization.Tchebycheff}) where z is the
 * ideal point (the per-objective minimum of everything evaluated so far); zero weights are raised to
 * 1e-6 so that every objective counts. Its neighbourhood B(i) holds the {@code T} subproblems with
 * the nearest weight vectors (Euclidean, itself included, ties by index).
 *
 * <p>One generation, for each subproblem i in order: the mating pool is B(i) with probability
 * {@code delta}, else the whole population (MOEA/D-DE's neighbourhood mating probability); two
 * distinct pool members are crossed by SBX and the first child is mutated. All N children of a
 * generation are made from the population at the start of the generation and evaluated together,
 * through {@link Builder#executor}, so evaluations can run in parallel (the 2007 algorithm is
 * steady-state: this batch variant differs only in which parents a child may see). Then, in order
 * of i, child i updates z and replaces at most {@code nr} members of its pool, visited in random
 * order, whose subproblem it solves at least as well. No external archive is kept.
 *
 * <p>One {@link SplittableRandom} seeded by {@link Builder#seed} makes every draw on the calling
 * thread, so the same seed gives the same result whatever the executor. The result's population
 * is indexed like the weight vectors.
 */
public final class Moead {

    private static final double MIN_WEIGHT = 1e-6;

    private final Problem problem;
    private final double[][] weights;
    private final int[][] neighbours;
    private final double delta;
    private final int replacements;
    private final int generations;
    private final long seed;
    private final SbxCrossover crossover;
    private final PolynomialMutation mutation;
    private final Executor executor;
    private final GenerationListener listener;

    private Moead(Builder b) {
        this.problem = b.problem;
        this.weights = b.weights;
        this.neighbours = neighbourhoods(b.weights, Math.min(b.neighbourhood, b.weights.length));
        this.delta = b.delta;
        this.replacements = b.replacements;
        this.generations = b.generations;
        this.seed = b.seed;
        this.crossover = b.crossover != null ? b.crossover : new SbxCrossover(20, 1.0);
        this.mutation = b.mutation != null ? b.mutation
                : new PolynomialMutation(20, 1.0 / problem.dimensions());
        this.executor = b.executor;
        this.listener = b.listener;
    }

    /**
     * A builder for {@code problem} with one subproblem per weight vector (rows of length
     * {@code problem.objectives()}, non-negative, not all zero; copied; at least 2). Defaults:
     * T = 20, delta = 0.9, nr = 2, 250 generations, seed 0, SBX(20, 1.0), PM(20, 1/n).
     */
    public static Builder builder(Problem problem, double[][] weights) {
        return new Builder(problem, weights);
    }

    /** The {@code t} nearest weight vectors of each weight vector, nearest first. */
    static int[][] neighbourhoods(double[][] w, int t) {
        int n = w.length;
        int[][] b = new int[n][];
        Integer[] order = new Integer[n];
        double[] d = new double[n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double s = 0;
                for (int k = 0; k < w[i].length; k++) {
                    s += (w[i][k] - w[j][k]) * (w[i][k] - w[j][k]);
                }
                d[j] = s;
                order[j] = j;
            }
            Arrays.sort(order, Comparator.comparingDouble(j -> d[j]));
            b[i] = new int[t];
            for (int k = 0; k < t; k++) {
                b[i][k] = order[k];
            }
        }
        return b;
    }

    /** Runs the algorithm to the configured number of generations. */
    public Result run() {
        double[] lo = problem.lowerBounds();
        double[] hi = problem.upperBounds();
        int n = weights.length;
        int[] everyone = new int[n];
        for (int i = 0; i < n; i++) {
            everyone[i] = i;
        }
        SplittableRandom rng = new SplittableRandom(seed);
        Solution[] pop = Evaluation.evaluate(problem, Evaluation.uniform(n, lo, hi, rng), executor);
        double[] ideal = new double[problem.objectives()];
        Arrays.fill(ideal, Double.POSITIVE_INFINITY);
        for (Solution s : pop) {
            updateIdeal(ideal, s.f());
        }
        long evaluations = n;
        notify(0, pop);
        for (int gen = 1; gen <= generations; gen++) {
            int[][] pools = new int[n][];
            double[][] children = new double[n][];
            for (int i = 0; i < n; i++) {
                int[] pool = rng.nextDouble() < delta ? neighbours[i] : everyone;
                pools[i] = pool;
                int a = rng.nextInt(pool.length);
                int b = pool.length > 1 ? (a + 1 + rng.nextInt(pool.length - 1)) % pool.length : a;
                double[] child = crossover.apply(pop[pool[a]].x(), pop[pool[b]].x(), lo, hi, rng)[0];
                mutation.apply(child, lo, hi, rng);
                children[i] = child;
            }
            Solution[] offspring = Evaluation.evaluate(problem, children, executor);
            evaluations += n;
            for (int i = 0; i < n; i++) {
                updateIdeal(ideal, offspring[i].f());
                replace(pop, pools[i], offspring[i], ideal, rng);
            }
            notify(gen, pop);
        }
        return Evaluation.result(pop, evaluations);
    }

    /** Replaces at most nr members of {@code pool}, in random order, that {@code y} solves as well. */
    private void replace(Solution[] pop, int[] pool, Solution y, double[] ideal, SplittableRandom rng) {
        int[] order = pool.clone();
        int replaced = 0;
        for (int k = 0; k < order.length && replaced < replacements; k++) {
            int r = k + rng.nextInt(order.length - k);
            int j = order[r];
            order[r] = order[k];
            order[k] = j;
            Scalarization g = new Scalarization.Tchebycheff(weights[j], ideal);
            if (g.value(y.f()) <= g.value(pop[j].f())) {
                pop[j] = y;
                replaced++;
            }
        }
    }

    private static void updateIdeal(double[] ideal, double[] f) {
        for (int k = 0; k < ideal.length; k++) {
            ideal[k] = Math.min(ideal[k], f[k]);
        }
    }

    private void notify(int gen, Solution[] pop) {
        if (listener != null) {
            listener.onGeneration(gen, List.of(pop));
        }
    }

    /** Configuration of a {@link Moead} run. */
    public static final class Builder extends SolverBuilder<Builder> {
        private final double[][] weights;
        private int neighbourhood = 20;
        private double delta = 0.9;
        private int replacements = 2;

        private Builder(Problem problem, double[][] weights) {
            super("MOEA/D", problem);
            this.weights = checkWeights(weights, problem.objectives());
        }

        private static double[][] checkWeights(double[][] w, int m) {
            if (w == null || w.length < 2) {
                throw new IllegalArgumentException("MOEA/D: need at least 2 weight vectors");
            }
            double[][] copy = new double[w.length][];
            for (int j = 0; j < w.length; j++) {
                if (w[j] == null || w[j].length != m) {
                    throw new IllegalArgumentException("MOEA/D: weight vector " + j + " needs " + m + " components");
                }
                copy[j] = new double[m];
                boolean positive = false;
                for (int k = 0; k < m; k++) {
                    double v = w[j][k];
                    if (!(v >= 0) || Double.isInfinite(v)) {
                        throw new IllegalArgumentException("MOEA/D: weight vector " + j
                                + " needs finite non-negative components, got " + Arrays.toString(w[j]));
                    }
                    positive |= v > 0;
                    copy[j][k] = Math.max(v, MIN_WEIGHT);
                }
                if (!positive) {
                    throw new IllegalArgumentException("MOEA/D: weight vector " + j + " is zero");
                }
            }
            return copy;
        }

        /** Neighbourhood size T (at least 2; capped at the number of weight vectors). */
        public Builder neighbourhood(int t) {
            if (t < 2) {
                throw new IllegalArgumentException("MOEA/D: neighbourhood size T must be >= 2, got " + t);
            }
            this.neighbourhood = t;
            return this;
        }

        /** Probability of mating within the neighbourhood rather than the whole population. */
        public Builder neighbourhoodProbability(double p) {
            if (!(p >= 0 && p <= 1)) {
                throw new IllegalArgumentException("MOEA/D: neighbourhood probability must be in [0, 1], got " + p);
            }
            this.delta = p;
            return this;
        }

        /** Replacement limit nr: most subproblems one child may take over (at least 1). */
        public Builder replacementLimit(int nr) {
            if (nr < 1) {
                throw new IllegalArgumentException("MOEA/D: replacement limit nr must be >= 1, got " + nr);
            }
            this.replacements = nr;
            return this;
        }

        @Override
        Builder self() {
            return this;
        }

        public Moead build() {
            Evaluation.checkBounds(problem);
            return new Moead(this);
        }
    }
}

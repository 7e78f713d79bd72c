package io.frontier.multiobjective.evolution;

import io.frontier.multiobjective.problems.Problem;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.Executor;

/**
 * NSGA-III (Deb and Jain 2014) for box-constrained problems, all objectives minimised. Each
 * generation pairs parents uniformly at random, makes {@code populationSize} children by SBX
 * crossover and polynomial mutation, and keeps {@code populationSize} of parents and children by
 * non-dominated rank, completing the last front by reference-line niching
 * ({@link ReferencePointSurvival}: ideal point, extreme-point intercepts with a nadir fallback,
 * perpendicular-distance association).
 *
 * <p>Reference directions are usually a Das-Dennis lattice,
 * {@link io.frontier.multiobjective.problems.SimplexLattice#of} (91 for 3 objectives and 12
 * divisions). All random draws use one {@link SplittableRandom} seeded by {@link Builder#seed} on
 * the calling thread and evaluations are stored by index, so the same seed gives the same result
 * whatever {@link Builder#executor} runs the evaluations. The result's population lists the
 * survivors of whole fronts first, then the niche-selected members of the last front.
 */
public final class Nsga3 {

    private final Problem problem;
    private final ReferencePointSurvival survival;
    private final int populationSize;
    private final int generations;
    private final long seed;
    private final SbxCrossover crossover;
    private final PolynomialMutation mutation;
    private final Executor executor;
    private final GenerationListener listener;

    private Nsga3(Builder b) {
        this.problem = b.problem;
        this.survival = new ReferencePointSurvival(b.directions);
        this.populationSize = b.populationSize > 0 ? b.populationSize : (b.directions.length + 3) / 4 * 4;
        this.generations = b.generations;
        this.seed = b.seed;
        this.crossover = b.crossover != null ? b.crossover : new SbxCrossover(30, 1.0);
        this.mutation = b.mutation != null ? b.mutation
                : new PolynomialMutation(20, 1.0 / problem.dimensions());
        this.executor = b.executor;
        this.listener = b.listener;
    }

    /**
     * A builder for {@code problem} with the given reference directions (rows of length
     * {@code problem.objectives()}, non-negative, not all zero; copied). Defaults: population the
     * smallest multiple of 4 at least the number of directions, 250 generations, seed 0,
     * SBX(30, 1.0) and PM(20, 1/n) as in Deb and Jain.
     */
    public static Builder builder(Problem problem, double[][] referenceDirections) {
        return new Builder(problem, referenceDirections);
    }

    /** Runs the algorithm to the configured number of generations. */
    public Result run() {
        double[] lo = problem.lowerBounds();
        double[] hi = problem.upperBounds();
        SplittableRandom rng = new SplittableRandom(seed);
        Solution[] pop = Evaluation.evaluate(problem, Evaluation.uniform(populationSize, lo, hi, rng), executor);
        long evaluations = populationSize;
        notify(0, pop);
        for (int gen = 1; gen <= generations; gen++) {
            double[][] children = new double[populationSize][];
            for (int c = 0; c < populationSize; c += 2) {
                double[] p1 = pop[rng.nextInt(populationSize)].x();
                double[] p2 = pop[rng.nextInt(populationSize)].x();
                double[][] kids = crossover.apply(p1, p2, lo, hi, rng);
                for (int k = 0; k < 2 && c + k < populationSize; k++) {
                    mutation.apply(kids[k], lo, hi, rng);
                    children[c + k] = kids[k];
                }
            }
            Solution[] union = Arrays.copyOf(pop, 2 * populationSize);
            System.arraycopy(Evaluation.evaluate(problem, children, executor), 0, union, populationSize, populationSize);
            evaluations += populationSize;
            int[] keep = survival.select(union, populationSize, rng);
            pop = new Solution[populationSize];
            for (int i = 0; i < populationSize; i++) {
                pop[i] = union[keep[i]];
            }
            notify(gen, pop);
        }
        return Evaluation.result(pop, evaluations);
    }

    private void notify(int gen, Solution[] pop) {
        if (listener != null) {
            listener.onGeneration(gen, List.of(pop));
        }
    }

    /** Configuration of an {@link Nsga3} run. */
    public static final class Builder extends SolverBuilder<Builder> {
        private final double[][] directions;
        private int populationSize;

        private Builder(Problem problem, double[][] referenceDirections) {
            super("NSGA-III", problem);
            this.directions = checkDirections(referenceDirections, problem.objectives());
        }

        private static double[][] checkDirections(double[][] w, int m) {
            if (w == null || w.length == 0) {
                throw new IllegalArgumentException("NSGA-III: no reference directions");
            }
            double[][] copy = new double[w.length][];
            for (int j = 0; j < w.length; j++) {
                if (w[j] == null || w[j].length != m) {
                    throw new IllegalArgumentException("NSGA-III: reference direction " + j + " needs " + m
                            + " components");
                }
                double sum = 0;
                for (double v : w[j]) {
                    if (!(v >= 0) || Double.isInfinite(v)) {
                        throw new IllegalArgumentException("NSGA-III: reference direction " + j
                                + " needs finite non-negative components, got " + Arrays.toString(w[j]));
                    }
                    sum += v;
                }
                if (sum == 0) {
                    throw new IllegalArgumentException("NSGA-III: reference direction " + j + " is zero");
                }
                copy[j] = w[j].clone();
            }
            return copy;
        }

        /** Number of parents and of children per generation (at least 2). */
        public Builder populationSize(int n) {
            if (n < 2) {
                throw new IllegalArgumentException("NSGA-III: populationSize must be >= 2, got " + n);
            }
            this.populationSize = n;
            return this;
        }

        @Override
        Builder self() {
            return this;
        }

        public Nsga3 build() {
            Evaluation.checkBounds(problem);
            return new Nsga3(this);
        }
    }
}

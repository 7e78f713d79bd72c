package io.frontier.multiobjective.evolution;

import io.frontier.multiobjective.pareto.NonDominatedSorting;
import io.frontier.multiobjective.problems.Problem;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;

/** Steps shared by the solvers: bound checks, random initialisation and executor evaluation. */
final class Evaluation {

    private Evaluation() {
    }

    /** Checks that {@code problem} has finite bounds lower <= upper of the right length. */
    static void checkBounds(Problem problem) {
        double[] lo = problem.lowerBounds();
        double[] hi = problem.upperBounds();
        if (lo.length != problem.dimensions() || hi.length != problem.dimensions()) {
            throw new IllegalArgumentException(problem.name() + ": bounds do not match " + problem.dimensions()
                    + " dimensions");
        }
        for (int i = 0; i < lo.length; i++) {
            if (!(lo[i] <= hi[i]) || Double.isInfinite(lo[i]) || Double.isInfinite(hi[i])) {
                throw new IllegalArgumentException(problem.name() + ": variable " + i
                        + " needs finite bounds lower <= upper, got [" + lo[i] + ", " + hi[i] + "]");
            }
        }
    }

    /** {@code n} points drawn uniformly in the box {@code [lo, hi]}. */
    static double[][] uniform(int n, double[] lo, double[] hi, SplittableRandom rng) {
        double[][] xs = new double[n][lo.length];
        for (double[] x : xs) {
            for (int i = 0; i < x.length; i++) {
                x[i] = lo[i] + (hi[i] - lo[i]) * rng.nextDouble();
            }
        }
        return xs;
    }

    /**
     * Evaluates every row through {@code executor}; results are stored by index, so the outcome does
     * not depend on the executor. A wrong number of objectives is reported naming the problem.
     */
    static Solution[] evaluate(Problem problem, double[][] xs, Executor executor) {
        Solution[] out = new Solution[xs.length];
        CompletableFuture<?>[] tasks = new CompletableFuture<?>[xs.length];
        int m = problem.objectives();
        for (int i = 0; i < xs.length; i++) {
            final int k = i;
            tasks[i] = CompletableFuture.runAsync(() -> {
                double[] f = problem.evaluate(xs[k]);
                if (f == null || f.length != m) {
                    throw new IllegalStateException(problem.name() + ": evaluate returned "
                            + (f == null ? "null" : f.length + " values") + ", expected " + m + " objectives");
                }
                out[k] = new Solution(xs[k], f.clone());
            }, executor);
        }
        try {
            CompletableFuture.allOf(tasks).join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw e;
        }
        return out;
    }

    /** Objective rows of {@code solutions}, shared (not copied). */
    static double[][] objectives(Solution[] solutions) {
        double[][] f = new double[solutions.length][];
        for (int i = 0; i < solutions.length; i++) {
            f[i] = solutions[i].f();
        }
        return f;
    }

    /** The result for {@code population}: its non-dominated members form the front. */
    static Result result(Solution[] population, long evaluations) {
        int[] rank = NonDominatedSorting.sort(objectives(population)).rank();
        List<Solution> front = new ArrayList<>();
        for (int i = 0; i < population.length; i++) {
            if (rank[i] == 0) {
                front.add(population[i]);
            }
        }
        return new Result(List.of(population), Collections.unmodifiableList(front), evaluations);
    }
}

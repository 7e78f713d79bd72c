package io.frontier.multiobjective.evolution;

import io.frontier.multiobjective.problems.Problem;
import java.util.Objects;
import java.util.concurrent.Executor;

/**
 * The settings every evolutionary solver shares: the problem, the number of generations, the seed,
 * the variation operators, where evaluations run and the progress callback. Each solver's builder
 * extends it with its own settings; {@code B} is that builder, so the setters chain.
 *
 * @param <B> the concrete builder
 */
public abstract class SolverBuilder<B extends SolverBuilder<B>> {
    final String solver;
    final Problem problem;
    int generations = 250;
    long seed;
    SbxCrossover crossover;
    PolynomialMutation mutation;
    Executor executor = Runnable::run;
    GenerationListener listener;

    SolverBuilder(String solver, Problem problem) {
        this.solver = solver;
        this.problem = Objects.requireNonNull(problem, solver + ": problem is null");
    }

    abstract B self();

    /** Number of generations after the initial population (0 or more; default 250). */
    public B generations(int g) {
        if (g < 0) {
            throw new IllegalArgumentException(solver + ": generations must be >= 0, got " + g);
        }
        this.generations = g;
        return self();
    }

    /** Seed of the run's random stream. */
    public B seed(long s) {
        this.seed = s;
        return self();
    }

    /** Crossover (each solver's default is named on its builder factory). */
    public B crossover(SbxCrossover c) {
        this.crossover = Objects.requireNonNull(c, solver + ": crossover is null");
        return self();
    }

    /** Mutation (default polynomial with eta 20, probability 1/n). */
    public B mutation(PolynomialMutation m) {
        this.mutation = Objects.requireNonNull(m, solver + ": mutation is null");
        return self();
    }

    /** Where evaluations run (default: the calling thread); the problem must be thread-safe. */
    public B executor(Executor e) {
        this.executor = Objects.requireNonNull(e, solver + ": executor is null");
        return self();
    }

    /** Progress callback, called after each generation on the calling thread. */
    public B listener(GenerationListener l) {
        this.listener = l;
        return self();
    }
}

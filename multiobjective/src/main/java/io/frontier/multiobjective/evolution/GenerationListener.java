package io.frontier.multiobjective.evolution;

import java.util.List;

/** Progress callback of the evolutionary solvers: called on the solver's thread after every generation. */
@FunctionalInterface
public interface GenerationListener {

    /**
     * @param generation 0 for the evaluated initial population, then 1, 2, ...
     * @param population the surviving population (read-only view), best rank first
     */
    void onGeneration(int generation, List<Solution> population);
}

package io.frontier.multiobjective.evolution;

import java.util.List;

/**
 * Outcome of an evolutionary run (all objectives minimised).
 *
 * @param population the final population, in the solver's order (documented by each solver)
 * @param front the non-dominated members of {@code population}
 * @param evaluations the number of objective evaluations made
 */
public record Result(List<Solution> population, List<Solution> front, long evaluations) {
}

package io.frontier.rl.hierarchical;

/**
 * The pairs a {@link HierarchicalPreference} decided: row indices of the preferred trajectory
 * ({@code chosen}) and the other ({@code rejected}), the level that decided each (0 = the most
 * important factor), and how many pairs no level decided (dropped).
 */
public record LabelledPairs(int[] chosen, int[] rejected, int[] level, int unlabelled) {
  public LabelledPairs {
    if (chosen.length != rejected.length || chosen.length != level.length) {
      throw new IllegalArgumentException("LabelledPairs: chosen " + chosen.length + ", rejected " + rejected.length + " and level "
          + level.length + " must have one length");
    }
  }

  public int size() {
    return chosen.length;
  }

  /** How many pairs each level decided, {@code (levels)}. */
  public int[] countsByLevel(int levels) {
    int[] counts = new int[levels];
    for (int k : level) counts[k]++;
    return counts;
  }
}

package io.frontier.rl.averaging;

import java.util.Arrays;

/**
 * The partition of a model's parameters into K blocks for heterogeneous model averaging (HMA):
 * {@code blockOf(name)} is the block, in {@code [0, K)}, of the parameter with that dotted name
 * ({@link io.frontier.nn.Module#namedParameters}). Lin et al. split the transformer's layers into
 * K = 3 contiguous groups by index; here any rule over the names will do.
 */
@FunctionalInterface
public interface ParameterBlocks {

  /** The block of the parameter {@code name}; an out-of-range index is reported by the caller. */
  int blockOf(String name);

  /**
   * Block k holds the parameters whose names start with {@code prefixes[k]}; the first matching
   * prefix wins, so a catch-all {@code ""} may come last. A name that matches none is an error
   * that names it.
   */
  static ParameterBlocks byPrefixes(String... prefixes) {
    if (prefixes == null || prefixes.length == 0) throw new IllegalArgumentException("ParameterBlocks.byPrefixes: no prefixes");
    String[] copy = prefixes.clone();
    for (int k = 0; k < copy.length; k++) {
      if (copy[k] == null) throw new IllegalArgumentException("ParameterBlocks.byPrefixes: prefix " + k + " is null");
    }
    return name -> {
      for (int k = 0; k < copy.length; k++) if (name.startsWith(copy[k])) return k;
      throw new IllegalArgumentException("ParameterBlocks.byPrefixes: parameter '" + name + "' matches none of " + Arrays.toString(copy));
    };
  }
}

package io.frontier.optim;

import io.frontier.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Puts several flat state dicts (the optimizer's, a scheduler's, an EMA's) into one checkpoint map
 * under distinct prefixes, and takes each back out.
 */
public final class StateDicts {
  private StateDicts() {}

  /** Adds every entry of {@code dict} to {@code into} as {@code prefix + "." + key}. */
  public static void put(Map<String, Tensor> into, String prefix, Map<String, Tensor> dict) {
    for (Map.Entry<String, Tensor> e : dict.entrySet()) {
      if (into.putIfAbsent(prefix + "." + e.getKey(), e.getValue()) != null) {
        throw new IllegalArgumentException("state dict key '" + prefix + "." + e.getKey() + "' is already present");
      }
    }
  }

  /** The entries of {@code from} under {@code prefix + "."}, with that prefix removed. */
  public static Map<String, Tensor> get(Map<String, Tensor> from, String prefix) {
    String p = prefix + ".";
    Map<String, Tensor> out = new LinkedHashMap<>();
    for (Map.Entry<String, Tensor> e : from.entrySet()) {
      if (e.getKey().startsWith(p)) out.put(e.getKey().substring(p.length()), e.getValue());
    }
    return out;
  }
}

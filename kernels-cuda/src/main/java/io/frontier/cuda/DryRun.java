package io.frontier.cuda;

import java.util.Map;
import java.util.TreeMap;

/**
 * What a dry device ({@link CudaContext#dry()}) was asked to launch: how many times each kernel,
 * every launch having passed the signature check first.
 */
final class DryRun {
  private final Map<String, Integer> launches = new TreeMap<>();

  synchronized void record(String kernel) {
    launches.merge(kernel, 1, Integer::sum);
  }

  /** Launch counts by kernel name, a copy. */
  synchronized Map<String, Integer> launches() {
    return new TreeMap<>(launches);
  }

  synchronized void clear() {
    launches.clear();
  }
}

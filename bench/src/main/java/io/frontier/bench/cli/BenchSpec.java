package io.frontier.bench.cli;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * One JMH benchmark class the {@code bench} command runs: the runs of a quick and of a full
 * session, and how a result becomes a row.
 *
 * @param name the family name {@code --filter} matches, e.g. "matmul"
 * @param className the benchmark class, which may be absent from the class path (then skipped)
 */
record BenchSpec(String name, String className, List<Run> quick, List<Run> full, Function<Measured, Row> toRow) {

  /**
   * One JMH invocation: the benchmark methods (a regex on the simple method name) and the values of
   * each {@code @Param}; JMH runs every combination. A union of combinations is several runs.
   */
  record Run(String methods, Map<String, List<String>> params) {

    Run {
      params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
    }

    /** This run with the thread counts replaced, when it has a threads parameter. */
    Run withThreads(List<Integer> threads) {
      if (!params.containsKey("threads")) return this;
      Map<String, List<String>> p = new LinkedHashMap<>(params);
      p.put("threads", threads.stream().map(String::valueOf).toList());
      return new Run(methods, p);
    }

    int combinations() {
      return params.values().stream().mapToInt(List::size).reduce(1, (x, y) -> x * y);
    }

    @Override
    public String toString() {
      StringBuilder s = new StringBuilder(methods);
      params.forEach((k, v) -> s.append(' ').append(k).append('=').append(String.join(",", v)));
      return s.toString();
    }
  }

  String simpleClassName() {
    return className.substring(className.lastIndexOf('.') + 1);
  }
}

package io.frontier.bench.cli;

import java.util.Map;

/**
 * What one JMH benchmark run left, before it becomes a {@link Row}: the benchmark method's simple
 * name, its {@code @Param} values and the time per call of each measurement iteration.
 */
record Measured(String method, Map<String, String> params, double[] secondsPerOp) {

  Measured {
    params = Map.copyOf(params);
  }

  String param(String key) {
    String v = params.get(key);
    if (v == null) throw new IllegalStateException(method + ": the benchmark has no @Param '" + key + "' (has " + params.keySet() + ")");
    return v;
  }

  int intParam(String key) {
    return Integer.parseInt(param(key));
  }

  /** Each iteration's {@code work / time / 1e9}: GFLOP/s for flops, GB/s for bytes. */
  double[] giga(double workPerOp) {
    double[] out = new double[secondsPerOp.length];
    for (int i = 0; i < out.length; i++) out[i] = workPerOp / secondsPerOp[i] / 1e9;
    return out;
  }

  /** Each iteration's time per call in microseconds. */
  double[] micros() {
    double[] out = new double[secondsPerOp.length];
    for (int i = 0; i < out.length; i++) out[i] = secondsPerOp[i] * 1e6;
    return out;
  }
}

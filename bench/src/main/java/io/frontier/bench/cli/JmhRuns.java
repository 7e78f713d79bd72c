package io.frontier.bench.cli;

import java.io.PrintStream;
import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.format.OutputFormatFactory;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.VerboseMode;

/** Runs one {@link BenchSpec.Run} through JMH's {@link Runner}, each combination in its own forked JVM. */
final class JmhRuns {

  private JmhRuns() {}

  /** Fork output and, when {@code verbose}, JMH's progress go to stderr, so stdout holds only the result table. */
  static List<Measured> run(String className, BenchSpec.Run run, Timing timing, boolean verbose) throws RunnerException {
    ChainedOptionsBuilder options = new OptionsBuilder()
        .include("^" + Pattern.quote(className) + "\\.(" + run.methods() + ")$")
        .forks(1)
        // a fixed heap: a growing one adds resizing pauses to the allocating elementwise benchmarks;
        // pre-touched, or large allocations (MGDA's 64 MB stack at K = 16) pay first-touch page
        // faults until they have cycled through the whole heap (K = 16 measured 250-450 ms/op instead of ~140)
        .jvmArgs("--add-modules", "jdk.incubator.vector", "-Xms4g", "-Xmx4g", "-XX:+AlwaysPreTouch")
        .warmupIterations(timing.warmupIterations())
        .warmupTime(timing.warmupTime())
        .measurementIterations(timing.measurementIterations())
        .measurementTime(timing.measurementTime())
        .shouldFailOnError(true);
    run.params().forEach((name, values) -> options.param(name, values.toArray(String[]::new)));
    PrintStream stderr = new PrintStream(new ForkOutputFilter(System.err), true, Charset.defaultCharset());
    var format = OutputFormatFactory.createFormatInstance(stderr, verbose ? VerboseMode.NORMAL : VerboseMode.SILENT);
    List<Measured> out = new ArrayList<>();
    for (RunResult r : new Runner(options.build(), format).run()) out.add(measured(r));
    return out;
  }

  static Measured measured(RunResult result) {
    BenchmarkParams bp = result.getParams();
    String method = bp.getBenchmark().substring(bp.getBenchmark().lastIndexOf('.') + 1);
    Map<String, String> params = new TreeMap<>();
    for (String key : bp.getParamsKeys()) params.put(key, bp.getParam(key));
    List<Double> seconds = new ArrayList<>();
    for (BenchmarkResult br : result.getBenchmarkResults()) {
      for (IterationResult ir : br.getIterationResults()) seconds.add(secondsPerOp(ir.getPrimaryResult()));
    }
    return new Measured(method, params, seconds.stream().mapToDouble(Double::doubleValue).toArray());
  }

  /** A JMH score as seconds per call, from time-per-op ("ms/op") or throughput ("ops/ms") units. */
  static double secondsPerOp(Result<?> r) {
    String unit = r.getScoreUnit();
    if (unit.endsWith("/op")) return r.getScore() * seconds(unit.substring(0, unit.length() - 3));
    if (unit.startsWith("ops/")) return seconds(unit.substring(4)) / r.getScore();
    throw new IllegalStateException("unexpected JMH score unit '" + unit + "'");
  }

  private static double seconds(String unit) {
    return switch (unit) {
      case "ns" -> 1e-9;
      case "us" -> 1e-6;
      case "ms" -> 1e-3;
      case "s" -> 1;
      case "min" -> 60;
      default -> throw new IllegalStateException("unexpected JMH time unit '" + unit + "'");
    };
  }
}

package io.frontier.bench.demo;

import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code frontier demo}: short runnable demos of io.frontier.multiobjective, io.frontier.optim.bayes and io.frontier.rl that write a PNG. */
@Command(
    name = "demo",
    description = "Short demos of the multiobjective, Bayesian-optimization and RLHF code; each prints progress and writes a PNG.",
    subcommands = {Nsga2Demo.class, MgdaDemo.class, PdeDemo.class, BoDemo.class, RlhfDemo.class})
public final class DemoCommand {

  @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
  private boolean help;

  /** {@code out}, or bench/results in the repository ({@code frontier.home}) when it is null. */
  static Path outDir(Path out) {
    return out != null ? out : Path.of(System.getProperty("frontier.home", "."), "bench", "results");
  }
}

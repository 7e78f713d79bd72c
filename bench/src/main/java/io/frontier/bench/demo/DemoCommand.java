package io.frontier.bench.demo;

import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code frontier demo}: short runnable demos of io.frontier.multiobjective that write a PNG. */
@Command(
    name = "demo",
    description = "Short demos of the multiobjective module; each prints progress and writes a PNG of the front it found.",
    subcommands = {Nsga2Demo.class, MgdaDemo.class, PdeDemo.class})
public final class DemoCommand {

  @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
  private boolean help;

  /** {@code out}, or bench/results in the repository ({@code frontier.home}) when it is null. */
  static Path outDir(Path out) {
    return out != null ? out : Path.of(System.getProperty("frontier.home", "."), "bench", "results");
  }
}

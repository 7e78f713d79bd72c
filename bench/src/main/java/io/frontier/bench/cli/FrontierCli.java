package io.frontier.bench.cli;

import io.frontier.bench.algoperf.AlgoPerfCommand;
import io.frontier.bench.demo.DemoCommand;
import io.frontier.bench.gpu.GpuBench;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The {@code frontier} command-line tool, started by the {@code ./frontier} launcher at the
 * repository root. Exit codes: 0 success, 1 a command failed, 2 bad usage.
 */
@Command(
    name = "frontier",
    description = "Frontier's command-line tool: what the runtime offers, and benchmarks against peers.",
    subcommands = {InfoCommand.class, BenchCommand.class, GpuBench.class, AlgoPerfCommand.class, DemoCommand.class, CommandLine.HelpCommand.class})
public final class FrontierCli {

  @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
  private boolean help;

  /** A command line with Frontier's error handling: a failing command prints one line and exits 1. */
  public static CommandLine commandLine() {
    return withErrorHandling(new CommandLine(new FrontierCli()));
  }

  /**
   * One subcommand alone with the same error handling, for a main class that must not load the
   * others: the GPU machine's runtime has no java.desktop, and building the whole tree loads the
   * chart commands' AWT types.
   */
  public static CommandLine withErrorHandling(CommandLine cl) {
    cl.setExecutionExceptionHandler((e, cmd, parseResult) -> {
      cmd.getErr().println("frontier " + cmd.getCommandName() + ": " + (e.getMessage() != null ? e.getMessage() : e.toString()));
      if (e.getMessage() == null || Boolean.getBoolean("frontier.debug")) e.printStackTrace(cmd.getErr());
      cmd.getErr().flush();
      return 1;
    });
    return cl;
  }

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }
}

package io.frontier.bench.cli;

import io.frontier.tensor.Backends;
import io.frontier.tensor.cpu.Parallel;
import io.frontier.tensor.cpu.VectorSupport;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code frontier info}: the runtime Frontier finds itself in. */
@Command(
    name = "info",
    description = "Print the Java runtime, cores, Frontier's CPU threads, the SIMD width and each backend.")
final class InfoCommand implements Callable<Integer> {

  @Spec private CommandSpec spec;

  @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
  private boolean help;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    TextTable t = new TextTable();
    t.add("java", System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ", " + System.getProperty("java.vm.name") + ")");
    t.add("cpu", RunMeta.readCpuModel());
    t.add("cores", String.valueOf(Runtime.getRuntime().availableProcessors()));
    t.add("threads", Parallel.numThreads() + " (Frontier CPU pool; -Dfrontier.threads=N sets it)");
    t.add("simd", simd());
    out.print(t);
    out.println("backends");
    TextTable backends = new TextTable();
    for (Backends.Status s : Backends.status()) {
      backends.add("  " + s.name(), s.available() ? "available" : "unavailable", s.detail());
    }
    out.print(backends);
    out.flush();
    return 0;
  }

  private static String simd() {
    int bits = VectorSupport.preferredBits();
    if (bits == 0) return "none: " + VectorSupport.reason();
    return bits + "-bit vectors, " + bits / Float.SIZE + " float32 lanes (" + VectorSupport.reason() + ")";
  }
}

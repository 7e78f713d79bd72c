package io.frontier.bench.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code frontier bench}: runs the JMH benchmarks of {@link BenchSpecs}, prints one table and writes
 * {@code <date>-cpu-jdk<N>[-quick].json} and {@code .md} to the results directory.
 */
@Command(
    name = "bench",
    description = "Run the JMH benchmarks against their peers; print a table, write JSON and Markdown.",
    footer = {
      "",
      "Benchmarks:",
      "  matmul       GFLOP/s; peers ejml and naive",
      "  elementwise  add, mul, exp, softmax in GB/s; peer arraycopy of as many bytes",
      "  percall      us per call of a 1-element add and a 10x10 matmul",
      "  autograd     us per SGD step of an MLP 784-256-256-10 at batch 64; us per 1-element add on the tape, with backward",
      "  attention    us per causal attention forward + backward (fused, and the ops written out) at 16x4x64x32 and 4x8x256x64",
      "  linalg       GFLOP/s of solving one float64 system (LU) and of its Cholesky factor, n = 128..1024; peer EJML",
      "  adamw        AdamW step (io.frontier.optim, fused) on 1M and 16M float32 parameters in GB/s; peer arraycopy of as many bytes",
      "  steps        the Adam, SGD, Lion, RMSprop and Adagrad steps likewise",
      "  mgda         us per MGDA step (stack, Gram by one matmul, weights, direction) for K = 2..16 objectives x 1M float32 parameters; CUDA too when loaded",
      "  hypervolume  us per exact 3-D hypervolume of 10^3..10^5 sphere points; us per non-dominated sorting of 10^4 points",
      "  gp           ms per Gaussian-process fit (Matern-5/2 ARD, d = 6, n = 100..1000) and prediction at 10^4 points;",
      "               scikit-learn on the same data: /usr/bin/python3 bench/src/main/resources/peers/gp_sklearn.py",
      "  --torch adds PyTorch-CPU rows (impl torch) measured in the same session.",
      "  --deap adds DEAP's C hypervolume (impl deap) on the same 3-D points, in the same session.",
      "Values are medians of the measurement iterations.",
      "Files: <date>-cpu-jdk<N>[-quick].json and .md"
    })
final class BenchCommand implements Callable<Integer> {

  @Spec private CommandSpec spec;

  @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
  private boolean help;

  @Option(names = "--quick", description = "A short run (about two minutes on 2 cores): a float32 subset, 2+3 iterations of 200 ms.")
  private boolean quick;

  @Option(names = "--out", paramLabel = "DIR", description = "Directory for the result files (default: bench/results in the repository).")
  private Path out;

  @Option(names = "--filter", paramLabel = "REGEX", description = "Run only the benchmarks whose name or class matches: matmul, elementwise, percall, autograd, attention, linalg, adamw, steps, optimizers, hypervolume, mgda, gp.")
  private Pattern filter;

  @Option(names = "--threads", paramLabel = "N", split = ",", description = "Thread counts to run instead of each benchmark's own, e.g. 1,2.")
  private List<Integer> threads;

  @Option(names = {"-v", "--verbose"}, description = "Show JMH's own progress output on stderr.")
  private boolean verbose;

  @Option(names = "--torch", description = "Also measure PyTorch-CPU as a peer in this session (needs a Python with torch).")
  private boolean torch;

  @Option(names = "--deap", description = "Also time DEAP's 3-D hypervolume on the hypervolume benchmark's points (needs a Python with python3-deap).")
  private boolean deap;

  @Option(names = "--python", paramLabel = "PATH", defaultValue = "/usr/bin/python3",
      description = "The Python for --torch and --deap (default: ${DEFAULT-VALUE}, Debian's, which has python3-torch and python3-deap).")
  private String python;

  @Override
  public Integer call() throws IOException {
    PrintWriter stdout = spec.commandLine().getOut();
    PrintWriter stderr = spec.commandLine().getErr();
    List<BenchSpec> specs = selectedSpecs();
    Timing timing = quick ? Timing.QUICK : Timing.FULL;
    RunMeta meta = RunMeta.current(quick ? "quick" : "full", timing);

    Path dir = out != null ? out : defaultResultsDir();
    Files.createDirectories(dir);
    String base = freeBaseName(dir, meta.date() + "-cpu-" + meta.jdkTag() + (quick ? "-quick" : ""));
    Path json = dir.resolve(base + ".json");
    Path md = dir.resolve(base + ".md");

    List<Row> rows = new ArrayList<>();
    int failures = 0;
    long start = System.nanoTime();
    for (BenchSpec s : specs) {
      if (!onClassPath(s.className())) {
        stderr.println("note: skipping " + s.name() + ": " + s.className() + " is not on the class path");
        continue;
      }
      for (BenchSpec.Run run : quick ? s.quick() : s.full()) {
        BenchSpec.Run r = threads == null ? run : run.withThreads(threads);
        stderr.printf("running %s %s (%d parameter sets)%n", s.simpleClassName(), r, r.combinations());
        stderr.flush();
        try {
          for (Measured m : JmhRuns.run(s.className(), r, timing, verbose)) rows.add(s.toRow().apply(m));
        } catch (Exception e) {
          failures++;
          stderr.println("error: " + s.name() + " failed: " + e.getMessage());
        }
        // after each run, so that an interrupted session keeps what it measured
        if (!rows.isEmpty()) save(meta, rows, json, md);
      }
    }
    if (torch) {
      stderr.println("running the PyTorch peers with " + python);
      stderr.flush();
      rows.addAll(TorchPeers.run(python, quick, threads != null ? threads : List.of(1, 2), specs.stream().map(BenchSpec::name).toList(), stderr));
      if (!rows.isEmpty()) save(meta, rows, json, md);
    }
    if (deap) {
      stderr.println("running the DEAP hypervolume peer with " + python);
      stderr.flush();
      rows.addAll(DeapPeers.run(python, quick, stderr));
      if (!rows.isEmpty()) save(meta, rows, json, md);
    }
    if (rows.isEmpty()) {
      stderr.println("error: no benchmark produced a result");
      return 1;
    }
    stdout.print(TextTable.of(rows));
    stdout.printf("%nwrote %s and %s (%d rows in %.0f s)%n", json, md, rows.size(), (System.nanoTime() - start) / 1e9);
    stdout.flush();
    return failures == 0 ? 0 : 1;
  }

  private static void save(RunMeta meta, List<Row> rows, Path json, Path md) throws IOException {
    try (Writer w = Files.newBufferedWriter(json)) {
      JsonReport.write(meta, rows, w);
    }
    Files.writeString(md, MarkdownReport.render(meta, rows));
  }

  /** The specs --filter selects (all without it); checks --threads on the way. */
  List<BenchSpec> selectedSpecs() {
    if (threads != null && threads.stream().anyMatch(t -> t < 1)) {
      throw new ParameterException(spec.commandLine(), "bad --threads list " + threads + ": every count must be at least 1");
    }
    if (filter == null) return BenchSpecs.ALL;
    List<BenchSpec> selected = BenchSpecs.ALL.stream()
        .filter(s -> filter.matcher(s.name()).find() || filter.matcher(s.className()).find())
        .toList();
    if (selected.isEmpty()) {
      throw new ParameterException(spec.commandLine(), "--filter '" + filter + "' matches none of "
          + BenchSpecs.ALL.stream().map(BenchSpec::name).toList());
    }
    return selected;
  }

  private static boolean onClassPath(String className) {
    try {
      Class.forName(className, false, BenchCommand.class.getClassLoader());
      return true;
    } catch (ClassNotFoundException e) {
      return false;
    }
  }

  /** bench/results under the repository root the launcher passes as -Dfrontier.home, else under the current directory. */
  private static Path defaultResultsDir() {
    return Path.of(System.getProperty("frontier.home", "."), "bench", "results");
  }

  /** {@code base}, or {@code base-2}, {@code base-3}, ... so that an earlier run's files are kept. */
  private static String freeBaseName(Path dir, String base) {
    String name = base;
    for (int i = 2; Files.exists(dir.resolve(name + ".json")) || Files.exists(dir.resolve(name + ".md")); i++) name = base + "-" + i;
    return name;
  }
}

package io.frontier.bench.algoperf;

import io.frontier.tensor.cpu.Parallel;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code frontier algoperf}: an AlgoPerf-style time-to-result benchmark of training algorithms
 * (Dahl et al., "Benchmarking Neural Network Training Algorithms", 2023) with external tuning.
 */
@Command(
    name = "algoperf",
    description = {
      "Time-to-result benchmark of training algorithms (AlgoPerf's external tuning):",
      "for each workload and submission, S studies of N trials with Sobol-drawn",
      "hyperparameters. A study scores its best trial's training time to the validation",
      "target (infinity if no trial reached it). Prints medians and ranges over studies",
      "and the performance profile; writes JSON and a PNG of the profile.",
      "Files: algoperf-<date>[-quick].json and algoperf-<date>[-quick]-profile.png"
    })
public final class AlgoPerfCommand implements Callable<Integer> {

  static final int QUICK_STUDIES = 2;
  static final int QUICK_TRIALS = 3;
  static final int FULL_STUDIES = 5;
  static final int FULL_TRIALS = 16;

  @Spec private CommandSpec spec;

  @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
  private boolean help;

  @Option(names = "--quick", description = "A short run: " + QUICK_STUDIES + " studies of " + QUICK_TRIALS + " trials (under 5 minutes on 2 cores).")
  boolean quick;

  @Option(names = "--studies", paramLabel = "S", description = "Studies per workload and submission (default " + FULL_STUDIES + ", quick " + QUICK_STUDIES + ").")
  Integer studies;

  @Option(names = "--trials", paramLabel = "N", description = "Trials per study (default " + FULL_TRIALS + ", quick " + QUICK_TRIALS + ").")
  Integer trials;

  @Option(names = "--workloads", paramLabel = "NAME", split = ",", description = "Workloads to run (default all): digits-mlp, genesis-gpt, teacher-regression.")
  List<String> workloads;

  @Option(names = "--submissions", paramLabel = "NAME", split = ",", description = "Submissions to run (default all): nesterov, adamw, lion, adam-constant.")
  List<String> submissions;

  @Option(names = "--seed", paramLabel = "N", defaultValue = "1", description = "Seed of the first study (default ${DEFAULT-VALUE}); study k uses seed + k.")
  long seed;

  @Option(names = "--threads", paramLabel = "N", defaultValue = "1",
      description = "Threads for the tensor ops (default ${DEFAULT-VALUE}: the workloads' ops are too small to gain from splitting, and a split slows down badly when other jobs share the cores).")
  int threads;

  @Option(names = "--out", paramLabel = "DIR", description = "Directory for the JSON and PNG (default: bench/results in the repository).")
  Path out;

  @Override
  public Integer call() throws Exception {
    PrintWriter stdout = spec.commandLine().getOut();
    int s = studies();
    int n = trials();
    List<Workload> ws = selectedWorkloads();
    List<Submission> subs = selectedSubmissions();
    if (threads < 1) throw new ParameterException(spec.commandLine(), "--threads must be at least 1, got " + threads);

    double loadStart = loadAverage();
    long start = System.nanoTime();
    List<AlgoPerfRun.Cell> cells;
    int threadsBefore = Parallel.numThreads();
    Parallel.setNumThreads(threads);
    try (ProgressBar bar = new ProgressBarBuilder().setTaskName("algoperf").setInitialMax(AlgoPerfRun.trialCount(ws, subs, s, n))
        .setStyle(ProgressBarStyle.ASCII).setConsumer(new ConsoleProgressBarConsumer(System.err)).build()) {
      cells = AlgoPerfRun.run(ws, subs, s, n, seed, (w, sub, k, t, r) -> {
        bar.setExtraMessage(w.name() + " " + sub.name());
        bar.step();
      });
    } finally {
      Parallel.setNumThreads(threadsBefore);
    }
    double wall = (System.nanoTime() - start) / 1e9;

    double[] taus = PerformanceProfile.logTaus(4.0, 101);
    double[][] rho = PerformanceProfile.profile(ScoreTable.medianSeconds(ws, subs, cells), taus);
    Path dir = out != null ? out : Path.of(System.getProperty("frontier.home", "."), "bench", "results");
    Files.createDirectories(dir);
    String date = LocalDate.now().toString();
    String base = freeBaseName(dir, "algoperf-" + date + (quick ? "-quick" : ""));
    Path json = dir.resolve(base + ".json");
    Path png = dir.resolve(base + "-profile.png");
    try (Writer w = Files.newBufferedWriter(json)) {
      JsonOutput.write(w, new JsonOutput.Settings(date, quick, s, n, seed, threads, wall, loadStart, loadAverage()), ws, subs, cells, taus, rho);
    }
    ProfilePlot.write(png, subs.stream().map(Submission::name).toList(), taus, rho,
        "AlgoPerf-style performance profile (" + ws.size() + " workloads, " + s + " studies x " + n + " trials)");

    stdout.print(ScoreTable.render(ws, subs, cells));
    stdout.printf("%nwrote %s and %s (%d trials in %.0f s, %d thread(s), load average %.1f at the start, %.1f at the end)%n", json, png,
        AlgoPerfRun.trialCount(ws, subs, s, n), wall, threads, loadStart, loadAverage());
    stdout.flush();
    return 0;
  }

  int studies() {
    int v = studies != null ? studies : quick ? QUICK_STUDIES : FULL_STUDIES;
    if (v < 1) throw new ParameterException(spec.commandLine(), "--studies must be at least 1, got " + v);
    return v;
  }

  int trials() {
    int v = trials != null ? trials : quick ? QUICK_TRIALS : FULL_TRIALS;
    if (v < 1) throw new ParameterException(spec.commandLine(), "--trials must be at least 1, got " + v);
    return v;
  }

  List<Workload> selectedWorkloads() {
    List<Workload> all = Workloads.all();
    if (workloads == null) return all;
    for (String name : workloads) {
      if (all.stream().noneMatch(w -> w.name().equals(name))) {
        throw new ParameterException(spec.commandLine(), "unknown workload '" + name + "', expected one of " + Workloads.names());
      }
    }
    return all.stream().filter(w -> workloads.contains(w.name())).toList();
  }

  List<Submission> selectedSubmissions() {
    if (submissions == null) return Submissions.ALL;
    try {
      return submissions.stream().distinct().map(Submissions::byName).toList();
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
  }

  private static double loadAverage() {
    return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
  }

  /** {@code base}, or {@code base-2}, ... so that an earlier run's files are kept. */
  private static String freeBaseName(Path dir, String base) {
    String name = base;
    for (int i = 2; Files.exists(dir.resolve(name + ".json")); i++) name = base + "-" + i;
    return name;
  }
}

package io.frontier.bench.gpu;


import io.frontier.bench.cli.FrontierCli;
import io.frontier.bench.cli.Row;
import io.frontier.cuda.CudaBackend;
import io.frontier.cuda.CudaContext;
import io.frontier.tensor.Backends;
import io.frontier.tensor.Device;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import jcuda.driver.CUdevice;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code frontier gpu-bench} (also a main class): Frontier's CUDA kernels against the driver's
 * device copy and PyTorch on the same card, timed with CUDA events. Prints a table, writes
 * {@code <prefix>.json} and {@code <prefix>.md}. Without a CUDA backend it says why and exits 0.
 */
@Command(
    name = "gpu-bench",
    description = "Benchmark the CUDA backend against cuMemcpyDtoD and PyTorch-CUDA; print a table, write JSON and Markdown.",
    footer = {
      "",
      "Cases (float32, medians of CUDA-event samples):",
      "  matmul  n x n at 1024, 2048, 4096, 8192 for MatmulPrecision HIGHEST, TF32",
      "          and BF16, in GFLOP/s = 2n^3/t; also through cuBLAS (HIGHEST, TF32)",
      "          when JCublas finds libcublas.so.12, else a note says why; TF32 and",
      "          BF16 also timed by their product kernels alone (profiled, without the",
      "          kernels that convert and pack the float32 operands)",
      "  memory  copy_, exp, add, softmax (rows of 4096), sum, layer norm (rows of",
      "          4096), cross-entropy (vocabulary 50257) and its backward, a",
      "          descending sort of vocabulary rows (top-p sampling's), and the",
      "          AdamW, Lion and SGD-with-momentum steps at 64 MB, 256 MB and 1 GB,",
      "          in GB/s of bytes read + written, each also as a fraction",
      "          of the driver's cuMemcpyDtoDAsync of the same size",
      "  torch   the same cases in PyTorch-CUDA on the same card, when the Python",
      "          given has torch with CUDA",
      "About 3 minutes on an H100; --quick under one.",
    })
public final class GpuBench implements Callable<Integer> {

  @Spec private CommandSpec spec;

  @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
  private boolean help;

  @Option(names = "--quick", description = "A short run (under a minute): matmul 1024 and 4096, memory-bound ops at 256 MB.")
  private boolean quick;

  @Option(names = "--out", paramLabel = "PREFIX",
      description = "Result files PREFIX.json and PREFIX.md (default: bench/results/<date>-gpu-<card>[-quick]).")
  private String out;

  @Option(names = "--only", paramLabel = "WHAT", description = "matmul or memory: run only those cases.")
  private String only;

  @Option(names = "--python", paramLabel = "PATH", defaultValue = "python3", description = "The Python for the PyTorch peer (default: ${DEFAULT-VALUE}).")
  private String python;

  @Option(names = "--no-torch", description = "Skip the PyTorch peer.")
  private boolean noTorch;

  @Option(names = "--budget", paramLabel = "SECONDS", split = ",",
      description = "Seconds for Frontier's cases and for the peer's, e.g. 80,60 (default by mode).")
  private List<Double> budget;

  /** Runs as {@code frontier gpu-bench ARGS}. */
  public static void main(String[] args) {
    System.exit(FrontierCli.withErrorHandling(new CommandLine(new GpuBench())).execute(args));
  }

  /** The plan the options select (checks them on the way). */
  GpuPlan plan() {
    GpuPlan plan = quick ? GpuPlan.quick() : GpuPlan.full();
    if (only != null) {
      switch (only) {
        case "matmul" -> plan = plan.only(true, false);
        case "memory" -> plan = plan.only(false, true);
        default -> throw new ParameterException(spec.commandLine(), "--only must be matmul or memory, not '" + only + "'");
      }
    }
    if (budget != null) {
      if (budget.size() != 2 || budget.stream().anyMatch(b -> !(b > 0))) {
        throw new ParameterException(spec.commandLine(), "--budget takes two positive numbers of seconds, e.g. 80,60; got " + budget);
      }
      plan = plan.withBudget(budget.get(0), budget.get(1));
    }
    return plan;
  }

  @Override
  public Integer call() throws IOException {
    PrintWriter stdout = spec.commandLine().getOut();
    PrintWriter log = spec.commandLine().getErr();
    GpuPlan plan = plan();
    if (!Backends.isAvailable(Device.Type.CUDA) || CudaBackend.loaded().isEmpty()) {
      String why = Backends.status().stream().filter(s -> s.name().equals("cuda")).map(Backends.Status::detail).findFirst()
          .orElse("no CUDA backend on the class path");
      stdout.println("gpu-bench: skipped: no CUDA backend (" + why + ")");
      stdout.flush();
      return 0;
    }
    CudaBackend cuda = CudaBackend.loaded().orElseThrow();
    CudaContext ctx = cuda.context();
    long l2 = ctx.l2CacheBytes() > 0 ? ctx.l2CacheBytes() : 50L << 20; // the size decides how many input sets a case rotates among
    GpuMeta meta = GpuMeta.of(plan.mode(), ctx.name(), ctx.describe(), cudaVersion(ctx.driverVersion()), l2);
    Path json = Path.of(prefix(meta) + ".json");
    Path md = Path.of(prefix(meta) + ".md");
    if (json.getParent() != null) Files.createDirectories(json.getParent());
    long start = System.nanoTime();
    log.println("gpu-bench (" + plan.mode() + ") on " + ctx.describe() + ", NVIDIA driver " + meta.driver());
    log.flush();

    FrontierRuns frontier = new FrontierRuns(cuda, plan, l2, log);
    frontier.run();
    List<Row> rows = new ArrayList<>(frontier.rows());
    List<String> notes = new ArrayList<>(frontier.notes());
    save(meta, rows, notes, json, md); // kept if the peer is stopped

    if (noTorch) {
      notes.add("torch: skipped (--no-torch)");
    } else {
      log.println("torch peer with " + python + " ...");
      log.flush();
      TorchCudaPeers.Result peer = TorchCudaPeers.run(python, plan, l2, log);
      rows.addAll(peer.rows());
      notes.addAll(peer.notes());
      meta = meta.withTorch(peer.meta());
    }
    save(meta, rows, notes, json, md);
    stdout.print(GpuReport.text(meta, rows, notes));
    stdout.printf(Locale.ROOT, "wrote %s and %s (%d rows in %.0f s)%n", json, md, rows.size(), (System.nanoTime() - start) / 1e9);
    stdout.flush();
    return frontier.rows().isEmpty() ? 1 : 0;
  }

  private String prefix(GpuMeta meta) {
    if (out != null) return out;
    String card = meta.card().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-|-$", "");
    return Path.of(System.getProperty("frontier.home", "."), "bench", "results", meta.date() + "-gpu-" + card + (quick ? "-quick" : "")).toString();
  }

  private static void save(GpuMeta meta, List<Row> rows, List<String> notes, Path json, Path md) throws IOException {
    try (Writer w = Files.newBufferedWriter(json)) {
      GpuReport.writeJson(meta, rows, notes, w);
    }
    Files.writeString(md, GpuReport.markdown(meta, rows, notes));
  }

  /** 13000 -> "13.0". */
  static String cudaVersion(int v) {
    return (v / 1000) + "." + (v % 1000) / 10;
  }
}

package io.frontier.bench.demo;

import io.frontier.multiobjective.aggregate.Aggregation;
import io.frontier.multiobjective.aggregate.MGDA;
import io.frontier.multiobjective.aggregate.MultiObjectiveStep;
import io.frontier.optim.Adam;
import io.frontier.optim.Optimizer;
import io.frontier.optim.SGD;
import io.frontier.tensor.Tensor;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code frontier demo mgda}: gradient descent with MGDA's common descent direction
 * ({@link MultiObjectiveStep} with {@link MGDA}) from several starts, each run ending near a
 * Pareto-stationary point; the loss pairs reached approximate the Pareto front. Problems: two
 * quadratics (SGD, analytic front plotted too) or two regression targets sharing an MLP trunk
 * (Adam; one start = one initialisation).
 */
@Command(name = "mgda", description = {
    "MGDA (MultiObjectiveStep + MGDA weights) from several starts on two quadratics",
    "(SGD; the analytic front is plotted too) or two regression targets sharing an MLP",
    "trunk (Adam); prints each start's losses and writes mgda-<problem>.png."})
public final class MgdaDemo implements Callable<Integer> {

  /** The problems this demo knows, by option value. */
  enum ProblemName { quadratic, mlp }

  @Spec private CommandSpec spec;

  @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
  private boolean help;

  @Option(names = "--problem", paramLabel = "NAME", defaultValue = "quadratic", description = "quadratic or mlp (default ${DEFAULT-VALUE}).")
  ProblemName problem;

  @Option(names = "--starts", paramLabel = "N", defaultValue = "16", description = "Starting points (default ${DEFAULT-VALUE}).")
  int starts;

  @Option(names = "--steps", paramLabel = "N", description = "Optimizer steps per start (default: quadratic 100, mlp 400).")
  Integer steps;

  @Option(names = "--lr", paramLabel = "LR", description = "Learning rate (default: quadratic SGD 0.1, mlp Adam 0.02).")
  Double lr;

  @Option(names = "--seed", paramLabel = "N", defaultValue = "1", description = "Seed of the starts (default ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--out", paramLabel = "DIR", description = "Directory for the PNG (default: bench/results in the repository).")
  Path out;

  int steps() {
    int v = steps != null ? steps : problem == ProblemName.quadratic ? 100 : 400;
    if (v < 1) throw new ParameterException(spec.commandLine(), "--steps must be at least 1, got " + v);
    return v;
  }

  double lr() {
    double v = lr != null ? lr : problem == ProblemName.quadratic ? 0.1 : 0.02;
    if (!(v > 0) || Double.isInfinite(v)) throw new ParameterException(spec.commandLine(), "--lr must be positive, got " + v);
    return v;
  }

  @Override
  public Integer call() throws Exception {
    run(spec.commandLine().getOut());
    return 0;
  }

  /** Runs every start, prints progress, writes the PNG; returns the loss pairs reached, one per start. */
  double[][] run(PrintWriter stdout) throws java.io.IOException {
    if (starts < 1) throw new ParameterException(spec.commandLine(), "--starts must be at least 1, got " + starts);
    int n = steps();
    double rate = lr();
    stdout.printf(Locale.ROOT, "MGDA on %s: %d starts x %d steps of %s (lr %s), seed %d%n",
        problem, starts, n, problem == ProblemName.quadratic ? "SGD" : "Adam", rate, seed);
    long begin = System.nanoTime();
    double[][] reached = new double[starts][];
    double[][] quadraticStarts = TwoTasks.Quadratic.starts(starts, seed);
    for (int s = 0; s < starts; s++) {
      TwoTasks task = problem == ProblemName.quadratic ? TwoTasks.quadratic(quadraticStarts[s]) : TwoTasks.sharedTrunk(seed * 1000 + s);
      double[] first = values(task.losses());
      Aggregation last = null;
      Optimizer opt = problem == ProblemName.quadratic
          ? new SGD(task.params(), SGD.Options.defaults().lr(rate))
          : new Adam(task.params(), Adam.Options.defaults().lr(rate));
      for (int step = 0; step < n; step++) {
        last = MultiObjectiveStep.backward(task.losses(), task.params(), new MGDA());
        opt.step();
      }
      reached[s] = values(task.losses());
      stdout.printf(Locale.ROOT, "start %2d: losses (%.4f, %.4f) -> (%.5f, %.5f), last MGDA weights (%.3f, %.3f), |d| %.2e%n",
          s + 1, first[0], first[1], reached[s][0], reached[s][1], last.weights()[0], last.weights()[1], norm(last.direction()));
      stdout.flush();
    }
    double[][] sorted = reached.clone();
    Arrays.sort(sorted, (a, b) -> Double.compare(a[0], b[0]));
    Path png = DemoCommand.outDir(out).resolve("mgda-" + problem + ".png");
    String title = problem == ProblemName.quadratic
        ? "MGDA on |x - a|^2, |x - b|^2: " + starts + " starts"
        : "MGDA, shared trunk, sin/cos targets: " + starts + " initialisations";
    FrontPlot.write(png, title, new String[] {"loss 1", "loss 2"}, sorted,
        problem == ProblemName.quadratic ? TwoTasks.Quadratic.front(200) : null);
    stdout.printf(Locale.ROOT, "%d runs in %.1f s; wrote %s%n", starts, (System.nanoTime() - begin) / 1e9, png);
    stdout.flush();
    return reached;
  }

  private static double[] values(List<Tensor> losses) {
    return new double[] {losses.get(0).item(), losses.get(1).item()};
  }

  private static double norm(double[] v) {
    double s = 0;
    for (double x : v) s += x * x;
    return Math.sqrt(s);
  }
}

package io.frontier.bench.demo;

import io.frontier.multiobjective.evolution.Nsga2;
import io.frontier.multiobjective.evolution.Result;
import io.frontier.multiobjective.evolution.Solution;
import io.frontier.multiobjective.pareto.Hypervolume;
import io.frontier.multiobjective.problems.BenchmarkProblem;
import io.frontier.multiobjective.problems.Dtlz;
import io.frontier.multiobjective.problems.Zdt;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code frontier demo nsga2}: NSGA-II on a two-objective benchmark (ZDT1-3 with 30 variables, or
 * DTLZ2 with 2 objectives and 11 variables). Prints the hypervolume of the population's
 * non-dominated set (reference point (1.1, 1.1), objectives minimised, not normalised) every N
 * generations next to that of 1000 points of the analytic front, and plots the final front with
 * the analytic one.
 */
@Command(name = "nsga2", description = {
    "NSGA-II on ZDT1 (or ZDT2, ZDT3, DTLZ2 with 2 objectives): prints the hypervolume",
    "(reference point (1.1, 1.1)) every N generations; writes nsga2-<problem>.png with",
    "the final front and the analytic front."})
public final class Nsga2Demo implements Callable<Integer> {

  static final double[] REFERENCE = {1.1, 1.1};

  /** The problems this demo knows, by option value. */
  enum ProblemName {
    zdt1, zdt2, zdt3, dtlz2;

    BenchmarkProblem create() {
      return switch (this) {
        case zdt1 -> Zdt.zdt1(30);
        case zdt2 -> Zdt.zdt2(30);
        case zdt3 -> Zdt.zdt3(30);
        case dtlz2 -> Dtlz.dtlz2(2);
      };
    }
  }

  @Spec private CommandSpec spec;

  @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
  private boolean help;

  @Option(names = "--problem", paramLabel = "NAME", defaultValue = "zdt1", description = "zdt1, zdt2, zdt3 or dtlz2 (default ${DEFAULT-VALUE}).")
  ProblemName problem;

  @Option(names = "--generations", paramLabel = "G", defaultValue = "250", description = "Generations (default ${DEFAULT-VALUE}).")
  int generations;

  @Option(names = "--population", paramLabel = "N", defaultValue = "100", description = "Population size (default ${DEFAULT-VALUE}).")
  int population;

  @Option(names = "--every", paramLabel = "N", defaultValue = "25", description = "Print progress every N generations (default ${DEFAULT-VALUE}).")
  int every;

  @Option(names = "--seed", paramLabel = "N", defaultValue = "1", description = "Seed (default ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--out", paramLabel = "DIR", description = "Directory for the PNG (default: bench/results in the repository).")
  Path out;

  @Override
  public Integer call() throws Exception {
    if (generations < 0) throw new ParameterException(spec.commandLine(), "--generations must be >= 0, got " + generations);
    if (population < 2) throw new ParameterException(spec.commandLine(), "--population must be >= 2, got " + population);
    if (every < 1) throw new ParameterException(spec.commandLine(), "--every must be >= 1, got " + every);
    PrintWriter stdout = spec.commandLine().getOut();
    BenchmarkProblem p = problem.create();
    double[][] analytic = p.paretoFront(1000);
    double target = Hypervolume.of(analytic, REFERENCE);
    stdout.printf(Locale.ROOT, "NSGA-II on %s, population %d, %d generations, seed %d; hypervolume w.r.t. (1.1, 1.1), analytic front %.6f%n",
        p, population, generations, seed, target);
    long start = System.nanoTime();
    Result result = Nsga2.builder(p).populationSize(population).generations(generations).seed(seed)
        .listener((gen, pop) -> {
          if (gen % every == 0 || gen == generations) {
            stdout.printf(Locale.ROOT, "generation %4d  hypervolume %.6f%n", gen, Hypervolume.of(objectives(pop), REFERENCE));
            stdout.flush();
          }
        })
        .build().run();
    double[][] front = objectives(result.front());
    java.util.Arrays.sort(front, (a, b) -> Double.compare(a[0], b[0]));
    Path png = DemoCommand.outDir(out).resolve("nsga2-" + problem + ".png");
    FrontPlot.write(png, String.format(Locale.ROOT, "NSGA-II on %s after %d generations (hypervolume %.4f of %.4f)",
        p.name(), generations, Hypervolume.of(front, REFERENCE), target), new String[] {"f1", "f2"}, front, analytic);
    stdout.printf(Locale.ROOT, "%d non-dominated points, %d evaluations in %.1f s; wrote %s%n",
        front.length, result.evaluations(), (System.nanoTime() - start) / 1e9, png);
    stdout.flush();
    return 0;
  }

  private static double[][] objectives(List<Solution> solutions) {
    double[][] f = new double[solutions.size()][];
    for (int i = 0; i < f.length; i++) f[i] = solutions.get(i).f();
    return f;
  }
}

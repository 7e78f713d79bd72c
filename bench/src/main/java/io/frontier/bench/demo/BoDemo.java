package io.frontier.bench.demo;

import io.frontier.multiobjective.bayes.MultiObjectiveBayesOpt;
import io.frontier.multiobjective.pareto.Hypervolume;
import io.frontier.optim.bayes.AcquisitionFactory;
import io.frontier.optim.bayes.BayesOpt;
import io.frontier.optim.bayes.Bounds;
import io.frontier.optim.bayes.ModelFactory;
import io.frontier.optim.bayes.SobolDesign;
import io.frontier.optim.bayes.testfunctions.Branin;
import io.frontier.optim.bayes.testfunctions.BraninCurrin;
import io.frontier.optim.bayes.testfunctions.Hartmann;
import io.frontier.optim.bayes.testfunctions.TestFunction;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code frontier demo bo}: Bayesian optimization ({@link BayesOpt}: GP + LogEI or EI) on Branin or
 * Hartmann-6 against random search with ten times the budget, or ParEGO and EHVI
 * ({@link MultiObjectiveBayesOpt}) on BraninCurrin against a Sobol design of the same budget. With
 * {@code --seeds 10} it is issue 7's optimisation-quality check: it prints each seed's result and the
 * median, and plots the median curves.
 */
@Command(name = "bo", description = "Bayesian optimization on Branin (default) or Hartmann-6 against random search with 10x the "
    + "budget, or ParEGO/EHVI on BraninCurrin against Sobol sampling; prints progress and the median over seeds, writes "
    + "bo-<problem>.png (median simple regret or hypervolume per evaluation).")
public final class BoDemo implements Callable<Integer> {
  enum ProblemName { branin, hartmann6, branincurrin }

  enum AcquisitionName { logei, ei }

  @Spec private CommandSpec spec;

  @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
  private boolean help;

  @Option(names = "--problem", paramLabel = "NAME", defaultValue = "branin", description = "branin, hartmann6 or branincurrin (default ${DEFAULT-VALUE}).")
  ProblemName problem;

  @Option(names = "--budget", paramLabel = "N", description = "Evaluations per run (default: branin 40, hartmann6 100, branincurrin 30).")
  Integer budget;

  @Option(names = "--initial", paramLabel = "N", description = "Sobol initial points (default: branin 5, hartmann6 10, branincurrin 6).")
  Integer initial;

  @Option(names = "--acquisition", paramLabel = "NAME", defaultValue = "logei", description = "logei or ei, single objective (default ${DEFAULT-VALUE}).")
  AcquisitionName acquisition;

  @Option(names = "--seeds", paramLabel = "N", defaultValue = "1", description = "Independent runs; the median is reported (default ${DEFAULT-VALUE}).")
  int seeds;

  @Option(names = "--seed", paramLabel = "N", defaultValue = "0", description = "First seed (default ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--out", paramLabel = "DIR", description = "Directory for the PNG (default: bench/results in the repository).")
  Path out;

  int budget() {
    int v = budget != null ? budget : switch (problem) {
      case branin -> 40;
      case hartmann6 -> 100;
      case branincurrin -> 30;
    };
    if (v < 2) throw new ParameterException(spec.commandLine(), "--budget must be at least 2, got " + v);
    return v;
  }

  int initial() {
    int v = initial != null ? initial : switch (problem) {
      case branin -> 5;
      case hartmann6 -> 10;
      case branincurrin -> 6;
    };
    if (v < 1 || v >= budget()) throw new ParameterException(spec.commandLine(), "--initial must be in [1, budget), got " + v);
    return v;
  }

  @Override
  public Integer call() throws Exception {
    if (seeds < 1) throw new ParameterException(spec.commandLine(), "--seeds must be at least 1, got " + seeds);
    if (problem == ProblemName.branincurrin) runMultiObjective(spec.commandLine().getOut());
    else runSingleObjective(spec.commandLine().getOut());
    return 0;
  }

  /** Runs every seed; returns the final simple regret of BO per seed. */
  double[] runSingleObjective(PrintWriter stdout) throws IOException {
    TestFunction f = problem == ProblemName.branin ? new Branin() : Hartmann.sixD();
    Bounds box = Bounds.of(f.lower(), f.upper());
    int n = budget();
    int randomBudget = 10 * n;
    stdout.printf(Locale.ROOT, "%s BO on %s: %d Sobol + %d sequential evaluations, %d seed(s); random search gets %d%n",
        acquisition == AcquisitionName.logei ? "LogEI" : "EI", f.name(), initial(), n - initial(), seeds, randomBudget);
    long begin = System.nanoTime();
    double[][] boCurves = new double[seeds][n];
    double[][] randomCurves = new double[seeds][randomBudget];
    double[] finals = new double[seeds];
    double[] randomFinals = new double[seeds];
    for (int s = 0; s < seeds; s++) {
      long runSeed = seed + s;
      long start = System.nanoTime();
      double[] curve = boCurves[s];
      int report = Math.max(1, n / 8);
      BayesOpt.Result r = BayesOpt.builder(box).seed(runSeed).initialPoints(initial()).modelFactory(ModelFactory.noiselessGp())
          .acquisition(acquisition == AcquisitionName.logei ? AcquisitionFactory.logExpectedImprovement() : AcquisitionFactory.expectedImprovement())
          .listener(p -> {
            curve[p.evaluation() - 1] = Math.max(p.bestY() - f.optimalValue(), 1e-12);
            if (seeds == 1 && (p.evaluation() % report == 0 || p.evaluation() == n)) {
              stdout.printf(Locale.ROOT, "  evaluation %3d: f = %.6f, best regret %.3e%n", p.evaluation(), p.y(), p.bestY() - f.optimalValue());
              stdout.flush();
            }
          }).build().minimize(f::value, n);
      finals[s] = r.bestY() - f.optimalValue();
      SplittableRandom rng = new SplittableRandom(runSeed ^ 0x9E3779B97F4A7C15L);
      double best = Double.POSITIVE_INFINITY;
      for (int i = 0; i < randomBudget; i++) {
        double[] u = new double[f.dim()];
        for (int j = 0; j < u.length; j++) u[j] = rng.nextDouble();
        best = Math.min(best, f.value(box.fromUnit(u)));
        randomCurves[s][i] = Math.max(best - f.optimalValue(), 1e-12);
      }
      randomFinals[s] = best - f.optimalValue();
      stdout.printf(Locale.ROOT, "seed %2d: BO regret %.3e after %d, random search %.3e after %d (%.1f s) at %s%n", runSeed, finals[s], n,
          randomFinals[s], randomBudget, (System.nanoTime() - start) / 1e9, Arrays.toString(round(r.bestX())));
      stdout.flush();
    }
    double median = median(finals);
    double randomMedian = median(randomFinals);
    stdout.printf(Locale.ROOT, "median over %d seed(s): BO %.3e, random search (10x budget) %.3e; BO below random in %d of %d seeds%n", seeds,
        median, randomMedian, countBelow(finals, randomFinals), seeds);
    Map<String, double[]> curves = new LinkedHashMap<>();
    curves.put((acquisition == AcquisitionName.logei ? "LogEI" : "EI") + " BO (median)", medianCurve(boCurves));
    curves.put("random search (median)", medianCurve(randomCurves));
    Path png = DemoCommand.outDir(out).resolve("bo-" + problem + ".png");
    CurvePlot.write(png, f.name() + ": simple regret, median of " + seeds + " seed(s)", "simple regret", curves, true);
    stdout.printf(Locale.ROOT, "%d run(s) in %.1f s; wrote %s%n", seeds, (System.nanoTime() - begin) / 1e9, png);
    stdout.flush();
    return finals;
  }

  /** Runs ParEGO and EHVI for every seed; returns the median hypervolumes {ParEGO, EHVI, Sobol}. */
  double[] runMultiObjective(PrintWriter stdout) throws IOException {
    Bounds box = Bounds.unitCube(2);
    int n = budget();
    double[] ref = BraninCurrin.REFERENCE_POINT;
    stdout.printf(Locale.ROOT, "ParEGO and EHVI on BraninCurrin: %d Sobol + %d sequential evaluations, %d seed(s); reference %s, max HV %.2f%n",
        initial(), n - initial(), seeds, Arrays.toString(ref), BraninCurrin.MAX_HYPERVOLUME);
    long begin = System.nanoTime();
    MultiObjectiveBayesOpt.Strategy[] strategies = MultiObjectiveBayesOpt.Strategy.values();
    double[][][] curves = new double[strategies.length + 1][seeds][n];
    double[][] finals = new double[strategies.length + 1][seeds];
    for (int s = 0; s < seeds; s++) {
      long runSeed = seed + s;
      StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "seed %2d:", runSeed));
      for (int k = 0; k < strategies.length; k++) {
        double[] curve = curves[k][s];
        long start = System.nanoTime();
        MultiObjectiveBayesOpt.Result r = MultiObjectiveBayesOpt.builder(box, 2, ref).strategy(strategies[k]).seed(runSeed)
            .initialPoints(initial()).listener(p -> curve[p.evaluation() - 1] = p.hypervolume()).build().minimize(BraninCurrin::values, n);
        finals[k][s] = r.hypervolume();
        line.append(String.format(Locale.ROOT, " %s HV %.3f (%.1f s),", strategies[k], r.hypervolume(), (System.nanoTime() - start) / 1e9));
      }
      double[][] x = new SobolDesign(box, runSeed).next(n);
      double[][] y = new double[n][];
      for (int i = 0; i < n; i++) {
        y[i] = BraninCurrin.values(x[i]);
        curves[strategies.length][s][i] = Hypervolume.of(Arrays.copyOf(y, i + 1), ref);
      }
      finals[strategies.length][s] = curves[strategies.length][s][n - 1];
      line.append(String.format(Locale.ROOT, " Sobol HV %.3f", finals[strategies.length][s]));
      stdout.println(line);
      stdout.flush();
    }
    double[] medians = new double[strategies.length + 1];
    Map<String, double[]> plot = new LinkedHashMap<>();
    for (int k = 0; k <= strategies.length; k++) {
      medians[k] = median(finals[k]);
      plot.put((k < strategies.length ? strategies[k].name() : "Sobol") + " (median)", medianCurve(curves[k]));
    }
    stdout.printf(Locale.ROOT, "median hypervolume over %d seed(s): ParEGO %.3f, EHVI %.3f, Sobol %.3f (max %.3f)%n", seeds, medians[0],
        medians[1], medians[2], BraninCurrin.MAX_HYPERVOLUME);
    Path png = DemoCommand.outDir(out).resolve("bo-branincurrin.png");
    CurvePlot.write(png, "BraninCurrin: hypervolume, median of " + seeds + " seed(s)", "hypervolume (ref 18, 6)", plot, false);
    stdout.printf(Locale.ROOT, "%d seed(s) in %.1f s; wrote %s%n", seeds, (System.nanoTime() - begin) / 1e9, png);
    stdout.flush();
    return medians;
  }

  static double median(double[] v) {
    double[] s = v.clone();
    Arrays.sort(s);
    return s.length % 2 == 1 ? s[s.length / 2] : 0.5 * (s[s.length / 2 - 1] + s[s.length / 2]);
  }

  private static double[] medianCurve(double[][] runs) {
    double[] out = new double[runs[0].length];
    double[] column = new double[runs.length];
    for (int i = 0; i < out.length; i++) {
      for (int s = 0; s < runs.length; s++) column[s] = runs[s][i];
      out[i] = median(column);
    }
    return out;
  }

  private static int countBelow(double[] a, double[] b) {
    int c = 0;
    for (int i = 0; i < a.length; i++) if (a[i] < b[i]) c++;
    return c;
  }

  private static double[] round(double[] x) {
    double[] r = new double[x.length];
    for (int i = 0; i < x.length; i++) r[i] = Math.round(x[i] * 1e5) / 1e5;
    return r;
  }
}

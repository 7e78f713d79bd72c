package io.frontier.optim;

import java.util.ArrayList;
import java.util.List;

/**
 * torch.optim.LBFGS's {@code step} with {@code line_search_fn="strong_wolfe"} on a flat float64
 * vector, transcribed operation for operation (two-loop recursion over at most {@code historySize}
 * curvature pairs, pairs with {@code y·s <= 1e-10} skipped, initial Hessian scale {@code y·s / y·y},
 * first step {@code min(1, 1 / |g|_1) * lr}, the same stopping tests in the same order). The
 * history, the last direction and step, and the iteration and evaluation counts persist between
 * {@link #run} calls, as PyTorch's optimizer state does between {@code step} calls.
 */
final class LbfgsEngine {
  /** The objective: returns f(x) and writes its gradient into {@code gOut}; must not keep or change {@code x}. */
  interface Objective {
    double evaluate(double[] x, double[] gOut);
  }

  /** One run: the loss at entry (what PyTorch's step returns), at exit, the counts of this run, and why it stopped. */
  record Outcome(double initialLoss, double loss, int iterations, int evaluations, ConvergenceReason reason) {}

  private final List<double[]> oldDirs = new ArrayList<>();
  private final List<double[]> oldStps = new ArrayList<>();
  private final List<Double> ro = new ArrayList<>();
  private double[] d;
  private double t;
  private double hDiag = 1;
  private double[] prevFlatGrad;
  private long nIter;
  private long funcEvals;

  long totalIterations() {
    return nIter;
  }

  long totalEvaluations() {
    return funcEvals;
  }

  /** Runs at most {@code o.maxIter()} iterations from {@code x}, which it updates in place. */
  Outcome run(Objective obj, double[] x, LbfgsOptions o) {
    int n = x.length;
    double[] flatGrad = new double[n];
    double loss = obj.evaluate(x.clone(), flatGrad);
    double origLoss = loss;
    int currentEvals = 1;
    funcEvals++;
    if (StrongWolfe.maxAbs(flatGrad) <= o.toleranceGrad()) {
      return new Outcome(origLoss, loss, 0, currentEvals, ConvergenceReason.GRADIENT_TOLERANCE);
    }

    ConvergenceReason reason = ConvergenceReason.MAX_ITERATIONS;
    int iter = 0;
    while (iter < o.maxIter()) {
      iter++;
      nIter++;

      // the search direction
      if (nIter == 1) {
        d = neg(flatGrad);
        oldDirs.clear();
        oldStps.clear();
        ro.clear();
        hDiag = 1;
      } else {
        double[] y = new double[n];
        double[] s = new double[n];
        for (int i = 0; i < n; i++) {
          y[i] = flatGrad[i] - prevFlatGrad[i];
          s[i] = d[i] * t;
        }
        double ys = StrongWolfe.dot(y, s);
        if (ys > 1e-10) {
          if (oldDirs.size() == o.historySize()) {
            oldDirs.remove(0);
            oldStps.remove(0);
            ro.remove(0);
          }
          oldDirs.add(y);
          oldStps.add(s);
          ro.add(1. / ys);
          hDiag = ys / StrongWolfe.dot(y, y);
        }
        d = twoLoop(flatGrad);
      }
      prevFlatGrad = flatGrad.clone();
      double prevLoss = loss;

      // the step length
      t = (nIter == 1 ? Math.min(1., 1. / sumAbs(flatGrad)) : 1.) * o.lr();
      double gtd = StrongWolfe.dot(flatGrad, d);
      if (gtd > -o.toleranceChange()) {
        reason = ConvergenceReason.DIRECTIONAL_DERIVATIVE;
        break;
      }
      final double[] xInit = x.clone();
      final double[] dir = d;
      StrongWolfe.Result ls = StrongWolfe.search((tt, gOut) -> obj.evaluate(addScaled(xInit, tt, dir), gOut),
          t, d, loss, flatGrad, gtd, 1e-4, 0.9, o.toleranceChange(), 25);
      loss = ls.f();
      flatGrad = ls.g();
      t = ls.t();
      double[] xNew = addScaled(xInit, t, d);
      System.arraycopy(xNew, 0, x, 0, n);
      currentEvals += ls.evals();
      funcEvals += ls.evals();

      // stopping tests (PyTorch tests these in the order max_iter, max_eval, gradient, step,
      // change; they all stop, so only the reason reported depends on the order)
      if (StrongWolfe.maxAbs(flatGrad) <= o.toleranceGrad()) {
        reason = ConvergenceReason.GRADIENT_TOLERANCE;
        break;
      }
      if (iter == o.maxIter()) {
        reason = ConvergenceReason.MAX_ITERATIONS;
        break;
      }
      if (currentEvals >= o.maxEval()) {
        reason = ConvergenceReason.MAX_EVALUATIONS;
        break;
      }
      if (maxAbsScaled(d, t) <= o.toleranceChange()) {
        reason = ConvergenceReason.STEP_TOLERANCE;
        break;
      }
      if (Math.abs(loss - prevLoss) < o.toleranceChange()) {
        reason = ConvergenceReason.FUNCTION_TOLERANCE;
        break;
      }
    }
    return new Outcome(origLoss, loss, iter, currentEvals, reason);
  }

  /** The L-BFGS direction -H g by the two-loop recursion (PyTorch's one-buffer form). */
  private double[] twoLoop(double[] g) {
    int n = g.length;
    int k = oldDirs.size();
    double[] al = new double[k];
    double[] q = neg(g);
    for (int i = k - 1; i >= 0; i--) {
      al[i] = StrongWolfe.dot(oldStps.get(i), q) * ro.get(i);
      double[] y = oldDirs.get(i);
      double a = -al[i];
      for (int j = 0; j < n; j++) q[j] += a * y[j];
    }
    double[] r = new double[n];
    for (int j = 0; j < n; j++) r[j] = q[j] * hDiag;
    for (int i = 0; i < k; i++) {
      double be = StrongWolfe.dot(oldDirs.get(i), r) * ro.get(i);
      double[] s = oldStps.get(i);
      double a = al[i] - be;
      for (int j = 0; j < n; j++) r[j] += a * s[j];
    }
    return r;
  }

  static double[] addScaled(double[] x, double t, double[] d) {
    double[] out = new double[x.length];
    for (int i = 0; i < x.length; i++) out[i] = x[i] + t * d[i];
    return out;
  }

  private static double[] neg(double[] a) {
    double[] out = new double[a.length];
    for (int i = 0; i < a.length; i++) out[i] = -a[i];
    return out;
  }

  private static double sumAbs(double[] a) {
    double s = 0;
    for (double v : a) s += Math.abs(v);
    return s;
  }

  private static double maxAbsScaled(double[] d, double t) {
    double m = 0;
    for (double v : d) m = Math.max(m, Math.abs(v * t));
    return m;
  }
}

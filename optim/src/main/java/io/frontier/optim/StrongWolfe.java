package io.frontier.optim;

/**
 * The strong-Wolfe line search of torch.optim.LBFGS ({@code _strong_wolfe} and
 * {@code _cubic_interpolate}, themselves ports of torch/optim's lswolfe.lua and polyinterp.lua),
 * transcribed operation for operation so that a run follows PyTorch's trajectory: bracketing with
 * cubic extrapolation in [t + 0.01 (t - t_prev), 10 t], then a zoom by cubic interpolation that is
 * pushed 10% of the bracket away from its ends when it makes insufficient progress.
 */
final class StrongWolfe {
  private StrongWolfe() {}

  /** Evaluates the objective at {@code x + t d}; returns the value and writes the gradient into {@code gOut}. */
  interface DirectionalObjective {
    double evaluate(double t, double[] gOut);
  }

  /** The accepted step: its length, the objective's value and gradient there, and the evaluations spent. */
  record Result(double t, double f, double[] g, int evals) {}

  static Result search(DirectionalObjective obj, double t, double[] d, double f, double[] g, double gtd,
      double c1, double c2, double toleranceChange, int maxLs) {
    int n = d.length;
    double dNorm = maxAbs(d);
    g = g.clone();
    double[] gNew = new double[n];
    double fNew = obj.evaluate(t, gNew);
    int evals = 1;
    double gtdNew = dot(gNew, d);

    // bracket an interval containing a point satisfying the Wolfe criteria
    double tPrev = 0;
    double fPrev = f;
    double[] gPrev = g;
    double gtdPrev = gtd;
    boolean done = false;
    int lsIter = 0;
    double[] bracket = null;
    double[] bracketF = null;
    double[][] bracketG = null;
    double[] bracketGtd = null;
    while (lsIter < maxLs) {
      if (fNew > f + c1 * t * gtd || (lsIter > 1 && fNew >= fPrev)) {
        bracket = new double[] {tPrev, t};
        bracketF = new double[] {fPrev, fNew};
        bracketG = new double[][] {gPrev, gNew.clone()};
        bracketGtd = new double[] {gtdPrev, gtdNew};
        break;
      }
      if (Math.abs(gtdNew) <= -c2 * gtd) {
        bracket = new double[] {t};
        bracketF = new double[] {fNew};
        bracketG = new double[][] {gNew};
        done = true;
        break;
      }
      if (gtdNew >= 0) {
        bracket = new double[] {tPrev, t};
        bracketF = new double[] {fPrev, fNew};
        bracketG = new double[][] {gPrev, gNew.clone()};
        bracketGtd = new double[] {gtdPrev, gtdNew};
        break;
      }
      // extrapolate by cubic interpolation, kept in [t + 0.01 (t - t_prev), 10 t]
      double minStep = t + 0.01 * (t - tPrev);
      double maxStep = t * 10;
      double tmp = t;
      t = cubicInterpolate(tPrev, fPrev, gtdPrev, t, fNew, gtdNew, minStep, maxStep);
      tPrev = tmp;
      fPrev = fNew;
      gPrev = gNew.clone();
      gtdPrev = gtdNew;
      fNew = obj.evaluate(t, gNew);
      evals++;
      gtdNew = dot(gNew, d);
      lsIter++;
    }
    // reached the maximum number of iterations while bracketing: bracket [0, t]. (PyTorch leaves
    // bracket_gtd unset here; the zoom loop below cannot run because ls_iter == max_ls.)
    if (lsIter == maxLs) {
      bracket = new double[] {0, t};
      bracketF = new double[] {f, fNew};
      bracketG = new double[][] {g, gNew};
    }

    // zoom: refine the bracket until a point satisfies the strong Wolfe conditions
    boolean insufProgress = false;
    int low = bracketF[0] <= bracketF[bracketF.length - 1] ? 0 : 1;
    int high = 1 - low;
    while (!done && lsIter < maxLs) {
      // the bracket is too small to matter
      if (Math.abs(bracket[1] - bracket[0]) * dNorm < toleranceChange) break;

      double bMax = Math.max(bracket[0], bracket[1]);
      double bMin = Math.min(bracket[0], bracket[1]);
      t = cubicInterpolate(bracket[0], bracketF[0], bracketGtd[0], bracket[1], bracketF[1], bracketGtd[1], bMin, bMax);

      // a trial too close to an end of the bracket (after a step that already was, or at the end
      // itself) is moved 10% of the bracket inside it
      double eps = 0.1 * (bMax - bMin);
      if (Math.min(bMax - t, t - bMin) < eps) {
        if (insufProgress || t >= bMax || t <= bMin) {
          t = Math.abs(t - bMax) < Math.abs(t - bMin) ? bMax - eps : bMin + eps;
          insufProgress = false;
        } else {
          insufProgress = true;
        }
      } else {
        insufProgress = false;
      }

      fNew = obj.evaluate(t, gNew);
      evals++;
      gtdNew = dot(gNew, d);
      lsIter++;

      if (fNew > f + c1 * t * gtd || fNew >= bracketF[low]) {
        // Armijo not satisfied or not below the lowest point: the trial becomes the high end
        bracket[high] = t;
        bracketF[high] = fNew;
        bracketG[high] = gNew.clone();
        bracketGtd[high] = gtdNew;
        low = bracketF[0] <= bracketF[1] ? 0 : 1;
        high = 1 - low;
      } else {
        if (Math.abs(gtdNew) <= -c2 * gtd) {
          done = true;
        } else if (gtdNew * (bracket[high] - bracket[low]) >= 0) {
          // the old high end becomes the new low end
          bracket[high] = bracket[low];
          bracketF[high] = bracketF[low];
          bracketG[high] = bracketG[low];
          bracketGtd[high] = bracketGtd[low];
        }
        // the trial becomes the low end
        bracket[low] = t;
        bracketF[low] = fNew;
        bracketG[low] = gNew.clone();
        bracketGtd[low] = gtdNew;
      }
    }
    return new Result(bracket[low], bracketF[low], bracketG[low], evals);
  }

  /**
   * The minimiser of the cubic through (x1, f1) and (x2, f2) with slopes g1 and g2, clamped to
   * [lo, hi]; the interval's midpoint when the cubic has no minimiser.
   */
  static double cubicInterpolate(double x1, double f1, double g1, double x2, double f2, double g2, double lo, double hi) {
    double d1 = g1 + g2 - 3 * (f1 - f2) / (x1 - x2);
    double d2Square = d1 * d1 - g1 * g2;
    if (d2Square >= 0) {
      double d2 = Math.sqrt(d2Square);
      double minPos = x1 <= x2
          ? x2 - (x2 - x1) * ((g2 + d2 - d1) / (g2 - g1 + 2 * d2))
          : x1 - (x1 - x2) * ((g1 + d2 - d1) / (g1 - g2 + 2 * d2));
      return Math.min(Math.max(minPos, lo), hi);
    }
    return (lo + hi) / 2.;
  }

  static double dot(double[] a, double[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) s += a[i] * b[i];
    return s;
  }

  static double maxAbs(double[] a) {
    double m = 0;
    for (double v : a) m = Math.max(m, Math.abs(v));
    return m;
  }
}

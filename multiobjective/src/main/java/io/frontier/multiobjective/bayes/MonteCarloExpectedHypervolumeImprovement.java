package io.frontier.multiobjective.bayes;

import io.frontier.multiobjective.pareto.Hypervolume;
import io.frontier.optim.bayes.Model;
import io.frontier.optim.bayes.Posterior;
import io.frontier.optim.bayes.acquisition.Acquisition;
import io.frontier.optim.bayes.acquisition.Pullback;
import io.frontier.optim.bayes.acquisition.QmcNormal;
import io.frontier.tensor.Tensor;
import java.util.List;

/**
 * Expected hypervolume improvement for any number m of objectives to minimise, by quasi-Monte-Carlo
 * over independent Gaussian posteriors (Daulton, Balandat and Bakshy 2020's qEHVI with q = 1):
 * {@code EHVI ≈ (1/N) Σ_s [HV(P ∪ {y_s}) - HV(P)]}, {@code y_s = μ + σ ∘ z_s} with fixed
 * {@link QmcNormal} base samples, hypervolumes from {@link Hypervolume}.
 *
 * <p>Gradient (pathwise): raising {@code y_k} by {@code dt} loses the slab of the improvement whose
 * face at {@code z_k = y_k} is the (m-1)-dimensional improvement of {@code y} without objective k over
 * the front points with {@code p_k ≤ y_k}; so
 * {@code ∂HVI/∂y_k = -[HV_{m-1}(Q_k ∪ {y_{-k}}) - HV_{m-1}(Q_k)]}, {@code Q_k = {p_{-k} : p_k ≤ y_k}},
 * computed with the same hypervolume code one dimension down.
 */
public final class MonteCarloExpectedHypervolumeImprovement implements Acquisition {
  private final List<Model> models;
  private final double[][] front;
  private final double[] reference;
  private final double baseHypervolume;
  private final double[][] z;

  public MonteCarloExpectedHypervolumeImprovement(List<Model> models, double[][] front, double[] reference, int samples, long seed) {
    if (models == null || models.size() < 2) throw new IllegalArgumentException("MonteCarloExpectedHypervolumeImprovement: need at least 2 objective models");
    int m = models.size();
    for (Model model : models) {
      if (model == null || model.inputDim() != models.get(0).inputDim()) {
        throw new IllegalArgumentException("MonteCarloExpectedHypervolumeImprovement: every model must take " + models.get(0).inputDim() + " inputs");
      }
    }
    ParetoFronts.checkReference("MonteCarloExpectedHypervolumeImprovement", reference, m);
    this.models = List.copyOf(models);
    this.reference = reference.clone();
    this.front = ParetoFronts.insideReference(front == null ? new double[0][] : front, reference);
    this.baseHypervolume = this.front.length == 0 ? 0 : Hypervolume.of(this.front, reference);
    this.z = QmcNormal.samples(samples, m, seed);
  }

  @Override
  public int q() {
    return 1;
  }

  @Override
  public Tensor value(Tensor x) {
    int d = models.get(0).inputDim();
    int b = Acquisition.checkCandidates("MonteCarloExpectedHypervolumeImprovement", x, 1, d);
    Tensor flat = x.reshape(b, d);
    int m = models.size();
    Tensor[] inputs = new Tensor[2 * m];
    double[][] mu = new double[m][];
    double[][] sd = new double[m][];
    for (int k = 0; k < m; k++) {
      Posterior post = models.get(k).posterior(flat);
      inputs[2 * k] = post.mean();
      inputs[2 * k + 1] = post.variance();
      mu[k] = post.mean().contiguous().toDoubleArray();
      double[] var = post.variance().contiguous().toDoubleArray();
      sd[k] = new double[b];
      for (int i = 0; i < b; i++) sd[k][i] = Math.sqrt(Math.max(var[i], 0));
    }
    double[] values = new double[b];
    double[][] partials = new double[2 * m][b];
    double[] y = new double[m];
    double[] grad = new double[m];
    for (int i = 0; i < b; i++) {
      double[] dMu = new double[m];
      double[] dSd = new double[m];
      for (double[] zs : z) {
        for (int k = 0; k < m; k++) y[k] = mu[k][i] + sd[k][i] * zs[k];
        values[i] += improvement(y, grad);
        for (int k = 0; k < m; k++) {
          dMu[k] += grad[k];
          dSd[k] += grad[k] * zs[k];
        }
      }
      values[i] /= z.length;
      for (int k = 0; k < m; k++) {
        partials[2 * k][i] = dMu[k] / z.length;
        partials[2 * k + 1][i] = sd[k][i] > 0 ? dSd[k] / z.length / (2 * sd[k][i]) : 0;
      }
    }
    return Pullback.of(values, inputs, partials);
  }

  /** HVI(y) and its gradient (written into grad). */
  double improvement(double[] y, double[] grad) {
    int m = y.length;
    java.util.Arrays.fill(grad, 0);
    for (int k = 0; k < m; k++) if (!(y[k] < reference[k])) return 0;
    double[][] with = new double[front.length + 1][];
    System.arraycopy(front, 0, with, 0, front.length);
    with[front.length] = y;
    double hvi = Hypervolume.of(with, reference) - baseHypervolume;
    if (hvi <= 0) return 0;
    for (int k = 0; k < m; k++) {
      double[] refLess = drop(reference, k);
      java.util.List<double[]> below = new java.util.ArrayList<>();
      for (double[] p : front) if (p[k] <= y[k]) below.add(drop(p, k));
      double[][] q = below.toArray(new double[0][]);
      double without = q.length == 0 ? 0 : Hypervolume.of(q, refLess);
      double[][] qy = java.util.Arrays.copyOf(q, q.length + 1);
      qy[q.length] = drop(y, k);
      grad[k] = -(Hypervolume.of(qy, refLess) - without);
    }
    return hvi;
  }

  private static double[] drop(double[] v, int k) {
    double[] out = new double[v.length - 1];
    for (int i = 0, j = 0; i < v.length; i++) if (i != k) out[j++] = v[i];
    return out;
  }
}

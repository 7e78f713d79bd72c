package io.frontier.optim.bayes.acquisition;

import io.frontier.optim.bayes.Model;
import io.frontier.optim.bayes.Posterior;
import io.frontier.tensor.Tensor;
import java.util.List;

/**
 * Expected improvement weighted by the probability of feasibility (Schonlau, Welch and Jones 1998;
 * Gardner et al. 2014; Frazier's tutorial §5, "expensive-to-evaluate constraints"):
 * {@code cEI(x) = EI(x) Π_k Pr[c_k(x) ≤ 0] = σ h(u) Π_k Φ(-μ_k/σ_k)}, each constraint {@code c_k}
 * with its own independent model and feasible where {@code c_k ≤ 0}. {@code bestF} is the best
 * feasible value observed.
 */
public final class ConstrainedExpectedImprovement implements Acquisition {
  private final Model objective;
  private final List<Model> constraints;
  private final ExpectedImprovement ei;

  public ConstrainedExpectedImprovement(Model objective, double bestF, List<Model> constraints) {
    if (objective == null) throw new IllegalArgumentException("ConstrainedExpectedImprovement: objective model is null");
    if (constraints == null || constraints.isEmpty()) throw new IllegalArgumentException("ConstrainedExpectedImprovement: need at least one constraint model");
    for (Model c : constraints) {
      if (c == null || c.inputDim() != objective.inputDim()) {
        throw new IllegalArgumentException("ConstrainedExpectedImprovement: every constraint model must take " + objective.inputDim() + "-d inputs");
      }
    }
    this.objective = objective;
    this.constraints = List.copyOf(constraints);
    this.ei = new ExpectedImprovement(objective, bestF);
  }

  @Override
  public int q() {
    return 1;
  }

  @Override
  public Tensor value(Tensor x) {
    int b = Acquisition.checkCandidates("ConstrainedExpectedImprovement", x, 1, objective.inputDim());
    Tensor flat = x.reshape(b, objective.inputDim());
    int m = constraints.size();
    Tensor[] inputs = new Tensor[2 + 2 * m];
    double[][] partials = new double[2 + 2 * m][b];
    double[][] probability = new double[m][b];
    double[][] dMean = new double[m][b];
    double[][] dVar = new double[m][b];
    for (int k = 0; k < m; k++) {
      Posterior post = constraints.get(k).posterior(flat);
      inputs[2 + 2 * k] = post.mean();
      inputs[3 + 2 * k] = post.variance();
      double[] mu = post.mean().contiguous().toDoubleArray();
      double[] var = post.variance().contiguous().toDoubleArray();
      for (int i = 0; i < b; i++) {
        double s = Math.sqrt(Math.max(var[i], 0));
        if (s == 0) {
          probability[k][i] = mu[i] <= 0 ? 1 : 0;
          continue;
        }
        double t = -mu[i] / s;
        probability[k][i] = Normal.cdf(t);
        double density = Normal.pdf(t);
        dMean[k][i] = -density / s;
        // ∂Φ(-μ/σ)/∂σ = φ(t) μ/σ², and ∂σ/∂var = 1/(2σ).
        dVar[k][i] = density * mu[i] / (s * s) / (2 * s);
      }
    }
    Posterior post = objective.posterior(flat);
    inputs[0] = post.mean();
    inputs[1] = post.variance();
    double[] mu = post.mean().contiguous().toDoubleArray();
    double[] var = post.variance().contiguous().toDoubleArray();
    double[] values = new double[b];
    double[] out = new double[3];
    for (int i = 0; i < b; i++) {
      double s = Math.sqrt(Math.max(var[i], 0));
      ei.score(mu[i], s, out);
      double feasible = 1;
      for (int k = 0; k < m; k++) feasible *= probability[k][i];
      values[i] = out[0] * feasible;
      partials[0][i] = out[1] * feasible;
      partials[1][i] = s > 0 ? out[2] / (2 * s) * feasible : 0;
      for (int k = 0; k < m; k++) {
        double others = out[0];
        for (int l = 0; l < m; l++) if (l != k) others *= probability[l][i];
        partials[2 + 2 * k][i] = others * dMean[k][i];
        partials[3 + 2 * k][i] = others * dVar[k][i];
      }
    }
    return Pullback.of(values, inputs, partials);
  }
}

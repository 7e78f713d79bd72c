package io.frontier.rl.bilevel;

import io.frontier.tensor.DType;
import io.frontier.tensor.Tensor;
import java.util.Arrays;

/**
 * The upper-level objective of PARL's RLHF instance (Chakraborty et al. 2023, arXiv 2308.02585):
 * the expected Bradley-Terry log-likelihood of trajectory-pair preferences, the pairs drawn from a
 * policy, for the linear reward {@code r_theta(s, a) = phi(s, a) . theta},
 *
 * <pre>
 *   G(theta, pi) = E_{tau, tau' ~ pi} [ mu(tau, tau') log sigma(R_theta(tau) - R_theta(tau'))
 *                                     + (1 - mu(tau, tau')) log sigma(R_theta(tau') - R_theta(tau)) ]
 *                  - (l2 / 2) ||theta||^2
 * </pre>
 *
 * with {@code R_theta(tau) = sum_t gamma^t r_theta(s_t, a_t)} and {@code mu(tau, tau')} the
 * probability that the labeller prefers tau (a 0/1/0.5 label, or {@link #bradleyTerryLabels} of a
 * true utility). The expectation is exact: a sum over all pairs of the enumerated
 * {@link Trajectories}, weighted by {@code p_pi(tau) p_pi(tau')}, so it is deterministic and
 * differentiable in both theta and the policy. The pair (tau, tau) is included, as independent
 * draws include it; it contributes the constant {@code -log 2}.
 *
 * <p>{@code l2} is a Gaussian prior on theta: it stands for a finite amount of feedback, under
 * which states the pairs seldom visit stay near the prior (for n labelled pairs the MAP objective
 * per pair has {@code l2 = 1 / n}).
 */
public final class PreferenceLikelihood {
  private final Trajectories trajectories;
  private final Tensor labels;
  private final Tensor features;
  private final double gamma;
  private final double l2;

  /**
   * @param trajectories the enumerated trajectories, T of them
   * @param labels mu (T, T), {@code mu[i, j] = Pr(tau_i preferred to tau_j)}, with
   *     {@code mu + mu^T = 1}
   * @param features phi (S, A, d)
   * @param gamma the discount of the trajectory returns
   * @param l2 the prior's weight, non-negative
   */
  public PreferenceLikelihood(Trajectories trajectories, Tensor labels, Tensor features, double gamma, double l2) {
    int t = trajectories.count();
    if (labels.dim() != 2 || labels.size(0) != t || labels.size(1) != t) {
      throw new IllegalArgumentException("PreferenceLikelihood: labels must be (T, T) = (" + t + ", " + t + "), got " + Arrays.toString(labels.shape()));
    }
    if (features.dim() != 3) throw new IllegalArgumentException("PreferenceLikelihood: features must be (S, A, d), got " + Arrays.toString(features.shape()));
    if (!(l2 >= 0)) throw new IllegalArgumentException("PreferenceLikelihood: l2 must be non-negative, got " + l2);
    Tensor mu = labels.detach().to(DType.FLOAT64);
    if (mu.lt(0.0).logicalOr(mu.gt(1.0)).any().item() != 0) throw new IllegalArgumentException("PreferenceLikelihood: labels must lie in [0, 1]");
    double asymmetry = mu.add(mu.t()).sub(1.0).abs().max().item();
    if (asymmetry > 1e-9) throw new IllegalArgumentException("PreferenceLikelihood: labels must satisfy mu + mu^T = 1 (off by " + asymmetry + ")");
    this.trajectories = trajectories;
    this.labels = mu.contiguous();
    this.features = features.detach().to(DType.FLOAT64).contiguous();
    this.gamma = gamma;
    this.l2 = l2;
  }

  /**
   * Bradley-Terry labels from a true utility: {@code mu[i, j] = sigma(beta (U_i - U_j))}.
   *
   * @param utilities U (T), each trajectory's true return
   * @param beta the labeller's rationality; large beta gives near-deterministic labels
   */
  public static Tensor bradleyTerryLabels(Tensor utilities, double beta) {
    if (utilities.dim() != 1) throw new IllegalArgumentException("bradleyTerryLabels: utilities must be (T), got " + Arrays.toString(utilities.shape()));
    Tensor u = utilities.detach().to(DType.FLOAT64);
    return u.unsqueeze(1).sub(u.unsqueeze(0)).mul(beta).sigmoid();
  }

  /** d, the number of reward parameters. */
  public int parameterCount() {
    return features.size(2);
  }

  /** {@code r_theta = phi . theta}, (S, A). */
  public Tensor reward(Tensor theta) {
    if (theta.dim() != 1 || theta.size(0) != parameterCount()) {
      throw new IllegalArgumentException("PreferenceLikelihood: theta must be (d) = (" + parameterCount() + "), got " + Arrays.toString(theta.shape()));
    }
    int s = features.size(0);
    int a = features.size(1);
    return features.reshape(s * a, parameterCount()).mv(theta).reshape(s, a);
  }

  public Trajectories trajectories() {
    return trajectories;
  }

  public Tensor features() {
    return features;
  }

  public double gamma() {
    return gamma;
  }

  /**
   * G(theta, pi), a 0-d tensor; the gradient flows into theta through the returns and into the
   * policy through the pair weights. Pass a detached log-policy to hold the data distribution fixed.
   *
   * @param logPolicy log pi (S, A), the policy that draws both trajectories of a pair
   */
  public Tensor value(Tensor theta, Tensor logPolicy) {
    Tensor r = trajectories.returns(reward(theta), gamma);
    Tensor margin = r.unsqueeze(1).sub(r.unsqueeze(0));
    // mu log sigma(m) + (1 - mu) log sigma(-m) = log sigma(m) - (1 - mu) m
    Tensor logLikelihood = margin.logSigmoid().sub(labels.rsub(1.0).mul(margin));
    Tensor p = trajectories.probs(logPolicy);
    Tensor expected = p.dot(logLikelihood.mv(p));
    return l2 == 0 ? expected : expected.sub(theta.square().sum().mul(l2 / 2));
  }
}

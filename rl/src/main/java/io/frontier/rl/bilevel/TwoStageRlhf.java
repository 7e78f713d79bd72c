package io.frontier.rl.bilevel;

import io.frontier.optim.ConvergenceReason;
import io.frontier.optim.LBFGS;
import io.frontier.optim.LbfgsOptions;
import io.frontier.tensor.DType;
import io.frontier.tensor.Grad;
import io.frontier.tensor.Tensor;
import java.util.List;

/**
 * The two-stage pipeline PARL is contrasted with: fit the reward once, by maximum likelihood on
 * preferences over trajectories of a fixed initial policy pi_0, then solve the RL problem for that
 * reward,
 *
 * <pre>
 *   theta_hat = argmax_theta G(theta, pi_0),     pi_hat = pi*(theta_hat).
 * </pre>
 *
 * The fit never sees how the data would change under pi_hat (PARL's "distribution shift"): states
 * pi_0 rarely visits are fitted from little feedback and the prior decides their reward. G is
 * concave in theta for a fixed policy (a linear reward inside a Bradley-Terry log-likelihood, minus
 * a quadratic), so L-BFGS finds its maximiser.
 */
public final class TwoStageRlhf {
  private TwoStageRlhf() {}

  /** The fitted reward, the policy solved for it, and how the fit stopped. */
  public record Result(Tensor theta, SoftValueIteration.Solution solution, ConvergenceReason fitReason) {
    public Tensor policy() {
      return solution.policy();
    }
  }

  /** The maximiser of {@code G(theta, pi_0)} and why L-BFGS stopped. */
  public record Fit(Tensor theta, ConvergenceReason reason) {}

  /**
   * @param initialLogPolicy log pi_0 (S, A), the policy whose trajectories are labelled
   * @param theta0 where the fit starts (d)
   * @param solver the RL stage, run from V_0 = 0 (give it enough backups to converge)
   */
  public static Result fitThenSolve(TabularMdp mdp, PreferenceLikelihood upper, Tensor initialLogPolicy, Tensor theta0, SoftValueIteration solver) {
    Fit fit = fit(upper, initialLogPolicy, theta0);
    try (Grad.Scope s = Grad.noGrad()) {
      return new Result(fit.theta(), solver.solve(mdp, upper.reward(fit.theta())), fit.reason());
    }
  }

  /** {@code argmax_theta G(theta, pi_0)} by L-BFGS with the data distribution held at pi_0. */
  public static Fit fit(PreferenceLikelihood upper, Tensor initialLogPolicy, Tensor theta0) {
    Tensor logPi0 = initialLogPolicy.detach();
    Tensor theta = theta0.detach().to(DType.FLOAT64).clone().requiresGrad_(true);
    LBFGS lbfgs = new LBFGS(List.of(theta), LbfgsOptions.defaults().withMaxIter(500).withMaxEval(1000).withToleranceGrad(1e-10).withToleranceChange(1e-14));
    lbfgs.step(() -> {
      theta.setGrad(null);
      Tensor loss = upper.value(theta, logPi0).neg();
      loss.backward();
      return loss;
    });
    return new Fit(theta.detach(), lbfgs.lastReason());
  }
}

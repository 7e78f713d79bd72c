package io.frontier.rl.bilevel;

import io.frontier.autograd.Autograd;
import io.frontier.optim.Adam;
import io.frontier.tensor.DType;
import io.frontier.tensor.Grad;
import io.frontier.tensor.Tensor;
import java.util.Arrays;
import java.util.List;

/**
 * BARFI, behaviour alignment via reward function optimisation (Gupta, Chandak, Jordan, Thomas and
 * da Silva, NeurIPS 2023, arXiv 2310.19007), on a tabular MDP. A designer's auxiliary reward
 * {@code r_aux} is blended with the environment's primary reward {@code r_p} by a learned weight,
 * and the weight is chosen for what the resulting agent achieves on {@code r_p} alone:
 *
 * <pre>
 *   inner:  pi(phi) = the output of the RL algorithm run on  r_phi = r_p + phi * r_aux
 *   outer:  max_phi  J_p(pi(phi)) = E_{pi(phi)}[ sum_t gamma^t r_p(s_t, a_t) ]
 * </pre>
 *
 * phi is a scalar, or an (S, A) table that weights the heuristic per state and action; a learned
 * discount (which the paper also allows) is not modelled. The inner algorithm is K soft Bellman backups from
 * zero ({@link SoftValueIteration}), a fixed budget like the paper's fixed number of inner updates;
 * J_p is exact ({@link TabularMdp#expectedReturn}). The outer gradient is autograd through the K
 * unrolled backups and the policy-evaluation solve, where the paper uses an approximate implicit
 * gradient: exact for the K-step algorithm, it is unrolled differentiation, not the fixed-point
 * gradient.
 *
 * <p>Blending naively ({@code phi = 1}) with a misleading heuristic, such as a decoy that pays
 * auxiliary reward forever, produces an agent that farms the decoy and never collects r_p; the
 * outer loop learns to switch the heuristic off where it misleads.
 */
public final class Barfi {
  private final TabularMdp mdp;
  private final Tensor primary;
  private final Tensor auxiliary;
  private final SoftValueIteration inner;

  /**
   * @param primary r_p (S, A), the reward the designer actually cares about
   * @param auxiliary r_aux (S, A), the heuristic
   * @param inner the inner RL algorithm, run from V_0 = 0 for each phi
   */
  public Barfi(TabularMdp mdp, Tensor primary, Tensor auxiliary, SoftValueIteration inner) {
    if (mdp == null || primary == null || auxiliary == null || inner == null) {
      throw new IllegalArgumentException("Barfi: mdp, primary, auxiliary and inner are required");
    }
    int[] sa = {mdp.stateCount(), mdp.actionCount()};
    if (!Arrays.equals(primary.shape(), sa) || !Arrays.equals(auxiliary.shape(), sa)) {
      throw new IllegalArgumentException("Barfi: primary " + Arrays.toString(primary.shape()) + " and auxiliary " + Arrays.toString(auxiliary.shape())
          + " must both be (S, A) = " + Arrays.toString(sa));
    }
    this.mdp = mdp;
    this.primary = primary.detach().to(DType.FLOAT64);
    this.auxiliary = auxiliary.detach().to(DType.FLOAT64);
    this.inner = inner;
  }

  /** The blend and the inner policy it produces, and J_p along the outer steps. */
  public record Result(Tensor phi, SoftValueIteration.Solution solution, double[] primaryReturnTrace) {
    public Tensor policy() {
      return solution.policy();
    }
  }

  /** {@code r_phi = r_p + phi * r_aux}, (S, A); phi is 0-d, (1) or (S, A). */
  public Tensor reward(Tensor phi) {
    boolean scalar = phi.numel() == 1 && phi.dim() <= 1;
    if (!scalar && !Arrays.equals(phi.shape(), primary.shape())) {
      throw new IllegalArgumentException("Barfi: phi must be a scalar or (S, A) = " + Arrays.toString(primary.shape()) + ", got " + Arrays.toString(phi.shape()));
    }
    return primary.add(auxiliary.mul(scalar ? phi.reshape() : phi));
  }

  /** The inner algorithm's policy for {@code r_phi}. */
  public SoftValueIteration.Solution innerPolicy(Tensor phi) {
    return inner.solve(mdp, reward(phi));
  }

  /** {@code J_p(pi(phi))}, a 0-d tensor differentiable in phi. */
  public Tensor primaryReturn(Tensor phi) {
    return mdp.expectedReturn(innerPolicy(phi).policy(), primary);
  }

  /** {@code dJ_p(pi(phi)) / dphi} through the unrolled inner algorithm, shaped like phi. */
  public Tensor outerGradient(Tensor phi) {
    Tensor p = phi.detach().to(DType.FLOAT64).requiresGrad_(true);
    try (Grad.Scope s = Grad.enableGrad()) {
      return Autograd.grad(primaryReturn(p), p)[0];
    }
  }

  /**
   * {@code steps} outer Adam ascent steps on phi, each through a fresh inner run.
   *
   * @param phi0 the starting blend; ones is the naive {@code r_p + r_aux}
   */
  public Result run(Tensor phi0, int steps, Adam.Options adam) {
    if (steps < 1) throw new IllegalArgumentException("Barfi.run: steps must be >= 1, got " + steps);
    Tensor phi = phi0.detach().to(DType.FLOAT64).clone().requiresGrad_(true);
    Adam optimizer = new Adam(List.of(phi), adam.maximize(true));
    double[] trace = new double[steps];
    for (int k = 0; k < steps; k++) {
      optimizer.zeroGrad();
      try (Grad.Scope s = Grad.enableGrad()) {
        Tensor j = primaryReturn(phi);
        j.backward();
        trace[k] = j.item();
      }
      optimizer.step();
    }
    Tensor finalPhi = phi.detach();
    try (Grad.Scope s = Grad.noGrad()) {
      return new Result(finalPhi, innerPolicy(finalPhi), trace);
    }
  }
}

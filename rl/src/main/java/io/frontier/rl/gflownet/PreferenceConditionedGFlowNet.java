package io.frontier.rl.gflownet;

import io.frontier.nn.MLP;
import io.frontier.nn.Module;
import io.frontier.tensor.DType;
import io.frontier.tensor.Generator;
import io.frontier.tensor.Tensor;
import io.frontier.tensor.backend.UnaryOp;
import java.util.List;
import java.util.SplittableRandom;

/**
 * MOGFN-PC's conditional GFlowNet on a {@link Hypergrid} (Jain et al., ICML 2023): a forward policy
 * {@code P_F(a | s, w)} and a learned {@code log Z(w)}, both functions of the preference {@code w}.
 * The backward policy is the grid's fixed uniform one, so it has no parameters.
 *
 * <p>The policy is an MLP on {@code [onehot(x_1), ..., onehot(x_D), w]} (width {@code D H + K}) with
 * two hidden ReLU layers and {@code D + 1} logits; increments off the grid get the logit
 * {@value #MASKED_LOGIT}, whose probability is exactly 0 in float64. {@code log Z(w)} is a separate
 * one-hidden-layer MLP on {@code w}, as in the paper, so that it can be trained with its own, larger
 * learning rate (Malkin et al.'s 0.1 for {@code log Z}). The preference enters raw; the paper's code
 * can also thermometer-encode it, which a 2-objective grid does not need.
 *
 * <p>With a point-mass preference distribution this is a plain (unconditional) GFlowNet for one
 * scalarised reward.
 */
public final class PreferenceConditionedGFlowNet extends Module {
  /** The logit of a forbidden increment. */
  public static final double MASKED_LOGIT = -1e9;

  private final Hypergrid grid;
  private final int numObjectives;
  private final MLP policy;
  private final MLP logZ;

  /** A policy with two hidden layers of width {@code hidden}, initialised from {@code g}. */
  public PreferenceConditionedGFlowNet(Hypergrid grid, int numObjectives, int hidden, Generator g) {
    if (numObjectives < 1 || hidden < 1) {
      throw new IllegalArgumentException("PreferenceConditionedGFlowNet: need numObjectives >= 1 and hidden >= 1, got " + numObjectives + ", " + hidden);
    }
    this.grid = grid;
    this.numObjectives = numObjectives;
    this.policy = child("policy", new MLP(UnaryOp.RELU, g, DType.FLOAT64, grid.encodingSize() + numObjectives, hidden, hidden, grid.numActions()));
    this.logZ = child("logZ", new MLP(UnaryOp.RELU, g, DType.FLOAT64, numObjectives, hidden, 1));
  }

  public Hypergrid grid() {
    return grid;
  }

  public int numObjectives() {
    return numObjectives;
  }

  /** The forward policy's parameters (those of {@code P_F}). */
  public List<Tensor> policyParameters() {
    return policy.parameters();
  }

  /** The parameters of {@code log Z(w)}. */
  public List<Tensor> logZParameters() {
    return logZ.parameters();
  }

  /**
   * {@code log P_F(a | s_n, w_n)} for N (state, preference) pairs: (N, D+1), forbidden increments at
   * about {@value #MASKED_LOGIT}. Differentiable in the policy's parameters.
   */
  public Tensor logProbs(int[] states, double[][] preferences) {
    if (states.length != preferences.length) {
      throw new IllegalArgumentException("logProbs: " + states.length + " states and " + preferences.length + " preferences");
    }
    int n = states.length;
    int enc = grid.encodingSize();
    int a = grid.numActions();
    double[][] x = new double[n][enc + numObjectives];
    double[][] mask = new double[n][a];
    for (int r = 0; r < n; r++) {
      grid.encode(states[r], x[r], 0);
      checkPreference(preferences[r]);
      System.arraycopy(preferences[r], 0, x[r], enc, numObjectives);
      for (int i = 0; i < grid.dim(); i++) if (!grid.isValid(states[r], i)) mask[r][i] = MASKED_LOGIT;
    }
    return policy.forward(Tensor.of(x)).add(Tensor.of(mask)).logSoftmax(1);
  }

  /** {@code log Z(w_b)} for B preferences: (B,). Differentiable in the {@code log Z} parameters. */
  public Tensor logZ(double[][] preferences) {
    for (double[] w : preferences) checkPreference(w);
    return logZ.forward(Tensor.of(preferences)).reshape(preferences.length);
  }

  /** The learned {@code log Z(w)}. */
  public double logZ(double[] w) {
    return Module.noGrad(() -> logZ(new double[][] {w}).item());
  }

  /** {@code P_F(a | s, w)} for every state: (numStates, D+1), forbidden increments exactly 0. */
  public double[][] forwardProbs(double[] w) {
    int n = grid.numStates();
    int[] states = new int[n];
    double[][] prefs = new double[n][];
    for (int s = 0; s < n; s++) {
      states[s] = s;
      prefs[s] = w;
    }
    double[] flat = Module.noGrad(() -> logProbs(states, prefs).exp().toDoubleArray());
    int a = grid.numActions();
    double[][] p = new double[n][a];
    for (int s = 0; s < n; s++) System.arraycopy(flat, s * a, p[s], 0, a);
    return p;
  }

  /** The exact distribution of the objects this sampler draws for {@code w}, by {@link HypergridFlows#terminalDistribution}. */
  public double[] terminalDistribution(double[] w) {
    return HypergridFlows.terminalDistribution(grid, forwardProbs(w));
  }

  /** {@code n} objects (state indices) drawn on-policy for {@code w}, no exploration. */
  public int[] sample(double[] w, int n, SplittableRandom rng) {
    double[][] p = forwardProbs(w);
    int[] out = new int[n];
    for (int k = 0; k < n; k++) {
      int s = 0;
      while (true) {
        int action = drawAction(p[s], 0, s, rng);
        if (action == grid.stopAction()) break;
        s = grid.child(s, action);
      }
      out[k] = s;
    }
    return out;
  }

  /**
   * Draws an action from {@code probs}; with probability {@code epsilon} instead uniformly among
   * the actions allowed in {@code state} (the exploration of Malkin et al.'s grid runs).
   */
  int drawAction(double[] probs, double epsilon, int state, SplittableRandom rng) {
    if (epsilon > 0 && rng.nextDouble() < epsilon) {
      int valid = 0;
      for (int i = 0; i < probs.length; i++) if (grid.isValid(state, i)) valid++;
      int pick = rng.nextInt(valid);
      for (int i = 0; i < probs.length; i++) {
        if (grid.isValid(state, i) && pick-- == 0) return i;
      }
    }
    double u = rng.nextDouble();
    double cum = 0;
    int last = grid.stopAction();
    for (int i = 0; i < probs.length; i++) {
      if (probs[i] <= 0) continue;
      cum += probs[i];
      last = i;
      if (u < cum) return i;
    }
    return last;
  }

  private void checkPreference(double[] w) {
    if (w.length != numObjectives) {
      throw new IllegalArgumentException("PreferenceConditionedGFlowNet: preference has " + w.length + " components, model has " + numObjectives + " objectives");
    }
  }
}

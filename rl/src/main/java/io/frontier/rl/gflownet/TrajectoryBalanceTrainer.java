package io.frontier.rl.gflownet;

import io.frontier.nn.Module;
import io.frontier.optim.Adam;
import io.frontier.tensor.DType;
import io.frontier.tensor.Tensor;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Trains a {@link PreferenceConditionedGFlowNet} with the trajectory-balance loss, as MOGFN-PC does
 * (Jain et al. 2023): each step draws B preferences {@code w ~ p(w)}, rolls out one
 * trajectory per preference from {@code P_F(. | ., w)} mixed with uniform exploration, and takes one
 * Adam step on the mean of
 * {@code (log Z(w) + sum log P_F(s_{t+1} | s_t, w) - beta log(w^T R(x)) - sum log P_B(s_t | s_{t+1}))^2}.
 * Trajectory balance holds off-policy, so exploration changes which trajectories are seen, not the
 * optimum.
 *
 * <p>Rollouts run without recording; the loss then re-evaluates the policy on every visited
 * (state, preference) pair in one batched forward pass, gathers the chosen actions' log-probabilities
 * and adds them per trajectory ({@code indexAdd}).
 */
public final class TrajectoryBalanceTrainer {

  /**
   * Hyperparameters. Malkin et al.'s hypergrid runs use batch 16, Adam with lr 1e-3 for {@code P_F}
   * and 0.1 for {@code log Z}; {@link #defaults()} keeps those. {@code epsilon} is the probability of
   * a uniform random allowed action at each step of a training rollout.
   */
  public record Options(int batchSize, double lr, double lrLogZ, double epsilon, long seed) {
    public Options {
      if (batchSize < 1) throw new IllegalArgumentException("TrajectoryBalanceTrainer: batchSize must be positive, got " + batchSize);
      if (!(lr > 0) || !(lrLogZ > 0)) throw new IllegalArgumentException("TrajectoryBalanceTrainer: learning rates must be positive, got " + lr + ", " + lrLogZ);
      if (!(epsilon >= 0 && epsilon <= 1)) throw new IllegalArgumentException("TrajectoryBalanceTrainer: epsilon must be in [0, 1], got " + epsilon);
    }

    public static Options defaults() {
      return new Options(16, 1e-3, 0.1, 0.0, 0);
    }

    public Options batchSize(int v) {
      return new Options(v, lr, lrLogZ, epsilon, seed);
    }

    public Options lr(double v) {
      return new Options(batchSize, v, lrLogZ, epsilon, seed);
    }

    public Options lrLogZ(double v) {
      return new Options(batchSize, lr, v, epsilon, seed);
    }

    public Options epsilon(double v) {
      return new Options(batchSize, lr, lrLogZ, v, seed);
    }

    public Options seed(long v) {
      return new Options(batchSize, lr, lrLogZ, epsilon, v);
    }
  }

  /**
   * A batch of B complete trajectories, flattened to its N transitions: {@code stepStates[n]} took
   * {@code stepActions[n]} in trajectory {@code stepOwner[n]}, which was conditioned on
   * {@code preferences[stepOwner[n]]}, ended at {@code terminals[b]}, and has backward
   * log-probability {@code sumLogPB[b]}.
   */
  public record Trajectories(int[] stepStates, int[] stepActions, int[] stepOwner, double[][] preferences, int[] terminals, double[] sumLogPB) {
    public int size() {
      return terminals.length;
    }
  }

  private final PreferenceConditionedGFlowNet model;
  private final ScalarisedReward reward;
  private final PreferenceDistribution preferences;
  private final Options options;
  private final Adam policyOptimizer;
  private final Adam logZOptimizer;
  private final SplittableRandom rng;

  public TrajectoryBalanceTrainer(PreferenceConditionedGFlowNet model, ScalarisedReward reward, PreferenceDistribution preferences, Options options) {
    if (model.grid() != reward.grid()) throw new IllegalArgumentException("TrajectoryBalanceTrainer: model grid " + model.grid() + " is not the reward's " + reward.grid());
    if (model.numObjectives() != reward.objectives().numObjectives()) {
      throw new IllegalArgumentException("TrajectoryBalanceTrainer: model has " + model.numObjectives() + " objectives, reward " + reward.objectives().numObjectives());
    }
    this.model = model;
    this.reward = reward;
    this.preferences = preferences;
    this.options = options;
    this.policyOptimizer = new Adam(model.policyParameters(), Adam.Options.defaults().lr(options.lr()));
    this.logZOptimizer = new Adam(model.logZParameters(), Adam.Options.defaults().lr(options.lrLogZ()));
    this.rng = new SplittableRandom(options.seed());
  }

  /** One training step on a fresh batch; returns the batch's TB loss before the update. */
  public double step() {
    double[][] w = new double[options.batchSize()][];
    for (int b = 0; b < w.length; b++) w[b] = preferences.sample(rng);
    Trajectories batch = rollout(model, w, options.epsilon(), rng);
    policyOptimizer.zeroGrad();
    logZOptimizer.zeroGrad();
    Tensor loss = loss(model, reward, batch);
    loss.backward();
    policyOptimizer.step();
    logZOptimizer.step();
    return loss.item();
  }

  /** {@code steps} training steps; returns each step's loss. */
  public double[] train(int steps) {
    double[] losses = new double[steps];
    for (int t = 0; t < steps; t++) losses[t] = step();
    return losses;
  }

  /**
   * One trajectory per preference, sampled from {@code P_F(. | ., w_b)} with exploration
   * {@code epsilon}, all B advanced together so that each step is one batched forward pass.
   */
  public static Trajectories rollout(PreferenceConditionedGFlowNet model, double[][] preferences, double epsilon, SplittableRandom rng) {
    Hypergrid grid = model.grid();
    int b = preferences.length;
    int maxLen = grid.dim() * (grid.side() - 1) + 1;
    int[] states = new int[b * maxLen];
    int[] actions = new int[b * maxLen];
    int[] owner = new int[b * maxLen];
    int n = 0;
    int[] current = new int[b];
    int[] terminals = new int[b];
    double[] sumLogPB = new double[b];
    int[] active = new int[b];
    for (int i = 0; i < b; i++) active[i] = i;
    int numActive = b;
    int a = grid.numActions();
    while (numActive > 0) {
      int[] s = new int[numActive];
      double[][] w = new double[numActive][];
      for (int k = 0; k < numActive; k++) {
        s[k] = current[active[k]];
        w[k] = preferences[active[k]];
      }
      double[] probs = Module.noGrad(() -> model.logProbs(s, w).exp().toDoubleArray());
      int still = 0;
      for (int k = 0; k < numActive; k++) {
        int traj = active[k];
        int action = model.drawAction(Arrays.copyOfRange(probs, k * a, (k + 1) * a), epsilon, s[k], rng);
        states[n] = s[k];
        actions[n] = action;
        owner[n] = traj;
        n++;
        if (action == grid.stopAction()) {
          terminals[traj] = s[k];
        } else {
          int next = grid.child(s[k], action);
          sumLogPB[traj] += grid.logBackward(next);
          current[traj] = next;
          active[still++] = traj;
        }
      }
      numActive = still;
    }
    double[][] prefs = new double[b][];
    for (int i = 0; i < b; i++) prefs[i] = preferences[i].clone();
    return new Trajectories(Arrays.copyOf(states, n), Arrays.copyOf(actions, n), Arrays.copyOf(owner, n), prefs, terminals, sumLogPB);
  }

  /** The mean TB loss of {@code batch} under {@code model}'s current {@code P_F} and {@code log Z}; differentiable. */
  public static Tensor loss(PreferenceConditionedGFlowNet model, ScalarisedReward reward, Trajectories batch) {
    int n = batch.stepStates().length;
    int b = batch.size();
    double[][] stepPrefs = new double[n][];
    long[] chosen = new long[n];
    long[] owner = new long[n];
    for (int k = 0; k < n; k++) {
      stepPrefs[k] = batch.preferences()[batch.stepOwner()[k]];
      chosen[k] = batch.stepActions()[k];
      owner[k] = batch.stepOwner()[k];
    }
    Tensor logPF = model.logProbs(batch.stepStates(), stepPrefs).gather(1, Tensor.of(chosen).reshape(n, 1)).reshape(n);
    Tensor sumLogPF = Tensor.zeros(DType.FLOAT64, b).indexAdd(0, Tensor.of(owner), logPF);
    double[] logR = new double[b];
    for (int i = 0; i < b; i++) logR[i] = reward.logReward(batch.terminals()[i], batch.preferences()[i]);
    return TrajectoryBalance.loss(model.logZ(batch.preferences()), sumLogPF, Tensor.of(logR), Tensor.of(batch.sumLogPB()));
  }
}

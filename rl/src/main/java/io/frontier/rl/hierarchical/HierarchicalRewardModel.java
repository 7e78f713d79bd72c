package io.frontier.rl.hierarchical;

import io.frontier.nn.MLP;
import io.frontier.nn.Module;
import io.frontier.nn.Parameter;
import io.frontier.optim.Optimizer;
import io.frontier.rl.reward.BradleyTerryLoss;
import io.frontier.tensor.DType;
import io.frontier.tensor.Generator;
import io.frontier.tensor.Tensor;
import io.frontier.tensor.backend.UnaryOp;
import java.util.Arrays;

/**
 * HERON's reward model: an MLP {@code r_phi} from a trajectory's features to a scalar, trained
 * with the Bradley-Terry loss on the {@link HierarchicalPreference} labels,
 *
 * <pre>L(phi) = mean over labelled pairs of -log sigmoid(r_phi(tau_chosen) - r_phi(tau_rejected))</pre>
 *
 * (the repository's {@code RewardModel}: ReLU layers 256-256-1 over the observation, Adam at
 * 1e-3). The RL stage then maximises the learned reward in place of a hand-weighted sum.
 *
 * <p>Inputs are standardised by the mean and standard deviation of a reference set (the training
 * trajectories), kept as buffers, so that the network, like the labels, does not see a feature's
 * units.
 */
public final class HierarchicalRewardModel extends Module {
  private final MLP net;
  private final Parameter mean;
  private final Parameter scale;
  private final int features;

  /**
   * @param reference the training trajectories' features (N, d), N &gt;= 2, which fix the standardisation
   * @param hidden the hidden widths (at least one)
   */
  public HierarchicalRewardModel(double[][] reference, Generator g, int... hidden) {
    if (hidden == null || hidden.length == 0) throw new IllegalArgumentException("HierarchicalRewardModel: need at least one hidden width");
    double[] sigma = HierarchicalPreference.scales(reference);
    features = sigma.length;
    double[] mu = new double[features];
    for (double[] f : reference) for (int j = 0; j < features; j++) mu[j] += f[j] / reference.length;
    // a constant feature carries no information; dividing by 1 keeps it finite
    for (int j = 0; j < features; j++) if (!(sigma[j] > 0)) sigma[j] = 1;
    mean = buffer("mean", Tensor.of(mu).to(DType.FLOAT32));
    scale = buffer("scale", Tensor.of(sigma).to(DType.FLOAT32));
    int[] widths = new int[hidden.length + 2];
    widths[0] = features;
    System.arraycopy(hidden, 0, widths, 1, hidden.length);
    widths[widths.length - 1] = 1;
    net = child("net", new MLP(UnaryOp.RELU, g, widths));
  }

  /** The rewards {@code (N)} of features {@code (N, d)}. */
  public Tensor rewards(Tensor x) {
    if (x == null || x.dim() != 2 || x.size(1) != features) {
      throw new IllegalArgumentException("HierarchicalRewardModel.rewards: expected features (N, " + features + "), got "
          + (x == null ? "null" : Arrays.toString(x.shape())));
    }
    return net.forward(x.to(DType.FLOAT32).sub(mean.get()).div(scale.get())).squeeze(1);
  }

  public Tensor rewards(double[][] x) {
    return rewards(Tensor.of(x));
  }

  /** The Bradley-Terry loss of {@code rewards} (N) over the labelled pairs of those N trajectories. */
  public static Tensor loss(Tensor rewards, LabelledPairs pairs, BradleyTerryLoss bt) {
    if (pairs.size() == 0) throw new IllegalArgumentException("HierarchicalRewardModel.loss: no labelled pairs");
    return bt.loss(rewards.indexSelect(0, indices(pairs.chosen())), rewards.indexSelect(0, indices(pairs.rejected())), null);
  }

  /** {@code steps} full-batch optimizer steps on the pairs of rows of {@code x} (N, d); returns the last loss. */
  public double fit(double[][] x, LabelledPairs pairs, Optimizer optimizer, int steps) {
    if (steps < 1) throw new IllegalArgumentException("HierarchicalRewardModel.fit: steps must be >= 1, got " + steps);
    Tensor input = Tensor.of(x);
    BradleyTerryLoss bt = new BradleyTerryLoss(0);
    double last = Double.NaN;
    for (int s = 0; s < steps; s++) {
      optimizer.zeroGrad();
      Tensor l = loss(rewards(input), pairs, bt);
      l.backward();
      optimizer.step();
      last = l.item();
    }
    return last;
  }

  /** The fraction of labelled pairs whose chosen trajectory gets the strictly higher reward. */
  public double accuracy(double[][] x, LabelledPairs pairs) {
    Tensor r = Module.noGrad(() -> rewards(Tensor.of(x)));
    return BradleyTerryLoss.accuracy(r.indexSelect(0, indices(pairs.chosen())), r.indexSelect(0, indices(pairs.rejected())));
  }

  private static Tensor indices(int[] idx) {
    return Tensor.of(Arrays.stream(idx).asLongStream().toArray());
  }
}

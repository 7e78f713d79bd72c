package io.frontier.rl.mirror;

import java.util.SplittableRandom;

/**
 * Mirror learning on a Gaussian multi-armed bandit with a softmax policy over logits θ, in plain
 * doubles: each of N iterations samples a batch from π_k, normalises its rewards into advantages,
 * and takes {@code epochs} full-batch gradient-ascent steps on
 * {@code L(θ) = mean_i [ρ_i·A_i − f(ρ_i, A_i; k/N)]} with f = {@link ClipScheduleDrift}'s clip
 * drift. The gradient is written by hand,
 *
 * <pre>
 *   ∂L/∂ρ_i = A_i where (ρ_i − clip ρ_i)·A_i ≤ 0, else 0
 *   ∂ρ_i/∂θ_j = ρ_i·(1[j = a_i] − π_θ(j))
 * </pre>
 *
 * which {@code MirrorExperimentTest} checks against autograd through {@link MirrorLoss}, so that the
 * evolution strategy can afford thousands of training runs.
 *
 * @param means the arms' expected rewards
 * @param noise the standard deviation of a reward around its arm's mean
 * @param iterations N, batches of experience
 * @param batch actions sampled per iteration
 * @param epochs gradient steps on each batch's surrogate
 * @param learningRate the step size on the logits
 */
record SoftmaxBandit(double[] means, double noise, int iterations, int batch, int epochs, double learningRate) {

  /** One batch: the sampled actions, their advantages, and the policy that sampled them. */
  record Batch(int[] actions, double[] advantages, double[] oldProbs) {}

  /** The expected reward Σ_a π(a)·μ(a) of the policy that training from θ = 0 ends with. */
  double train(ClipScheduleDrift schedule, long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    double[] theta = new double[means.length];
    for (int k = 0; k < iterations; k++) {
      Batch b = sample(theta, rng);
      update(theta, b, schedule.clipRange((double) k / iterations));
    }
    return expectedReward(theta);
  }

  Batch sample(double[] theta, SplittableRandom rng) {
    double[] p = softmax(theta);
    int[] actions = new int[batch];
    double[] rewards = new double[batch];
    for (int i = 0; i < batch; i++) {
      double u = rng.nextDouble();
      int a = 0;
      for (double c = p[0]; c < u && a < p.length - 1; c += p[++a]) {}
      actions[i] = a;
      rewards[i] = means[a] + noise * rng.nextGaussian();
    }
    return new Batch(actions, normalise(rewards), p);
  }

  /** {@code epochs} ascent steps on the clipped surrogate, in place. */
  void update(double[] theta, Batch b, double eps) {
    for (int e = 0; e < epochs; e++) {
      double[] p = softmax(theta);
      double[] grad = new double[theta.length];
      for (int i = 0; i < batch; i++) {
        int a = b.actions()[i];
        double ratio = p[a] / b.oldProbs()[a];
        double adv = b.advantages()[i];
        double clipped = Math.min(Math.max(ratio, 1 - eps), 1 + eps);
        if ((ratio - clipped) * adv > 0) continue; // the drift cancels r·A beyond the clip
        for (int j = 0; j < theta.length; j++) grad[j] += adv * ratio * ((j == a ? 1 : 0) - p[j]) / batch;
      }
      for (int j = 0; j < theta.length; j++) theta[j] += learningRate * grad[j];
    }
  }

  double expectedReward(double[] theta) {
    double[] p = softmax(theta);
    double r = 0;
    for (int a = 0; a < p.length; a++) r += p[a] * means[a];
    return r;
  }

  static double[] softmax(double[] theta) {
    double max = Double.NEGATIVE_INFINITY;
    for (double v : theta) max = Math.max(max, v);
    double[] p = new double[theta.length];
    double z = 0;
    for (int j = 0; j < p.length; j++) z += p[j] = Math.exp(theta[j] - max);
    for (int j = 0; j < p.length; j++) p[j] /= z;
    return p;
  }

  /** (x − mean) / (std + 1e-8), the population std, as PPO and DPO's reference code normalise advantages. */
  static double[] normalise(double[] x) {
    double mean = 0;
    for (double v : x) mean += v / x.length;
    double var = 0;
    for (double v : x) var += (v - mean) * (v - mean) / x.length;
    double sd = Math.sqrt(var) + 1e-8;
    double[] out = new double[x.length];
    for (int i = 0; i < x.length; i++) out[i] = (x[i] - mean) / sd;
    return out;
  }
}

package io.frontier.rl.mirror;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.frontier.autograd.Autograd;
import io.frontier.tensor.DType;
import io.frontier.tensor.Tensor;
import java.util.Arrays;
import java.util.Random;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Reference row 27(b): an evolution strategy searches the two parameters of the clip schedule
 * ε(t) = ε0 + ε1·(1 − t) for mirror learning on a 10-armed Gaussian bandit, and the schedule it
 * finds is compared with PPO's fixed ε = 0.2 on held-out seeds, paired.
 *
 * <p>What the measurements support, and so what is asserted: the ES schedule beats ε = 0.2 on the
 * held-out seeds (mean and most pairs). They do not support a gain from the time dependence itself:
 * the ES settles on a wider clip that anneals (ε from about 1.3 to 0.85), and a constant ε = 0.8 does
 * as well or slightly better on the same held-out seeds (the test prints both), so the gain over
 * PPO's default comes from the wider trust region in this small problem, not from the schedule.
 */
class MirrorExperimentTest {
  /** 10 arms with means drawn once from U(0, 1), unit reward noise; 20 batches of 32, 8 epochs of step 2 each. */
  static final SoftmaxBandit BANDIT = new SoftmaxBandit(means(10, 1), 1.0, 20, 32, 8, 2.0);

  static double[] means(int arms, long seed) {
    Random r = new Random(seed);
    double[] mu = new double[arms];
    for (int i = 0; i < arms; i++) mu[i] = r.nextDouble();
    return mu;
  }

  /** {@code epochs} steps of gradient descent on MirrorLoss by autograd, as SoftmaxBandit.update does by hand. */
  static double[] updateWithTensors(double[] theta, SoftmaxBandit.Batch b, ClipScheduleDrift schedule, double progress, SoftmaxBandit env) {
    int n = b.actions().length;
    long[] actions = new long[n];
    double[] oldLp = new double[n];
    for (int i = 0; i < n; i++) {
      actions[i] = b.actions()[i];
      oldLp[i] = Math.log(b.oldProbs()[b.actions()[i]]);
    }
    Tensor index = Tensor.of(actions).reshape(1, n);
    Tensor old = Tensor.of(oldLp).reshape(1, n);
    Tensor adv = Tensor.of(b.advantages()).reshape(1, n);
    Tensor mask = Tensor.ones(DType.BOOL, 1, n);
    Tensor t = Tensor.of(theta).reshape(1, theta.length);
    for (int e = 0; e < env.epochs(); e++) {
      Tensor leaf = t.detach().requiresGrad_(true);
      Tensor lp = leaf.logSoftmax(1).gather(1, index);
      Tensor loss = MirrorLoss.policy(lp, old, adv, mask, schedule, progress).loss();
      t = leaf.detach().sub(Autograd.grad(loss, leaf)[0].mul(env.learningRate()));
    }
    return t.toDoubleArray();
  }

  @Test
  void handWrittenBanditUpdateMatchesAutogradThroughMirrorLoss() {
    ClipScheduleDrift schedule = new ClipScheduleDrift(0.15, 0.3);
    double worst = 0;
    for (long seed = 0; seed < 3; seed++) {
      SplittableRandom rng = new SplittableRandom(seed);
      double[] byHand = new double[10];
      double[] byAutograd = new double[10];
      for (int k = 0; k < BANDIT.iterations(); k++) {
        SoftmaxBandit.Batch b = BANDIT.sample(byHand, rng);
        double progress = (double) k / BANDIT.iterations();
        BANDIT.update(byHand, b, schedule.clipRange(progress));
        // the same batch; the autograd run's old policy is its own, equal to byHand's up to rounding
        SoftmaxBandit.Batch same = new SoftmaxBandit.Batch(b.actions(), b.advantages(), SoftmaxBandit.softmax(byAutograd));
        byAutograd = updateWithTensors(byAutograd, same, schedule, progress, BANDIT);
        for (int j = 0; j < 10; j++) worst = Math.max(worst, Math.abs(byHand[j] - byAutograd[j]));
      }
      assertEquals(BANDIT.expectedReward(byHand), BANDIT.expectedReward(byAutograd), 1e-12);
    }
    assertTrue(worst < 1e-12, "logits differ by " + worst + " after 20 iterations");
    // and the clip does bind in these runs: without it training ends elsewhere
    assertTrue(Math.abs(BANDIT.train(schedule, 0) - BANDIT.train(new ClipScheduleDrift(100, 0), 0)) > 1e-3);
  }

  /** Mean final expected reward over the seeds, each a training run with common random numbers. */
  static double meanReturn(ClipScheduleDrift schedule, long[] seeds) {
    double s = 0;
    for (long seed : seeds) s += BANDIT.train(schedule, seed);
    return s / seeds.length;
  }

  static long[] seeds(long from, int count) {
    long[] s = new long[count];
    for (int i = 0; i < count; i++) s[i] = from + i;
    return s;
  }

  /**
   * A (μ/μ, λ)-ES over (ε0, ε1): λ = 16 candidates around the mean with step σ, the mean of the best
   * μ = 4 becomes the next mean, σ shrinks by 0.9 each generation; candidates are clamped to
   * ε(1) = ε0 ∈ [0.02, 3], ε(0) = ε0 + ε1 ∈ [0.02, 6]. Fitness is the mean return over fixed
   * training seeds. Returns the final mean, started from PPO's (0.2, 0).
   */
  static double[] searchSchedule(long[] trainSeeds, int generations, long esSeed) {
    Random rng = new Random(esSeed);
    double[] mean = {0.2, 0.0};
    double sigma = 0.15;
    int lambda = 16;
    int mu = 4;
    for (int g = 0; g < generations; g++) {
      double[][] x = new double[lambda][];
      double[] fitness = new double[lambda];
      for (int i = 0; i < lambda; i++) {
        double e0 = Math.min(Math.max(mean[0] + sigma * rng.nextGaussian(), 0.02), 3);
        double e1 = Math.min(Math.max(mean[1] + sigma * rng.nextGaussian(), 0.02 - e0), 6 - e0);
        x[i] = new double[] {e0, e1};
        fitness[i] = meanReturn(new ClipScheduleDrift(e0, e1), trainSeeds);
      }
      Integer[] order = new Integer[lambda];
      for (int i = 0; i < lambda; i++) order[i] = i;
      Arrays.sort(order, (p, q) -> Double.compare(fitness[q], fitness[p]));
      mean = new double[2];
      for (int i = 0; i < mu; i++) for (int d = 0; d < 2; d++) mean[d] += x[order[i]][d] / mu;
      sigma *= 0.9;
    }
    return mean;
  }

  @Test
  void esFoundClipScheduleReturnsAtLeastFixedClipOnHeldOutPairedSeeds() {
    long start = System.nanoTime();
    long[] train = seeds(1_000, 16);
    double[] found = searchSchedule(train, 20, 7);
    long searchMs = (System.nanoTime() - start) / 1_000_000;
    ClipScheduleDrift es = new ClipScheduleDrift(found[0], found[1]);
    ClipScheduleDrift ppo = new ClipScheduleDrift(0.2, 0);

    long[] heldOut = seeds(100_000, 200);
    double diff = 0;
    int wins = 0;
    int ties = 0;
    for (long seed : heldOut) {
      double d = BANDIT.train(es, seed) - BANDIT.train(ppo, seed);
      diff += d / heldOut.length;
      if (d > 0) wins++;
      if (d == 0) ties++;
    }
    double esReturn = meanReturn(es, heldOut);
    double ppoReturn = meanReturn(ppo, heldOut);
    StringBuilder constants = new StringBuilder();
    for (double eps : new double[] {0.4, 0.8, 1.6}) constants.append(String.format(" ε=%.1f %.4f", eps, meanReturn(new ClipScheduleDrift(eps, 0), heldOut)));
    System.out.printf("ES schedule ε(t) = %.3f + %.3f·(1 − t) (ε from %.3f to %.3f) in %d ms; held-out mean return ES %.4f vs fixed ε=0.2 %.4f "
        + "(paired Δ %.4f, ES better on %d/%d, ties %d); constants:%s; best arm %.4f%n", found[0], found[1], found[0] + found[1], found[0], searchMs,
        esReturn, ppoReturn, diff, wins, heldOut.length, ties, constants, Arrays.stream(BANDIT.means()).max().getAsDouble());

    assertTrue(esReturn >= ppoReturn, "ES " + esReturn + " < fixed 0.2 " + ppoReturn);
    assertTrue(wins > heldOut.length / 2, "ES better on only " + wins + " of " + heldOut.length + " paired seeds");
  }
}

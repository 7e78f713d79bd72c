package io.frontier.rl.nash;

import io.frontier.nn.GPT;
import io.frontier.nn.Module;
import io.frontier.nn.Sampling;
import io.frontier.optim.Optimizer;
import io.frontier.rl.online.Rollout;
import io.frontier.rl.preference.DpoConfig;
import io.frontier.rl.preference.DpoLoss;
import io.frontier.rl.preference.PreferenceBatch;
import io.frontier.rl.preference.SequenceLogProbs;
import io.frontier.tensor.DType;
import io.frontier.tensor.Generator;
import io.frontier.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;

/**
 * Direct Nash Optimization, the practical batched on-policy algorithm (Rosset et al. 2024, "Direct
 * Nash Optimization: Teaching Language Models to Self-Improve with General Preferences",
 * Algorithm 2). Each iteration t:
 *
 * <ol>
 *   <li>samples K responses per prompt from the current policy {@code pi_t};
 *   <li>asks the oracle for every pair, and scores each response by its win-rate against the
 *       others, an estimate of {@code r_t(y) = P(y > pi_t)};
 *   <li>keeps per prompt the pair (best, worst) when their win-rates differ by at least
 *       {@code minMargin} (the paper filters pairs with small margins);
 *   <li>runs DPO on those pairs <em>with {@code pi_t} as the reference</em>, whose optimum is the
 *       soft policy iteration step {@code pi_{t+1} ~ pi_t exp(r_t / eta)} ({@link PreferenceGame}),
 *       {@code eta} the DPO beta.
 * </ol>
 *
 * Unlike DPO against a fixed reference, each iteration regresses towards improving on the last
 * policy, so the iterates improve monotonically against each other even when the preferences are
 * intransitive. The reference log-probabilities are those of {@code pi_t}, computed once per
 * iteration before its updates (no copy of the model is kept).
 */
public final class Dno {
  /**
   * @param samplesPerPrompt K, at least 2
   * @param maxNewTokens the response length
   * @param temperature of the sampled responses
   * @param eta the DPO beta, the step size of soft policy iteration is 1/eta
   * @param minMargin pairs whose win-rates differ by less are dropped
   * @param dpoSteps DPO updates per iteration on its pairs
   * @param eosToken the token that ends a response, or {@link Rollout#NO_EOS}
   */
  public record Config(int samplesPerPrompt, int maxNewTokens, double temperature, double eta, double minMargin, int dpoSteps, long eosToken) {
    public Config {
      if (samplesPerPrompt < 2) throw new IllegalArgumentException("Dno: samplesPerPrompt must be >= 2, got " + samplesPerPrompt);
      if (maxNewTokens < 1) throw new IllegalArgumentException("Dno: maxNewTokens must be >= 1, got " + maxNewTokens);
      if (!(temperature > 0)) throw new IllegalArgumentException("Dno: temperature must be positive, got " + temperature);
      if (!(eta > 0)) throw new IllegalArgumentException("Dno: eta must be positive, got " + eta);
      if (!(minMargin >= 0 && minMargin <= 1)) throw new IllegalArgumentException("Dno: minMargin must be in [0, 1], got " + minMargin);
      if (dpoSteps < 1) throw new IllegalArgumentException("Dno: dpoSteps must be >= 1, got " + dpoSteps);
    }

    /** K = 4 samples at temperature 1, eta 0.1, margin 0.25, 10 DPO steps per iteration. */
    public static Config defaults(int maxNewTokens) {
      return new Config(4, maxNewTokens, 1.0, 0.1, 0.25, 10, Rollout.NO_EOS);
    }

    public Config withDpoSteps(int dpoSteps) {
      return new Config(samplesPerPrompt, maxNewTokens, temperature, eta, minMargin, dpoSteps, eosToken);
    }
  }

  /** One iteration: pairs kept of prompts seen, their mean win-rate margin, the last DPO loss (NaN when no pair was kept). */
  public record Stats(int pairs, int prompts, double meanMargin, double loss) {}

  private final GPT policy;
  private final Optimizer optimizer;
  private final PreferenceOracle oracle;
  private final Config config;
  private final DpoLoss dpo;

  public Dno(GPT policy, Optimizer optimizer, PreferenceOracle oracle, Config config) {
    if (policy == null || optimizer == null || oracle == null || config == null) {
      throw new IllegalArgumentException("Dno: policy, optimizer, oracle and config are required");
    }
    this.policy = policy;
    this.optimizer = optimizer;
    this.oracle = oracle;
    this.config = config;
    this.dpo = new DpoLoss(DpoConfig.defaults().withBeta(config.eta()));
  }

  /** One DNO iteration on prompts {@code (P, L)}. */
  public Stats iterate(Tensor prompts, Generator g) {
    int k = config.samplesPerPrompt();
    int p = prompts.size(0);
    Tensor repeated = Rollout.repeatEach(prompts, k);
    Rollout r = Rollout.sample(policy, repeated, config.maxNewTokens(), Sampling.sample(config.temperature()), g, config.eosToken());
    double[][] winRates = winRates(r, p, k);

    List<Long> chosenRows = new ArrayList<>();
    List<Long> rejectedRows = new ArrayList<>();
    double marginSum = 0;
    for (int i = 0; i < p; i++) {
      int best = 0;
      int worst = 0;
      for (int a = 1; a < k; a++) {
        if (winRates[i][a] > winRates[i][best]) best = a;
        if (winRates[i][a] < winRates[i][worst]) worst = a;
      }
      double margin = winRates[i][best] - winRates[i][worst];
      if (margin >= config.minMargin() && margin > 0) {
        chosenRows.add((long) i * k + best);
        rejectedRows.add((long) i * k + worst);
        marginSum += margin;
      }
    }
    if (chosenRows.isEmpty()) return new Stats(0, p, 0.0, Double.NaN);

    Tensor rows = Tensor.of(concat(chosenRows, rejectedRows));
    Tensor ids = r.tokens().indexSelect(0, rows);
    int promptLength = prompts.size(1);
    Tensor completion = Tensor.cat(List.of(Tensor.zeros(r.mask().dtype(), rows.size(0), promptLength), r.mask().indexSelect(0, rows)), 1);
    // pi_t, the reference of this iteration: the policy before its updates
    SequenceLogProbs.Pair reference = Module.noGrad(() -> SequenceLogProbs.ofCausal(policy.forward(ids), ids, completion).splitChosenRejected());
    double loss = Double.NaN;
    for (int step = 0; step < config.dpoSteps(); step++) {
      optimizer.zeroGrad();
      SequenceLogProbs.Pair now = SequenceLogProbs.ofCausal(policy.forward(ids), ids, completion).splitChosenRejected();
      Tensor l = dpo.compute(PreferenceBatch.of(now, reference)).loss();
      l.backward();
      optimizer.step();
      loss = l.item();
    }
    return new Stats(chosenRows.size(), p, marginSum / chosenRows.size(), loss);
  }

  /** Per prompt, each response's mean preference over the other K - 1, from the oracle on every ordered pair. */
  private double[][] winRates(Rollout r, int p, int k) {
    List<Long> first = new ArrayList<>();
    List<Long> second = new ArrayList<>();
    for (int i = 0; i < p; i++) {
      for (int a = 0; a < k; a++) {
        for (int b = 0; b < k; b++) {
          if (a == b) continue;
          first.add((long) i * k + a);
          second.add((long) i * k + b);
        }
      }
    }
    Tensor ia = Tensor.of(first.stream().mapToLong(Long::longValue).toArray());
    Tensor ib = Tensor.of(second.stream().mapToLong(Long::longValue).toArray());
    double[] prefs = Module.noGrad(() -> oracle.prefer(r.prompts().indexSelect(0, ia), r.responses().indexSelect(0, ia), r.mask().indexSelect(0, ia),
        r.responses().indexSelect(0, ib), r.mask().indexSelect(0, ib)).to(DType.FLOAT64).toDoubleArray());
    double[][] w = new double[p][k];
    int n = 0;
    for (int i = 0; i < p; i++) {
      for (int a = 0; a < k; a++) {
        for (int b = 0; b < k; b++) {
          if (a == b) continue;
          w[i][a] += prefs[n++] / (k - 1);
        }
      }
    }
    return w;
  }

  private static long[] concat(List<Long> a, List<Long> b) {
    long[] out = new long[a.size() + b.size()];
    for (int i = 0; i < a.size(); i++) out[i] = a.get(i);
    for (int i = 0; i < b.size(); i++) out[a.size() + i] = b.get(i);
    return out;
  }
}

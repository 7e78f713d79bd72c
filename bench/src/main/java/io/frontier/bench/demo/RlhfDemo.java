package io.frontier.bench.demo;

import io.frontier.nn.GPT;
import io.frontier.nn.GPTConfig;
import io.frontier.nn.Module;
import io.frontier.nn.Sampling;
import io.frontier.optim.Adam;
import io.frontier.rl.online.GroupRelative;
import io.frontier.rl.online.PolicyScores;
import io.frontier.rl.online.Ppo;
import io.frontier.rl.online.ReMax;
import io.frontier.rl.online.RewardFunction;
import io.frontier.rl.online.Rollout;
import io.frontier.rl.policy.FixedKlController;
import io.frontier.rl.preference.DpoConfig;
import io.frontier.rl.preference.DpoLoss;
import io.frontier.rl.preference.PreferenceBatch;
import io.frontier.rl.preference.SequenceLogProbs;
import io.frontier.tensor.DType;
import io.frontier.tensor.Generator;
import io.frontier.tensor.Tensor;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code frontier demo rlhf}: the RLHF methods of io.frontier.rl side by side on one small task. A
 * GPT (2 layers, width 32) answers a BOS prompt with 6 tokens of 7; the reward is how many of them
 * are token 2, which the initial policy says about once. Each method starts from the same weights
 * (the frozen reference) and runs the same number of steps on batches of 32 responses: DPO on
 * pairs of the reference's samples labelled by the reward (offline), ReMax, PPO, GRPO and RLOO
 * (online). After each step 64 fresh samples measure the policy's mean reward and its KL to the
 * reference (a Monte Carlo estimate of the sequence KL).
 */
@Command(name = "rlhf", description = {
    "DPO, ReMax, PPO, GRPO and RLOO on one small task (a GPT learns to say one token of 7 in 6-token",
    "answers): prints each method's reward and KL to the reference, writes rlhf.png."})
public final class RlhfDemo implements Callable<Integer> {
  static final int VOCAB = 8;
  static final int BOS = 7;
  static final int GOOD = 2;
  static final int LENGTH = 6;
  static final int BATCH = 32;
  static final RewardFunction COUNT_GOOD = (prompts, responses, mask) -> responses.eq(GOOD).to(mask.dtype()).mul(mask).sum(1);

  /** The methods, by option value. */
  enum Method { dpo, remax, ppo, grpo, rloo }

  @Spec private CommandSpec spec;

  @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
  private boolean help;

  @Option(names = "--methods", split = ",", paramLabel = "M", defaultValue = "dpo,remax,ppo,grpo,rloo",
      description = "Methods to run (default ${DEFAULT-VALUE}).")
  List<Method> methods;

  @Option(names = "--steps", paramLabel = "N", defaultValue = "60", description = "Steps per method (default ${DEFAULT-VALUE}).")
  int steps;

  @Option(names = "--every", paramLabel = "N", defaultValue = "10", description = "Print every N steps (default ${DEFAULT-VALUE}).")
  int every;

  @Option(names = "--seed", paramLabel = "N", defaultValue = "1", description = "Seed of the weights and samples (default ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--out", paramLabel = "DIR", description = "Directory for the PNG (default: bench/results in the repository).")
  Path out;

  @Override
  public Integer call() throws Exception {
    run(spec.commandLine().getOut());
    return 0;
  }

  /** Runs every method, prints progress, writes the PNG; returns each method's reward after each step. */
  Map<String, double[]> run(PrintWriter stdout) throws java.io.IOException {
    if (steps < 1) throw new ParameterException(spec.commandLine(), "--steps must be at least 1, got " + steps);
    if (every < 1) throw new ParameterException(spec.commandLine(), "--every must be at least 1, got " + every);
    stdout.printf(Locale.ROOT, "RLHF on a tiny GPT: reward = number of token %d in %d-token answers (max %d); %d steps of %d responses, seed %d%n",
        GOOD, LENGTH, LENGTH, steps, BATCH, seed);
    Map<String, double[]> curves = new LinkedHashMap<>();
    for (Method m : methods) {
      long begin = System.nanoTime();
      GPT reference = gpt(m == Method.ppo);
      GPT policy = gpt(m == Method.ppo);
      Generator g = new Generator(seed + 1);
      Step step = stepper(m, policy, reference, g);
      double[] reward = new double[steps];
      for (int s = 0; s < steps; s++) {
        step.run();
        double[] measured = measure(policy, reference, g);
        reward[s] = measured[0];
        if ((s + 1) % every == 0 || s == steps - 1) {
          stdout.printf(Locale.ROOT, "%-6s step %3d: reward %.2f, KL to the reference %.2f nats, %.1f s%n", m, s + 1, measured[0], measured[1],
              (System.nanoTime() - begin) / 1e9);
          stdout.flush();
        }
      }
      curves.put(m.name(), reward);
    }
    Path png = DemoCommand.outDir(out).resolve("rlhf.png");
    CurvePlot.write(png, "Mean reward of 64 samples after each step (max " + LENGTH + ")", "reward", "steps", curves, false);
    stdout.printf(Locale.ROOT, "wrote %s%n", png);
    stdout.flush();
    return curves;
  }

  private interface Step {
    void run();
  }

  private Step stepper(Method m, GPT policy, GPT reference, Generator g) {
    Tensor prompts = Tensor.full(new int[] {BATCH, 1}, BOS, DType.INT64);
    Adam adam = new Adam(policy.parameters(), Adam.Options.defaults().lr(5e-3));
    switch (m) {
      case remax -> {
        ReMax remax = new ReMax(policy, null, adam, COUNT_GOOD, ReMax.Config.defaults(LENGTH));
        return () -> remax.step(prompts, g);
      }
      case ppo -> {
        Ppo ppo = new Ppo(policy, reference, adam, COUNT_GOOD, new FixedKlController(0.05), Ppo.Config.defaults(LENGTH).withTemperature(1.0));
        return () -> ppo.step(prompts, g);
      }
      case grpo, rloo -> {
        GroupRelative.Config c = m == Method.grpo ? GroupRelative.Config.grpo(LENGTH) : GroupRelative.Config.rloo(LENGTH).withGroupSize(4);
        GroupRelative trainer = new GroupRelative(policy, m == Method.rloo ? reference : null, adam, COUNT_GOOD, c);
        Tensor groupPrompts = Tensor.full(new int[] {BATCH / c.groupSize(), 1}, BOS, DType.INT64);
        return () -> trainer.step(groupPrompts, g);
      }
      default -> {
        DpoLoss dpo = new DpoLoss(DpoConfig.defaults().withBeta(0.1));
        return () -> dpoStep(dpo, adam, policy, reference, prompts, g);
      }
    }
  }

  /** One DPO step on BATCH pairs of the reference's samples, the higher reward chosen (ties dropped by resampling the pair's order). */
  private static void dpoStep(DpoLoss dpo, Adam adam, GPT policy, GPT reference, Tensor prompts, Generator g) {
    Rollout a = Rollout.sample(reference, prompts, LENGTH, Sampling.sample(1.0), g, Rollout.NO_EOS);
    Rollout b = Rollout.sample(reference, prompts, LENGTH, Sampling.sample(1.0), g, Rollout.NO_EOS);
    Tensor ra = COUNT_GOOD.score(a.prompts(), a.responses(), a.mask());
    Tensor rb = COUNT_GOOD.score(b.prompts(), b.responses(), b.mask());
    Tensor aWins = ra.ge(rb).unsqueeze(1);
    Tensor chosen = Tensor.where(aWins, a.responses(), b.responses());
    Tensor rejected = Tensor.where(aWins, b.responses(), a.responses());
    Tensor ids = Tensor.cat(List.of(Tensor.cat(List.of(prompts, chosen), 1), Tensor.cat(List.of(prompts, rejected), 1)), 0);
    Tensor completion = Tensor.cat(List.of(Tensor.zeros(DType.BOOL, 2 * BATCH, 1), Tensor.ones(DType.BOOL, 2 * BATCH, LENGTH)), 1);
    SequenceLogProbs.Pair ref = Module.noGrad(() -> SequenceLogProbs.ofCausal(reference.forward(ids), ids, completion).splitChosenRejected());
    adam.zeroGrad();
    SequenceLogProbs.Pair pol = SequenceLogProbs.ofCausal(policy.forward(ids), ids, completion).splitChosenRejected();
    // pairs whose rewards tie carry no preference: weight them out of the mean
    Tensor decided = ra.ne(rb).to(DType.FLOAT32);
    dpo.compute(PreferenceBatch.of(pol, ref)).perPair().mul(decided).sum().div(decided.sum().clampMin(1.0)).backward();
    adam.step();
  }

  /** The mean reward of 64 fresh samples and their mean summed log-ratio to the reference. */
  private static double[] measure(GPT policy, GPT reference, Generator g) {
    Rollout r = Rollout.sample(policy, Tensor.full(new int[] {64, 1}, BOS, DType.INT64), LENGTH, Sampling.sample(1.0), g, Rollout.NO_EOS);
    return Module.noGrad(() -> {
      double reward = COUNT_GOOD.score(r.prompts(), r.responses(), r.mask()).mean().item();
      Tensor logRatio = PolicyScores.of(policy, r, 1.0).logProbs().sub(PolicyScores.of(reference, r, 1.0).logProbs());
      return new double[] {reward, logRatio.sum(1).mean().item()};
    });
  }

  private GPT gpt(boolean valueHead) {
    return new GPT(new GPTConfig(VOCAB, LENGTH + 1, 32, 4, 2, 0.0, true, valueHead), new Generator(seed));
  }
}

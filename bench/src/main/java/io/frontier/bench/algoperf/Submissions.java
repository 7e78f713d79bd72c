package io.frontier.bench.algoperf;

import static io.frontier.bench.algoperf.SearchSpace.logUniform;
import static io.frontier.bench.algoperf.SearchSpace.uniform;

import io.frontier.optim.Adam;
import io.frontier.optim.AdamW;
import io.frontier.optim.Lion;
import io.frontier.optim.SGD;
import io.frontier.optim.schedule.LrSchedule;
import io.frontier.optim.schedule.WarmupCosine;
import java.util.List;
import java.util.Map;

/**
 * The built-in submissions. Momentum-like coefficients are searched as {@code 1 - beta}
 * log-uniformly (as AlgoPerf's baselines do); every submission but the constant-lr Adam baseline
 * uses a linear warm-up over a searched fraction of the step budget, then cosine decay to 0 at the
 * budget's end.
 */
public final class Submissions {
  private Submissions() {}

  public static final Submission NESTEROV = new Submission("nesterov", "SGD, Nesterov momentum, warm-up cosine",
      new SearchSpace(List.of(logUniform("lr", 1e-2, 1.0), logUniform("oneMinusBeta1", 0.01, 0.2),
          logUniform("weightDecay", 1e-6, 1e-3), uniform("warmup", 0.02, 0.1))),
      (params, h) -> new SGD(params, SGD.Options.defaults().lr(h.get("lr")).momentum(1 - h.get("oneMinusBeta1"))
          .nesterov(true).weightDecay(h.get("weightDecay"))),
      Submissions::warmupCosine);

  public static final Submission ADAMW = new Submission("adamw", "AdamW, warm-up cosine",
      new SearchSpace(List.of(logUniform("lr", 3e-4, 3e-2), logUniform("oneMinusBeta1", 0.03, 0.2),
          logUniform("weightDecay", 1e-4, 0.1), uniform("warmup", 0.02, 0.1))),
      (params, h) -> new AdamW(params, AdamW.Options.defaults().lr(h.get("lr")).betas(1 - h.get("oneMinusBeta1"), 0.999)
          .weightDecay(h.get("weightDecay"))),
      Submissions::warmupCosine);

  public static final Submission LION = new Submission("lion", "Lion, warm-up cosine",
      new SearchSpace(List.of(logUniform("lr", 3e-5, 3e-3), logUniform("oneMinusBeta1", 0.03, 0.2),
          logUniform("weightDecay", 1e-3, 1.0), uniform("warmup", 0.02, 0.1))),
      (params, h) -> new Lion(params, Lion.Options.defaults().lr(h.get("lr")).betas(1 - h.get("oneMinusBeta1"), 0.99)
          .weightDecay(h.get("weightDecay"))),
      Submissions::warmupCosine);

  public static final Submission ADAM_CONSTANT = new Submission("adam-constant", "Adam, constant lr (a baseline without a schedule)",
      new SearchSpace(List.of(logUniform("lr", 1e-4, 3e-2))),
      (params, h) -> new Adam(params, Adam.Options.defaults().lr(h.get("lr"))),
      (h, maxSteps) -> (base, step) -> base);

  public static final List<Submission> ALL = List.of(NESTEROV, ADAMW, LION, ADAM_CONSTANT);

  public static Submission byName(String name) {
    return ALL.stream().filter(s -> s.name().equals(name)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("unknown submission '" + name + "', expected one of "
            + ALL.stream().map(Submission::name).toList()));
  }

  private static LrSchedule warmupCosine(Map<String, Double> h, int maxSteps) {
    return new WarmupCosine(Math.max(1, Math.round(h.get("warmup") * maxSteps)), maxSteps);
  }
}

package io.frontier.rl.morl.tuning;

import io.frontier.rl.morl.DeepSeaTreasure;
import io.frontier.rl.morl.MoSolution;
import io.frontier.rl.morl.MorlMetrics;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Pareto Q-learning (Van Moffaert and Nowé, "Multi-objective reinforcement learning using sets of
 * Pareto dominating policies", JMLR 15, 2014), tabular and model-free, learning from Deep Sea
 * Treasure's step API, as morl-baselines' {@code PQL} does it
 * ({@code morl_baselines/multi_policy/pareto_q_learning/pql.py}). Instead of one Q-vector per
 * (s, a) it keeps the mean immediate reward {@code R(s, a)} and the set {@code ND(s, a)} of
 * non-dominated future returns, and builds the Q-set from them:
 *
 * <pre>
 *   Q_set(s, a) = R(s, a) (+) gamma ND(s, a),     ND(s, a) <- ND( U_{a'} Q_set(s', a') )
 * </pre>
 *
 * on every step from s to s' ({@code ND} of a terminal s' is {0}, and every {@code ND} starts as
 * {0}). Actions are epsilon-greedy on the hypervolume of each action's Q-set above the reference
 * point, ties broken uniformly; epsilon follows {@link PqlConfig#epsilon}, set at the end of each
 * episode from the steps taken so far, as in morl-baselines.
 *
 * <p>One run learns the whole front: the start state's Q-sets hold one vector per Pareto-optimal
 * policy found, and each is played back by tracking (at every state, take the action whose
 * {@code R(s, a) + gamma q}, q in {@code ND(s, a)}, lies nearest the target in L1 and follow that q).
 * Unlike linear scalarisation it also reaches points that no weight picks out: on the convex map
 * (20.3, -14) lies on the hull edge from (19.6, -13) to (22.4, -17), so even the exact
 * {@link io.frontier.rl.morl.LinearScalarisationSolver} over 201 weights stops at a hypervolume of
 * 399.7 above (0, -25), where the full front has 401.8.
 *
 * <p>Differences from morl-baselines: the returns played back are undiscounted (the front is compared
 * with the known undiscounted one), and a playback that runs past {@code maxEpisodeSteps} stops
 * there. Every random choice comes from one {@link SplittableRandom} seeded by the caller.
 */
public final class ParetoQLearning {

  /** The front a run found: the played-back policies and their Pareto-filtered returns. */
  public record Result(double[][] front, List<MoSolution> policies, int episodes) {
    /** Hypervolume of the front above {@code referencePoint} (maximisation). */
    public double hypervolume(double[] referencePoint) {
      return MorlMetrics.hypervolume(front, referencePoint);
    }
  }

  private final DeepSeaTreasure env;
  private final PqlConfig config;
  private final double[] referencePoint;
  private final SplittableRandom rng;
  private final int actions;
  private final int d;
  private final double[][][] avgReward;
  private final int[][] counts;
  private final double[][][][] nonDominated;
  private long globalStep;
  private int episodes;

  /**
   * @param env the environment, driven through reset and step
   * @param config the hyperparameters
   * @param referencePoint the hypervolume reference point that scores actions, one entry per objective
   * @param seed seeds exploration and tie-breaking
   */
  public ParetoQLearning(DeepSeaTreasure env, PqlConfig config, double[] referencePoint, long seed) {
    if (env == null) throw new IllegalArgumentException("ParetoQLearning: env is null");
    if (config == null) throw new IllegalArgumentException("ParetoQLearning: config is null");
    if (referencePoint == null || referencePoint.length != env.rewardDim()) {
      throw new IllegalArgumentException("ParetoQLearning: reference point needs " + env.rewardDim() + " entries, got "
          + (referencePoint == null ? "null" : referencePoint.length));
    }
    this.env = env;
    this.config = config;
    this.referencePoint = referencePoint.clone();
    this.rng = new SplittableRandom(seed);
    int states = env.stateCount();
    this.actions = env.actionCount();
    this.d = env.rewardDim();
    this.avgReward = new double[states][actions][d];
    this.counts = new int[states][actions];
    this.nonDominated = new double[states][actions][][];
    for (double[][][] row : nonDominated) Arrays.fill(row, new double[][] {new double[d]});
  }

  /** Trains a fresh learner on a fresh {@code map} and plays back its front (the tuner's evaluation). */
  public static Result learn(DeepSeaTreasure.SeaMap map, PqlConfig config, double[] referencePoint, long seed) {
    ParetoQLearning pql = new ParetoQLearning(new DeepSeaTreasure(map), config, referencePoint, seed);
    pql.train();
    return pql.result();
  }

  /** Runs {@code totalTimesteps} environment steps from where training stands. */
  public void train() {
    long end = globalStep + config.totalTimesteps();
    double epsilon = config.epsilon(globalStep);
    while (globalStep < end) {
      int state = stateOf(env.reset());
      boolean done = false;
      for (int t = 0; t < config.maxEpisodeSteps() && !done && globalStep < end; t++) {
        int action = selectAction(state, epsilon);
        DeepSeaTreasure.Step step = env.step(action);
        globalStep++;
        int next = env.state(step.row(), step.col());
        done = step.terminated();
        counts[state][action]++;
        nonDominated[state][action] = done ? new double[][] {new double[d]} : localParetoSet(next);
        double[] r = step.reward();
        for (int k = 0; k < d; k++) avgReward[state][action][k] += (r[k] - avgReward[state][action][k]) / counts[state][action];
        state = next;
      }
      episodes++;
      epsilon = config.epsilon(globalStep);
    }
  }

  /** {@code Q_set(s, a) = R(s, a) + gamma ND(s, a)}, one row per vector (fresh arrays). */
  public double[][] qSet(int state, int action) {
    double[][] nd = nonDominated[state][action];
    double[][] q = new double[nd.length][d];
    for (int i = 0; i < nd.length; i++) {
      for (int k = 0; k < d; k++) q[i][k] = avgReward[state][action][k] + config.gamma() * nd[i][k];
    }
    return q;
  }

  /** The non-dominated vectors of the union of the state's Q-sets (its local Pareto coverage set). */
  public double[][] localParetoSet(int state) {
    List<double[]> all = new ArrayList<>();
    for (int a = 0; a < actions; a++) all.addAll(Arrays.asList(qSet(state, a)));
    return MorlMetrics.paretoFront(all.toArray(new double[0][]));
  }

  /** Plays back every vector of the start state's Pareto set; the front is their returns, Pareto-filtered. */
  public Result result() {
    List<MoSolution> policies = new ArrayList<>();
    for (double[] target : localParetoSet(env.startState())) policies.add(track(target));
    return new Result(MorlMetrics.paretoFront(MoSolution.returns(policies)), policies, episodes);
  }

  /** The episode of the policy whose return from the start state the learner estimates as {@code target}. */
  public MoSolution track(double[] target) {
    if (target == null || target.length != d) {
      throw new IllegalArgumentException("ParetoQLearning.track: target needs " + d + " entries, got " + (target == null ? "null" : target.length));
    }
    double[] want = target.clone();
    double[] total = new double[d];
    List<Integer> taken = new ArrayList<>();
    int state = stateOf(env.reset());
    boolean done = false;
    while (!done && taken.size() < config.maxEpisodeSteps()) {
      double closest = Double.POSITIVE_INFINITY;
      int bestAction = 0;
      double[] bestNext = want;
      for (int a = 0; a < actions; a++) {
        for (double[] q : nonDominated[state][a]) {
          double dist = 0;
          for (int k = 0; k < d; k++) dist += Math.abs(avgReward[state][a][k] + config.gamma() * q[k] - want[k]);
          if (dist < closest) {
            closest = dist;
            bestAction = a;
            bestNext = q;
          }
        }
      }
      DeepSeaTreasure.Step step = env.step(bestAction);
      for (int k = 0; k < d; k++) total[k] += step.reward()[k];
      taken.add(bestAction);
      state = env.state(step.row(), step.col());
      done = step.terminated();
      want = bestNext;
    }
    return new MoSolution(total, taken.stream().mapToInt(Integer::intValue).toArray());
  }

  /** Episodes started so far (the last one possibly cut by the step budget). */
  public int episodes() {
    return episodes;
  }

  private int selectAction(int state, double epsilon) {
    if (rng.nextDouble() < epsilon) return rng.nextInt(actions);
    double best = Double.NEGATIVE_INFINITY;
    int[] ties = new int[actions];
    int n = 0;
    for (int a = 0; a < actions; a++) {
      double score = MorlMetrics.hypervolume(qSet(state, a), referencePoint);
      if (score > best) {
        best = score;
        n = 0;
      }
      if (score == best) ties[n++] = a;
    }
    return ties[rng.nextInt(n)];
  }

  private int stateOf(int[] rowCol) {
    return env.state(rowCol[0], rowCol[1]);
  }
}

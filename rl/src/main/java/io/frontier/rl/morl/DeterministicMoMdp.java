package io.frontier.rl.morl;

/**
 * A finite, deterministic, episodic multi-objective MDP, the view the tabular solvers plan on.
 * States are {@code 0 .. stateCount() - 1}, actions {@code 0 .. actionCount() - 1}; taking action
 * a in a non-terminal state s moves to {@code next(s, a)} and pays the reward vector
 * {@code reward(s, a)} (length {@code rewardDim()}). An episode starts in {@code startState()} and
 * ends on entering a terminal state; terminal states are never acted in.
 */
public interface DeterministicMoMdp {

  int stateCount();

  int actionCount();

  int rewardDim();

  int startState();

  boolean isTerminal(int state);

  /** The state after taking {@code action} in the non-terminal {@code state}. */
  int next(int state, int action);

  /** The reward vector paid on that step (a fresh array). */
  double[] reward(int state, int action);
}

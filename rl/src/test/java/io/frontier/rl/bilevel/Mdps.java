package io.frontier.rl.bilevel;

import io.frontier.tensor.Tensor;
import java.util.Random;
import java.util.function.ToDoubleBiFunction;

/** The small MDPs the bilevel tests plan on. */
final class Mdps {
  static final int LEFT = 0;
  static final int RIGHT = 1;
  static final int UP = 0;
  static final int DOWN = 1;
  static final int WEST = 2;
  static final int EAST = 3;

  private Mdps() {}

  /** States 0..n-1 in a row, actions LEFT and RIGHT (a wall keeps the agent in place), start at 0. */
  static TabularMdp chain(int n, double gamma) {
    int[][] next = new int[n][2];
    for (int s = 0; s < n; s++) {
      next[s][LEFT] = Math.max(0, s - 1);
      next[s][RIGHT] = Math.min(n - 1, s + 1);
    }
    return TabularMdp.deterministic(next, 0, gamma);
  }

  /**
   * A width x width grid, state {@code row * width + col}, actions UP, DOWN, WEST, EAST (a wall
   * keeps the agent in place), start at the top-left corner 0; {@code absorbing} is never left.
   */
  static TabularMdp grid(int width, int absorbing, double gamma) {
    int n = width * width;
    int[][] next = new int[n][4];
    int[][] moves = {{-1, 0}, {1, 0}, {0, -1}, {0, 1}};
    for (int s = 0; s < n; s++) {
      for (int a = 0; a < 4; a++) {
        int r = s / width + moves[a][0];
        int c = s % width + moves[a][1];
        boolean blocked = s == absorbing || r < 0 || r >= width || c < 0 || c >= width;
        next[s][a] = blocked ? s : r * width + c;
      }
    }
    return TabularMdp.deterministic(next, 0, gamma);
  }

  /**
   * A random MDP in which each (s, a) leads to {@code successors} distinct states with random
   * probabilities, and the start is drawn from a random distribution over two states.
   */
  static TabularMdp random(Random rng, int states, int actions, int successors, double gamma) {
    double[] p = new double[states * actions * states];
    for (int sa = 0; sa < states * actions; sa++) {
      int first = rng.nextInt(states);
      double total = 0;
      double[] w = new double[successors];
      for (int k = 0; k < successors; k++) total += w[k] = 0.2 + rng.nextDouble();
      for (int k = 0; k < successors; k++) p[sa * states + (first + k) % states] = w[k] / total;
    }
    double[] mu0 = new double[states];
    double a = 0.2 + rng.nextDouble();
    mu0[0] = a / (a + 1);
    mu0[1] = 1 / (a + 1);
    return new TabularMdp(Tensor.fromArray(p, states, actions, states), Tensor.of(mu0), gamma);
  }

  /** An (S, A) table from a function of (s, a). */
  static Tensor table(int states, int actions, ToDoubleBiFunction<Integer, Integer> f) {
    double[] t = new double[states * actions];
    for (int s = 0; s < states; s++) {
      for (int a = 0; a < actions; a++) t[s * actions + a] = f.applyAsDouble(s, a);
    }
    return Tensor.fromArray(t, states, actions);
  }

  /** Standard-normal entries of the given shape, float64. */
  static Tensor gaussian(Random rng, int... shape) {
    int n = 1;
    for (int d : shape) n *= d;
    double[] x = new double[n];
    for (int i = 0; i < n; i++) x[i] = rng.nextGaussian();
    return Tensor.fromArray(x, shape);
  }

  /** A row-stochastic (S, A) policy with random positive entries. */
  static Tensor randomPolicy(Random rng, int states, int actions) {
    return gaussian(rng, states, actions).softmax(1);
  }
}

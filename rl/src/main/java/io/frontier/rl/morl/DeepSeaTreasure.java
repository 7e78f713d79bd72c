package io.frontier.rl.morl;

import java.util.Arrays;

/**
 * Deep Sea Treasure, as MO-Gymnasium's {@code DeepSeaTreasure-v0} defines it
 * ({@code mo_gymnasium/envs/deep_sea_treasure/deep_sea_treasure.py}, commit 17aa396): a submarine
 * on an 11 x 11 grid starts at (row 0, column 0); actions are 0 up, 1 down, 2 left, 3 right; a move
 * into rock or off the grid leaves it in place; every step pays the reward vector
 * {@code [treasure, -1]}, where treasure is the value of the cell it is in after the move (0 for
 * sea); the episode ends on a treasure. Objective 0 is the treasure, objective 1 the time penalty,
 * both maximised.
 *
 * <p>Two maps, each with its known undiscounted Pareto front: {@link SeaMap#DEFAULT} (the "convex"
 * map of Yang et al. 2019) and {@link SeaMap#CONCAVE} (Vamplew et al. 2018), whose front is
 * concave, so that linear scalarisation reaches only its two ends. MO-Gymnasium's third map,
 * MIRRORED_MAP (11 x 20), is left out: its validity check hard-codes columns 0..10.
 *
 * <p>Differences from MO-Gymnasium, none of which changes a return: rewards are doubles where
 * MO-Gymnasium returns float32 (so 0.7 is 0.7, not 0.699999988), and stepping after the episode
 * has ended throws instead of being left undefined.
 */
public final class DeepSeaTreasure implements DeterministicMoMdp {

  public static final int UP = 0;
  public static final int DOWN = 1;
  public static final int LEFT = 2;
  public static final int RIGHT = 3;

  /** The value MO-Gymnasium writes for a rock cell. */
  public static final double ROCK = -10;

  private static final int[][] MOVES = {{-1, 0}, {1, 0}, {0, -1}, {0, 1}};

  /** The two maps, written out from MO-Gymnasium's {@code DEFAULT_MAP} and {@code CONCAVE_MAP}. */
  public enum SeaMap {
    /** Yang et al. (2019), MO-Gymnasium's DEFAULT_MAP; front CONVEX_FRONT. */
    DEFAULT(
        new double[][] {
          {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0},
          {0.7, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0},
          {-10, 8.2, 0, 0, 0, 0, 0, 0, 0, 0, 0},
          {-10, -10, 11.5, 0, 0, 0, 0, 0, 0, 0, 0},
          {-10, -10, -10, 14.0, 15.1, 16.1, 0, 0, 0, 0, 0},
          {-10, -10, -10, -10, -10, -10, 0, 0, 0, 0, 0},
          {-10, -10, -10, -10, -10, -10, 0, 0, 0, 0, 0},
          {-10, -10, -10, -10, -10, -10, 19.6, 20.3, 0, 0, 0},
          {-10, -10, -10, -10, -10, -10, -10, -10, 0, 0, 0},
          {-10, -10, -10, -10, -10, -10, -10, -10, 22.4, 0, 0},
          {-10, -10, -10, -10, -10, -10, -10, -10, -10, 23.7, 0},
        },
        new double[][] {
          {0.7, -1}, {8.2, -3}, {11.5, -5}, {14.0, -7}, {15.1, -8},
          {16.1, -9}, {19.6, -13}, {20.3, -14}, {22.4, -17}, {23.7, -19},
        }),
    /** Vamplew et al. (2018), MO-Gymnasium's CONCAVE_MAP; front CONCAVE_FRONT. */
    CONCAVE(
        new double[][] {
          {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0},
          {1.0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0},
          {-10, 2.0, 0, 0, 0, 0, 0, 0, 0, 0, 0},
          {-10, -10, 3.0, 0, 0, 0, 0, 0, 0, 0, 0},
          {-10, -10, -10, 5.0, 8.0, 16.0, 0, 0, 0, 0, 0},
          {-10, -10, -10, -10, -10, -10, 0, 0, 0, 0, 0},
          {-10, -10, -10, -10, -10, -10, 0, 0, 0, 0, 0},
          {-10, -10, -10, -10, -10, -10, 24.0, 50.0, 0, 0, 0},
          {-10, -10, -10, -10, -10, -10, -10, -10, 0, 0, 0},
          {-10, -10, -10, -10, -10, -10, -10, -10, 74.0, 0, 0},
          {-10, -10, -10, -10, -10, -10, -10, -10, -10, 124.0, 0},
        },
        new double[][] {
          {1, -1}, {2, -3}, {3, -5}, {5, -7}, {8, -8},
          {16, -9}, {24, -13}, {50, -14}, {74, -17}, {124, -19},
        });

    private final double[][] grid;
    private final double[][] front;

    SeaMap(double[][] grid, double[][] front) {
      this.grid = grid;
      this.front = front;
    }

    /** The map, row by row (a copy): 0 sea, {@link #ROCK} rock, anything else a treasure. */
    public double[][] grid() {
      return deepCopy(grid);
    }

    /** The known undiscounted Pareto front, (treasure, -steps) rows by increasing steps (a copy). */
    public double[][] paretoFront() {
      return deepCopy(front);
    }
  }

  /** What one step returns: the new position, the reward vector and whether the episode ended. */
  public record Step(int row, int col, double[] reward, boolean terminated) {}

  private final SeaMap seaMap;
  private final double[][] grid;
  private final int rows;
  private final int cols;
  private int row;
  private int col;
  private boolean terminated;

  public DeepSeaTreasure(SeaMap seaMap) {
    if (seaMap == null) throw new IllegalArgumentException("DeepSeaTreasure: seaMap is null");
    this.seaMap = seaMap;
    this.grid = seaMap.grid;
    this.rows = grid.length;
    this.cols = grid[0].length;
  }

  public SeaMap seaMap() {
    return seaMap;
  }

  /** Starts an episode at (0, 0) and returns the position {@code {row, col}}. */
  public int[] reset() {
    row = 0;
    col = 0;
    terminated = false;
    return new int[] {row, col};
  }

  /** Takes {@code action} (0 up, 1 down, 2 left, 3 right) from the current position. */
  public Step step(int action) {
    if (terminated) throw new IllegalStateException("DeepSeaTreasure.step: the episode has ended; call reset()");
    int s = next(state(row, col), checkAction(action));
    row = s / cols;
    col = s % cols;
    terminated = isTerminal(s);
    return new Step(row, col, rewardOnEntering(s), terminated);
  }

  /**
   * The Pareto front discounted by {@code gamma}, as MO-Gymnasium's {@code pareto_front(gamma)}:
   * a treasure t reached in n steps is worth {@code (t gamma^(n-1), -sum_{i<n} gamma^i)}.
   */
  public double[][] paretoFront(double gamma) {
    if (!(gamma >= 0 && gamma <= 1)) throw new IllegalArgumentException("paretoFront: gamma must be in [0, 1], got " + gamma);
    double[][] front = seaMap.paretoFront();
    for (double[] p : front) {
      int n = (int) -p[1];
      double time = 0;
      for (int i = 0; i < n; i++) time += Math.pow(gamma, i);
      p[0] *= Math.pow(gamma, n - 1);
      p[1] = -time;
    }
    return front;
  }

  /** The state index of a cell: {@code row * 11 + col}. */
  public int state(int row, int col) {
    if (row < 0 || row >= rows || col < 0 || col >= cols) {
      throw new IllegalArgumentException("DeepSeaTreasure: cell (" + row + ", " + col + ") is off the " + rows + " x " + cols + " grid");
    }
    return row * cols + col;
  }

  /** The map value of a state's cell. */
  public double cellValue(int state) {
    return grid[state / cols][state % cols];
  }

  @Override
  public int stateCount() {
    return rows * cols;
  }

  @Override
  public int actionCount() {
    return MOVES.length;
  }

  @Override
  public int rewardDim() {
    return 2;
  }

  @Override
  public int startState() {
    return 0;
  }

  @Override
  public boolean isTerminal(int state) {
    double v = cellValue(state);
    return v != 0 && v != ROCK;
  }

  @Override
  public int next(int state, int action) {
    int r = state / cols + MOVES[checkAction(action)][0];
    int c = state % cols + MOVES[action][1];
    boolean valid = r >= 0 && r < rows && c >= 0 && c < cols && grid[r][c] != ROCK;
    return valid ? r * cols + c : state;
  }

  @Override
  public double[] reward(int state, int action) {
    return rewardOnEntering(next(state, action));
  }

  private double[] rewardOnEntering(int state) {
    return new double[] {isTerminal(state) ? cellValue(state) : 0.0, -1.0};
  }

  private static int checkAction(int action) {
    if (action < 0 || action >= MOVES.length) {
      throw new IllegalArgumentException("DeepSeaTreasure: action " + action + " is not one of 0 up, 1 down, 2 left, 3 right");
    }
    return action;
  }

  private static double[][] deepCopy(double[][] a) {
    return Arrays.stream(a).map(double[]::clone).toArray(double[][]::new);
  }
}

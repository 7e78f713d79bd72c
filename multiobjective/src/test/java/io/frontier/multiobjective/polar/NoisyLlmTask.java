package io.frontier.multiobjective.polar;

import java.util.SplittableRandom;

/**
 * The synthetic task of the POLAR experiment: three classes in the plane, an "LLM" that is a
 * noisy classifier with an input-dependent error rate, and three weak labelling functions that
 * abstain away from their class.
 *
 * <ul>
 *   <li>Truth: y uniform on {0, 1, 2}, {@code x | y ~ N(R u_y, I_2)} with {@code u_k} the unit
 *       vectors at 0, 120 and 240 degrees. The posterior is logistic,
 *       {@code P(y = k | x) = softmax_k(R u_k . x)}, so a logistic-regression harmonizer can hold it.
 *   <li>LLM: the Bayes classifier {@code argmax_k P(y = k | x)}, except that with probability
 *       {@code rho(x) = 0.05 + 0.55 sigmoid(3 x_2)} (distracted, mostly in the upper half-plane)
 *       it answers uniformly at random. It sees only x, so its answer is independent of y given x,
 *       and {@code P(wrong | x, Lambda) = 1 - P(y = Lambda | x)}: the POLAR score is calibrated
 *       exactly when the harmonizer matches the true posterior.
 *   <li>Labelling function j votes j when {@code u_j . x > t} and abstains otherwise: precise,
 *       with partial coverage, deterministic in x as a keyword rule is.
 * </ul>
 */
record NoisyLlmTask(PolarDataset data, int[] truth) {
  static final double RADIUS = 2.0;
  static final double THRESHOLD = 1.5;

  private static final double[][] U = {{1, 0}, {Math.cos(2 * Math.PI / 3), Math.sin(2 * Math.PI / 3)},
      {Math.cos(4 * Math.PI / 3), Math.sin(4 * Math.PI / 3)}};

  static NoisyLlmTask sample(int n, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    double[][] x = new double[n][2];
    int[] y = new int[n];
    int[] llm = new int[n];
    int[][] weak = new int[3][n];
    for (int i = 0; i < n; i++) {
      y[i] = random.nextInt(3);
      x[i][0] = RADIUS * U[y[i]][0] + random.nextGaussian();
      x[i][1] = RADIUS * U[y[i]][1] + random.nextGaussian();
      int bayes = 0;
      for (int k = 1; k < 3; k++) {
        if (dot(U[k], x[i]) > dot(U[bayes], x[i])) bayes = k;
      }
      double rho = 0.05 + 0.55 / (1 + Math.exp(-3 * x[i][1]));
      llm[i] = random.nextDouble() < rho ? random.nextInt(3) : bayes;
      for (int j = 0; j < 3; j++) weak[j][i] = dot(U[j], x[i]) > THRESHOLD ? j : PolarDataset.ABSTAIN;
    }
    return new NoisyLlmTask(new PolarDataset(x, llm, weak, 3), y);
  }

  /** The same inputs and LLM answers with no labelling function: distillation of the LLM alone. */
  PolarDataset llmOnly() {
    return new PolarDataset(data.features(), data.llmAnswers(), new int[0][], data.numClasses());
  }

  /** Whether each LLM answer is wrong. */
  boolean[] errors() {
    boolean[] e = new boolean[truth.length];
    for (int i = 0; i < e.length; i++) e[i] = data.llmAnswers()[i] != truth[i];
    return e;
  }

  double llmAccuracy() {
    int right = 0;
    for (boolean e : errors()) {
      if (!e) right++;
    }
    return (double) right / truth.length;
  }

  private static double dot(double[] a, double[] b) {
    return a[0] * b[0] + a[1] * b[1];
  }
}

package io.frontier.multiobjective.polar;

/**
 * The unlabelled data POLAR learns from: for N inputs, the features {@code x_i (d)}, the LLM's
 * answer {@code Lambda(x_i)} projected to the label space {@code {0, ..., C-1}}, and the votes
 * {@code weakLabels[j][i] = lambda_j(x_i)} of m weak labelling functions, each a class or
 * {@link #ABSTAIN}. No gold label appears here: POLAR needs none.
 *
 * @param features   (N, d), finite
 * @param llmAnswers (N), each in {@code [0, numClasses)}
 * @param weakLabels (m, N), each in {@code [0, numClasses)} or {@link #ABSTAIN}; m may be 0 (null
 *                   stands for none)
 * @param numClasses C >= 2
 */
public record PolarDataset(double[][] features, int[] llmAnswers, int[][] weakLabels, int numClasses) {
  /** The vote of a labelling function that does not fire on an input. */
  public static final int ABSTAIN = -1;

  public PolarDataset {
    if (numClasses < 2) throw new IllegalArgumentException("PolarDataset: need at least 2 classes, got " + numClasses);
    if (features == null || features.length == 0) throw new IllegalArgumentException("PolarDataset: no inputs");
    int n = features.length;
    int d = features[0] == null ? 0 : features[0].length;
    if (d == 0) throw new IllegalArgumentException("PolarDataset: input 0 has no features");
    double[][] f = new double[n][];
    for (int i = 0; i < n; i++) {
      if (features[i] == null || features[i].length != d) {
        throw new IllegalArgumentException("PolarDataset: input " + i + " has " + (features[i] == null ? 0 : features[i].length)
            + " features, input 0 has " + d);
      }
      for (int k = 0; k < d; k++) {
        if (!Double.isFinite(features[i][k])) throw new IllegalArgumentException("PolarDataset: feature " + k + " of input " + i + " is " + features[i][k]);
      }
      f[i] = features[i].clone();
    }
    features = f;
    if (llmAnswers == null || llmAnswers.length != n) {
      throw new IllegalArgumentException("PolarDataset: " + (llmAnswers == null ? 0 : llmAnswers.length) + " LLM answers for " + n + " inputs");
    }
    for (int i = 0; i < n; i++) {
      if (llmAnswers[i] < 0 || llmAnswers[i] >= numClasses) {
        throw new IllegalArgumentException("PolarDataset: LLM answer " + llmAnswers[i] + " of input " + i + " is out of [0, " + numClasses + ")");
      }
    }
    llmAnswers = llmAnswers.clone();
    if (weakLabels == null) weakLabels = new int[0][];
    int[][] w = new int[weakLabels.length][];
    for (int j = 0; j < weakLabels.length; j++) {
      if (weakLabels[j] == null || weakLabels[j].length != n) {
        throw new IllegalArgumentException("PolarDataset: labelling function " + j + " has " + (weakLabels[j] == null ? 0 : weakLabels[j].length)
            + " votes for " + n + " inputs");
      }
      for (int i = 0; i < n; i++) {
        int v = weakLabels[j][i];
        if (v != ABSTAIN && (v < 0 || v >= numClasses)) {
          throw new IllegalArgumentException("PolarDataset: labelling function " + j + " votes " + v + " on input " + i
              + ", neither a class in [0, " + numClasses + ") nor ABSTAIN (" + ABSTAIN + ")");
        }
      }
      w[j] = weakLabels[j].clone();
    }
    weakLabels = w;
  }

  /** N, the number of inputs. */
  public int size() {
    return features.length;
  }

  /** d, the number of features per input. */
  public int numFeatures() {
    return features[0].length;
  }

  /** m, the number of weak labelling functions. */
  public int numWeakSources() {
    return weakLabels.length;
  }

  /**
   * The labels of source s over the inputs: s = 0 is the LLM, s = j >= 1 the labelling function
   * {@code lambda_j} (with {@link #ABSTAIN} where it does not fire). The array is the record's own.
   */
  int[] sourceLabels(int s) {
    return s == 0 ? llmAnswers : weakLabels[s - 1];
  }

  /** The fraction of inputs on which labelling function j (0-based) fires. */
  public double coverage(int j) {
    int fired = 0;
    for (int v : weakLabels[j]) {
      if (v != ABSTAIN) fired++;
    }
    return (double) fired / size();
  }
}

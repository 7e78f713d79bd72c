package io.frontier.optim.bayes.gp;

import io.frontier.tensor.DType;
import io.frontier.tensor.Tensor;
import java.util.Arrays;

/**
 * Observations {@code (x (n, d), y (n))} in the caller's space together with the transforms a
 * Gaussian process works under: inputs onto the unit cube and outputs standardised, by default
 * (from the data; {@link #withInputBounds} fixes the box instead, and either transform can be
 * switched off). {@link #inputs()} and {@link #targets()} are the transformed tensors.
 */
public final class TrainingData {
  private final Tensor rawX;
  private final Tensor rawY;
  private final InputNormalizer normalizer;
  private final OutputStandardizer standardizer;
  private final Tensor inputs;
  private final Tensor targets;

  private TrainingData(Tensor rawX, Tensor rawY, InputNormalizer normalizer, OutputStandardizer standardizer) {
    if (normalizer.dim() != rawX.size(1)) {
      throw new IllegalArgumentException("TrainingData: the input transform has " + normalizer.dim() + " dimensions, the inputs " + rawX.size(1));
    }
    this.rawX = rawX;
    this.rawY = rawY;
    this.normalizer = normalizer;
    this.standardizer = standardizer;
    this.inputs = normalizer.apply(rawX);
    this.targets = standardizer.apply(rawY);
  }

  /** The data with both transforms estimated from it (unit cube from the data's box, standardised outputs). */
  public static TrainingData of(Tensor x, Tensor y) {
    check(x, y);
    return new TrainingData(x, y, InputNormalizer.fromData(x), OutputStandardizer.fromData(y.detach().contiguous().toDoubleArray()));
  }

  /** The data under given transforms (for conditioning: the parent's transforms). */
  public static TrainingData of(Tensor x, Tensor y, InputNormalizer normalizer, OutputStandardizer standardizer) {
    check(x, y);
    return new TrainingData(x, y, normalizer, standardizer);
  }

  /** The same data normalised from the box {@code [lower, upper]} instead of the data's box. */
  public TrainingData withInputBounds(double[] lower, double[] upper) {
    return new TrainingData(rawX, rawY, InputNormalizer.fromBounds(lower, upper), standardizer);
  }

  /** The same data with the inputs used as given. */
  public TrainingData withoutInputNormalization() {
    return new TrainingData(rawX, rawY, InputNormalizer.identity(rawX.size(1)), standardizer);
  }

  /** The same data with the outputs used as given. */
  public TrainingData withoutOutputStandardization() {
    return new TrainingData(rawX, rawY, normalizer, OutputStandardizer.identity());
  }

  /** This data with {@code (x (m, d), y (m))} appended, under the same transforms. */
  public TrainingData append(Tensor x, Tensor y) {
    check(x, y);
    if (x.size(1) != dim()) {
      throw new IllegalArgumentException("TrainingData.append: inputs have " + x.size(1) + " columns, the model " + dim());
    }
    return new TrainingData(Tensor.cat(java.util.List.of(rawX, x), 0), Tensor.cat(java.util.List.of(rawY, y), 0), normalizer, standardizer);
  }

  private static void check(Tensor x, Tensor y) {
    if (x == null || y == null) throw new IllegalArgumentException("TrainingData: x and y must not be null");
    if (x.dtype() != DType.FLOAT64 || y.dtype() != DType.FLOAT64) {
      throw new IllegalArgumentException("TrainingData: x and y must be float64, got " + x.dtype() + " and " + y.dtype());
    }
    if (x.dim() != 2 || x.size(0) == 0 || x.size(1) == 0) {
      throw new IllegalArgumentException("TrainingData: x must be (n, d) with n, d >= 1, got " + Arrays.toString(x.shape()));
    }
    if (y.dim() != 1 || y.size(0) != x.size(0)) {
      throw new IllegalArgumentException("TrainingData: y must be (n) = (" + x.size(0) + "), got " + Arrays.toString(y.shape()));
    }
    if (!finite(x) || !finite(y)) throw new IllegalArgumentException("TrainingData: x and y must be finite (found NaN or infinity)");
  }

  private static boolean finite(Tensor t) {
    for (double v : t.detach().contiguous().toDoubleArray()) {
      if (!Double.isFinite(v)) return false;
    }
    return true;
  }

  public int size() {
    return rawX.size(0);
  }

  public int dim() {
    return rawX.size(1);
  }

  /** Inputs in the caller's space {@code (n, d)}. */
  public Tensor rawInputs() {
    return rawX;
  }

  /** Outputs in the caller's scale {@code (n)}. */
  public Tensor rawTargets() {
    return rawY;
  }

  /** Normalised inputs {@code (n, d)}. */
  public Tensor inputs() {
    return inputs;
  }

  /** Standardised outputs {@code (n)}. */
  public Tensor targets() {
    return targets;
  }

  public InputNormalizer normalizer() {
    return normalizer;
  }

  public OutputStandardizer standardizer() {
    return standardizer;
  }
}

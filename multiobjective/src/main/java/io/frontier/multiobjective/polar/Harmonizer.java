package io.frontier.multiobjective.polar;

import io.frontier.nn.Layer;
import io.frontier.nn.Linear;
import io.frontier.nn.Losses;
import io.frontier.nn.MLP;
import io.frontier.nn.Reduction;
import io.frontier.optim.Adam;
import io.frontier.tensor.DType;
import io.frontier.tensor.Generator;
import io.frontier.tensor.Grad;
import io.frontier.tensor.Tensor;
import io.frontier.tensor.backend.UnaryOp;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The POLAR harmonizer (Zhao, Wei, Preston and Poon 2023, "Automatic Calibration and Error
 * Correction for Large Language Models via Pareto Optimal Self-Supervision", arXiv 2306.16564): a
 * classifier {@code h: X -> Delta(Y)} fitted, without gold labels, to the LLM and to the weak
 * labelling functions at once,
 *
 * <pre>
 *   h* = argmin_h  G( l_0(h; Lambda), l_1(h; lambda_1), ..., l_m(h; lambda_m) ),
 *   l_s(h; lambda) = cross-entropy of h(x) against lambda(x), over the inputs where lambda fires,
 * </pre>
 *
 * with G a {@link ParetoScalarizer}. The POLAR score {@code zeta(x) = 1 - h*(x)[Lambda(x)]}
 * ({@link #polarScores}) estimates the probability that the LLM's answer is wrong.
 *
 * <p>The model is multinomial logistic regression ({@code hidden} empty) or an MLP with tanh
 * hidden layers, in float64, trained by Adam on full batches ({@code batchSize = 0}) or on
 * shuffled minibatches, with G applied to the losses of each batch.
 * An abstaining source adds nothing: with {@link Normalization#FIRED} its loss is the mean
 * cross-entropy over the inputs it fires on, with {@link Normalization#ALL} the sum over those
 * inputs divided by N (the expectation with loss 0 where it abstains), which weights a source by
 * its coverage. A batch on which a source never fires gives that source loss 0.
 */
public final class Harmonizer {

  /** How a source's cross-entropy is averaged when it abstains on some inputs. */
  public enum Normalization {
    /** Mean over the inputs where the source fires. */
    FIRED,
    /** Sum over the inputs where the source fires, divided by all N inputs. */
    ALL
  }

  /**
   * Training hyperparameters. The quadratic scalarizer is the default because the paper reports it
   * working best; the other values are this implementation's choices for small feature vectors
   * (the paper's harmonizer is a fine-tuned language model), not the paper's.
   *
   * @param scalarizer    G
   * @param hidden        hidden widths of the MLP; empty for logistic regression
   * @param lr            Adam's learning rate
   * @param epochs        passes over the data (full batch: optimizer steps)
   * @param batchSize     minibatch size, or 0 for full batches
   * @param normalization how abstentions are averaged
   * @param seed          seeds the initial weights and the minibatch order
   */
  public record Options(ParetoScalarizer scalarizer, int[] hidden, double lr, int epochs, int batchSize, Normalization normalization, long seed) {
    public Options {
      if (scalarizer == null) throw new IllegalArgumentException("Harmonizer: scalarizer is null");
      if (normalization == null) throw new IllegalArgumentException("Harmonizer: normalization is null");
      hidden = hidden == null ? new int[0] : hidden.clone();
      for (int k = 0; k < hidden.length; k++) {
        if (hidden[k] <= 0) throw new IllegalArgumentException("Harmonizer: hidden width " + k + " must be positive, got " + hidden[k]);
      }
      if (!(lr > 0) || Double.isInfinite(lr)) throw new IllegalArgumentException("Harmonizer: lr must be finite and > 0, got " + lr);
      if (epochs <= 0) throw new IllegalArgumentException("Harmonizer: epochs must be positive, got " + epochs);
      if (batchSize < 0) throw new IllegalArgumentException("Harmonizer: batchSize must be >= 0 (0 = full batch), got " + batchSize);
    }

    /** Quadratic G, logistic regression, Adam lr 0.05, 400 full-batch steps, FIRED, seed 0. */
    public static Options defaults() {
      return new Options(ParetoScalarizer.QUADRATIC, new int[0], 0.05, 400, 0, Normalization.FIRED, 0);
    }

    public Options scalarizer(ParetoScalarizer v) {
      return new Options(v, hidden, lr, epochs, batchSize, normalization, seed);
    }

    public Options hidden(int... v) {
      return new Options(scalarizer, v, lr, epochs, batchSize, normalization, seed);
    }

    public Options lr(double v) {
      return new Options(scalarizer, hidden, v, epochs, batchSize, normalization, seed);
    }

    public Options epochs(int v) {
      return new Options(scalarizer, hidden, lr, v, batchSize, normalization, seed);
    }

    public Options batchSize(int v) {
      return new Options(scalarizer, hidden, lr, epochs, v, normalization, seed);
    }

    public Options normalization(Normalization v) {
      return new Options(scalarizer, hidden, lr, epochs, batchSize, v, seed);
    }

    public Options seed(long v) {
      return new Options(scalarizer, hidden, lr, epochs, batchSize, normalization, v);
    }
  }

  private final Layer model;
  private final int numFeatures;
  private final int numClasses;

  private Harmonizer(Layer model, int numFeatures, int numClasses) {
    this.model = model;
    this.numFeatures = numFeatures;
    this.numClasses = numClasses;
  }

  /** Fits {@code h*} to the LLM answers and weak labels of {@code data}. */
  public static Harmonizer fit(PolarDataset data, Options options) {
    int n = data.size();
    int d = data.numFeatures();
    int c = data.numClasses();
    Generator g = new Generator(options.seed());
    Layer model;
    if (options.hidden().length == 0) {
      model = new Linear(d, c, true, g, DType.FLOAT64);
    } else {
      int[] widths = new int[options.hidden().length + 2];
      widths[0] = d;
      System.arraycopy(options.hidden(), 0, widths, 1, options.hidden().length);
      widths[widths.length - 1] = c;
      model = new MLP(UnaryOp.TANH, g, DType.FLOAT64, widths);
    }
    Harmonizer h = new Harmonizer(model, d, c);
    Adam adam = new Adam(model.parameters(), Adam.Options.defaults().lr(options.lr()));
    Tensor x = Tensor.of(data.features());
    int sources = data.numWeakSources() + 1;
    Tensor[] targets = new Tensor[sources];
    for (int s = 0; s < sources; s++) targets[s] = targets(data.sourceLabels(s));

    int batch = options.batchSize() == 0 || options.batchSize() >= n ? n : options.batchSize();
    SplittableRandom order = new SplittableRandom(options.seed());
    int[] perm = new int[n];
    for (int i = 0; i < n; i++) perm[i] = i;
    for (int epoch = 0; epoch < options.epochs(); epoch++) {
      if (batch < n) shuffle(perm, order);
      for (int start = 0; start < n; start += batch) {
        int end = Math.min(n, start + batch);
        Tensor xb = x;
        Tensor[] tb = targets;
        int[] rows = null;
        if (batch < n) {
          rows = Arrays.copyOfRange(perm, start, end);
          Tensor index = index(rows);
          xb = x.indexSelect(0, index);
          tb = new Tensor[sources];
          for (int s = 0; s < sources; s++) tb[s] = targets[s].indexSelect(0, index);
        }
        adam.zeroGrad();
        Tensor losses = h.lossTensor(xb, tb, data, rows, options.normalization());
        options.scalarizer().apply(losses).backward();
        adam.step();
      }
    }
    return h;
  }

  /**
   * The losses {@code (l_0, ..., l_m)} of the logits of {@code xb} against each source's targets,
   * as one differentiable 1-D tensor. {@code rows} are the batch's inputs (null: all of them).
   */
  private Tensor lossTensor(Tensor xb, Tensor[] targets, PolarDataset data, int[] rows, Normalization normalization) {
    Tensor logits = model.forward(xb);
    int b = rows == null ? data.size() : rows.length;
    List<Tensor> parts = new ArrayList<>();
    for (int s = 0; s < targets.length; s++) {
      int[] labels = data.sourceLabels(s);
      int fired = 0;
      for (int k = 0; k < b; k++) {
        if (labels[rows == null ? k : rows[k]] != PolarDataset.ABSTAIN) fired++;
      }
      if (fired == 0) {
        parts.add(Tensor.zeros(DType.FLOAT64, 1));
        continue;
      }
      Tensor sum = Losses.crossEntropy(logits, targets[s], Losses.IGNORE_INDEX, 0.0, Reduction.SUM, null);
      parts.add(sum.div(normalization == Normalization.FIRED ? fired : b).reshape(1));
    }
    return Tensor.cat(parts, 0);
  }

  /** {@code h(x)} for each row of {@code features (N, d)}: (N, C), rows summing to 1. */
  public double[][] probabilities(double[][] features) {
    checkFeatures(features);
    double[] flat;
    try (Grad.Scope s = Grad.noGrad()) {
      flat = model.forward(Tensor.of(features)).softmax(-1).toDoubleArray();
    }
    double[][] p = new double[features.length][numClasses];
    for (int i = 0; i < features.length; i++) System.arraycopy(flat, i * numClasses, p[i], 0, numClasses);
    return p;
  }

  /**
   * The POLAR scores {@code zeta(x_i) = 1 - h(x_i)[answers_i]}: the estimated probability that
   * answer i (the LLM's, projected to a class) is wrong.
   */
  public double[] polarScores(double[][] features, int[] answers) {
    if (answers == null || answers.length != features.length) {
      throw new IllegalArgumentException("Harmonizer: " + (answers == null ? 0 : answers.length) + " answers for " + features.length + " inputs");
    }
    double[][] p = probabilities(features);
    double[] zeta = new double[p.length];
    for (int i = 0; i < p.length; i++) {
      if (answers[i] < 0 || answers[i] >= numClasses) {
        throw new IllegalArgumentException("Harmonizer: answer " + answers[i] + " of input " + i + " is out of [0, " + numClasses + ")");
      }
      zeta[i] = 1 - p[i][answers[i]];
    }
    return zeta;
  }

  /** The POLAR scores of the LLM's own answers in {@code data}. */
  public double[] polarScores(PolarDataset data) {
    return polarScores(data.features(), data.llmAnswers());
  }

  /** The trained harmonizer's losses {@code (l_0, ..., l_m)} on {@code data}. */
  public double[] objectiveLosses(PolarDataset data, Normalization normalization) {
    return objectiveLosses(probabilities(data.features()), data, normalization);
  }

  /**
   * The losses {@code (l_0, ..., l_m)} of any harmonizer, given as its probabilities
   * {@code (N, C)} on the inputs of {@code data}: {@code l_s} is the cross-entropy against source
   * s over the inputs where s fires, divided as {@code normalization} says (0 if s never fires).
   */
  public static double[] objectiveLosses(double[][] probabilities, PolarDataset data, Normalization normalization) {
    int n = data.size();
    if (probabilities == null || probabilities.length != n) {
      throw new IllegalArgumentException("Harmonizer: " + (probabilities == null ? 0 : probabilities.length) + " probability rows for " + n + " inputs");
    }
    double[] losses = new double[data.numWeakSources() + 1];
    for (int s = 0; s < losses.length; s++) {
      int[] labels = data.sourceLabels(s);
      double sum = 0;
      int fired = 0;
      for (int i = 0; i < n; i++) {
        if (labels[i] == PolarDataset.ABSTAIN) continue;
        sum -= Math.log(probabilities[i][labels[i]]);
        fired++;
      }
      losses[s] = fired == 0 ? 0 : sum / (normalization == Normalization.FIRED ? fired : n);
    }
    return losses;
  }

  public int numFeatures() {
    return numFeatures;
  }

  public int numClasses() {
    return numClasses;
  }

  private void checkFeatures(double[][] features) {
    if (features == null || features.length == 0) throw new IllegalArgumentException("Harmonizer: no inputs");
    for (int i = 0; i < features.length; i++) {
      if (features[i] == null || features[i].length != numFeatures) {
        throw new IllegalArgumentException("Harmonizer: input " + i + " has " + (features[i] == null ? 0 : features[i].length)
            + " features, the harmonizer was fitted on " + numFeatures);
      }
    }
  }

  /** Class indices as int64 with ABSTAIN mapped to the cross-entropy's ignore index. */
  private static Tensor targets(int[] labels) {
    long[] t = new long[labels.length];
    for (int i = 0; i < labels.length; i++) t[i] = labels[i] == PolarDataset.ABSTAIN ? Losses.IGNORE_INDEX : labels[i];
    return Tensor.of(t);
  }

  private static Tensor index(int[] rows) {
    long[] r = new long[rows.length];
    for (int i = 0; i < rows.length; i++) r[i] = rows[i];
    return Tensor.of(r);
  }

  private static void shuffle(int[] a, SplittableRandom random) {
    for (int i = a.length - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int t = a[i];
      a[i] = a[j];
      a[j] = t;
    }
  }
}

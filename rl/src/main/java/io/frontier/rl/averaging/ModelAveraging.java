package io.frontier.rl.averaging;

import io.frontier.nn.Module;
import io.frontier.tensor.Grad;
import io.frontier.tensor.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.ToDoubleFunction;

/**
 * Model averaging (Lin et al., "Mitigating the Alignment Tax of RLHF", EMNLP 2024, arXiv
 * 2309.06256): fine-tuning or RLHF that teaches a new task erodes an old one (the alignment tax),
 * and interpolating the weights before it ({@code theta_0}, the base) and after it ({@code theta},
 * the tuned model),
 *
 * <pre>  theta(alpha) = (1 - alpha) theta_0 + alpha theta,   alpha in [0, 1],</pre>
 *
 * gave the paper the best alignment-forgetting Pareto front of every method tried (early stopping,
 * L1/L2 towards {@code theta_0}, LoRA, distillation, experience replay). Heterogeneous model
 * averaging (HMA) gives block k of the parameters its own ratio,
 * {@code theta^[k] = (1 - alpha_k) theta_0^[k] + alpha_k theta^[k]}, and searches the ratios with
 * their mean {@code (1/K) sum_k alpha_k} held at the budget alpha, since averaging different
 * layers trades the two tasks differently (the low layers gain most).
 *
 * <p>Here alpha weights the <em>tuned</em> model, as in the paper; the authors' script
 * ({@code scripts/postprocess/weight_interpolation.py}) uses the opposite convention, its ratio
 * weighting the model before RLHF. Only trainable parameters are averaged; buffers and gradients
 * of the target are left as they are.
 */
public final class ModelAveraging {
  private ModelAveraging() {}

  /**
   * Writes {@code (1 - alpha) theta_base + alpha theta_tuned} into every parameter of
   * {@code target}, in place and without recording gradients. The three modules must have the same
   * parameter names and shapes; {@code target} may be {@code base} or {@code tuned} itself.
   * {@code alpha = 0} and {@code 1} copy the base and the tuned parameters exactly.
   */
  public static void interpolate(Module target, Module base, Module tuned, double alpha) {
    checkAlpha("ModelAveraging.interpolate: alpha", alpha);
    Architecture arch = Architecture.of("ModelAveraging.interpolate", target, base, tuned);
    write(arch, name -> alpha);
  }

  /**
   * Heterogeneous model averaging: the parameter {@code name} of block
   * {@code k = blocks.blockOf(name)} becomes {@code (1 - alphas[k]) theta_base + alphas[k] theta_tuned}.
   * Every block in {@code [0, alphas.length)} must hold at least one parameter, so that the mean of
   * the alphas is the budget it stands for.
   */
  public static void interpolate(Module target, Module base, Module tuned, ParameterBlocks blocks, double... alphas) {
    String op = "ModelAveraging.interpolate";
    double[] a = checkAlphas(op, alphas);
    Architecture arch = Architecture.of(op, target, base, tuned);
    Map<String, Integer> blockOf = arch.assign(op, blocks, a.length);
    write(arch, name -> a[blockOf.get(name)]);
  }

  /**
   * The uniform averaging curve: for each alpha of {@code alphaGrid}, in order, interpolates into
   * {@code target} and scores it with both functions (each called without recording gradients;
   * both scores are maximised). {@code target} holds the last alpha's weights afterwards, so it
   * must be a module of its own, neither endpoint.
   */
  public static List<AveragingPoint> sweep(Module target, Module base, Module tuned, double[] alphaGrid,
      ToDoubleFunction<Module> scoreA, ToDoubleFunction<Module> scoreB) {
    String op = "ModelAveraging.sweep";
    checkScorers(op, scoreA, scoreB);
    checkSeparate(op, target, base, tuned);
    if (alphaGrid == null || alphaGrid.length == 0) throw new IllegalArgumentException(op + ": empty alpha grid");
    for (int i = 0; i < alphaGrid.length; i++) checkAlpha(op + ": alphaGrid[" + i + "]", alphaGrid[i]);
    Architecture arch = Architecture.of(op, target, base, tuned);
    List<AveragingPoint> curve = new ArrayList<>(alphaGrid.length);
    for (double alpha : alphaGrid) {
      write(arch, name -> alpha);
      curve.add(score(target, new double[] {alpha}, scoreA, scoreB));
    }
    return curve;
  }

  /**
   * The heterogeneous version of {@link #sweep(Module, Module, Module, double[], ToDoubleFunction,
   * ToDoubleFunction)}: one point per vector of block ratios, each vector as long as the number of
   * blocks.
   */
  public static List<AveragingPoint> sweep(Module target, Module base, Module tuned, ParameterBlocks blocks, List<double[]> alphaVectors,
      ToDoubleFunction<Module> scoreA, ToDoubleFunction<Module> scoreB) {
    String op = "ModelAveraging.sweep";
    checkScorers(op, scoreA, scoreB);
    checkSeparate(op, target, base, tuned);
    if (alphaVectors == null || alphaVectors.isEmpty()) throw new IllegalArgumentException(op + ": no alpha vectors");
    List<double[]> vectors = new ArrayList<>(alphaVectors.size());
    for (double[] v : alphaVectors) vectors.add(checkAlphas(op, v));
    int k = vectors.get(0).length;
    for (int i = 1; i < vectors.size(); i++) {
      if (vectors.get(i).length != k) {
        throw new IllegalArgumentException(op + ": alpha vector " + i + " has " + vectors.get(i).length + " blocks, vector 0 has " + k);
      }
    }
    Architecture arch = Architecture.of(op, target, base, tuned);
    Map<String, Integer> blockOf = arch.assign(op, blocks, k);
    List<AveragingPoint> curve = new ArrayList<>(vectors.size());
    for (double[] a : vectors) {
      write(arch, name -> a[blockOf.get(name)]);
      curve.add(score(target, a, scoreA, scoreB));
    }
    return curve;
  }

  private static void checkSeparate(String op, Module target, Module base, Module tuned) {
    if (target == base || target == tuned) {
      throw new IllegalArgumentException(op + ": target is the " + (target == base ? "base" : "tuned")
          + " module; a sweep overwrites the target at every point, so it needs a module of its own");
    }
  }

  private static AveragingPoint score(Module target, double[] alphas, ToDoubleFunction<Module> scoreA, ToDoubleFunction<Module> scoreB) {
    try (Grad.Scope s = Grad.noGrad()) {
      return new AveragingPoint(alphas, scoreA.applyAsDouble(target), scoreB.applyAsDouble(target));
    }
  }

  private interface AlphaOf {
    double of(String name);
  }

  private static void write(Architecture arch, AlphaOf alphaOf) {
    try (Grad.Scope s = Grad.noGrad()) {
      for (Map.Entry<String, Tensor> e : arch.target.entrySet()) {
        String name = e.getKey();
        double alpha = alphaOf.of(name);
        Tensor base = arch.base.get(name);
        Tensor tuned = arch.tuned.get(name);
        // the endpoints are copies, bit for bit, not 1 * theta + 0 * theta'
        Tensor value = alpha == 0 ? base : alpha == 1 ? tuned : base.mul(1 - alpha).add(tuned.mul(alpha));
        if (value != e.getValue()) e.getValue().copy_(value);
      }
    }
  }

  /** The named parameters of the three modules, checked to have the same names and shapes. */
  private record Architecture(Map<String, Tensor> target, Map<String, Tensor> base, Map<String, Tensor> tuned) {
    static Architecture of(String op, Module target, Module base, Module tuned) {
      if (target == null || base == null || tuned == null) {
        throw new IllegalArgumentException(op + ": " + (target == null ? "target" : base == null ? "base" : "tuned") + " is null");
      }
      Architecture a = new Architecture(target.namedParameters(), base.namedParameters(), tuned.namedParameters());
      List<String> problems = new ArrayList<>();
      compare("base", a.base, a.target, problems);
      compare("tuned", a.tuned, a.target, problems);
      if (!problems.isEmpty()) {
        throw new IllegalArgumentException(op + ": the modules differ in architecture: " + String.join("; ", problems));
      }
      if (a.target.isEmpty()) throw new IllegalArgumentException(op + ": the modules have no parameters");
      return a;
    }

    private static void compare(String role, Map<String, Tensor> other, Map<String, Tensor> target, List<String> problems) {
      TreeSet<String> missing = new TreeSet<>(target.keySet());
      missing.removeAll(other.keySet());
      TreeSet<String> extra = new TreeSet<>(other.keySet());
      extra.removeAll(target.keySet());
      if (!missing.isEmpty()) problems.add(role + " lacks " + missing);
      if (!extra.isEmpty()) problems.add(role + " has unexpected " + extra);
      for (Map.Entry<String, Tensor> e : target.entrySet()) {
        Tensor t = other.get(e.getKey());
        if (t != null && !Arrays.equals(t.shape(), e.getValue().shape())) {
          problems.add(e.getKey() + " is " + Arrays.toString(e.getValue().shape()) + " in target, " + Arrays.toString(t.shape()) + " in " + role);
        }
      }
    }

    /** Each parameter's block, checked to lie in [0, k), with no block left empty. */
    Map<String, Integer> assign(String op, ParameterBlocks blocks, int k) {
      if (blocks == null) throw new IllegalArgumentException(op + ": blocks is null");
      Map<String, Integer> out = new LinkedHashMap<>();
      int[] count = new int[k];
      for (String name : target.keySet()) {
        int b = blocks.blockOf(name);
        if (b < 0 || b >= k) {
          throw new IllegalArgumentException(op + ": parameter '" + name + "' is in block " + b + ", but there are " + k + " alphas (blocks 0.." + (k - 1) + ")");
        }
        count[b]++;
        out.put(name, b);
      }
      for (int b = 0; b < k; b++) {
        if (count[b] == 0) throw new IllegalArgumentException(op + ": block " + b + " holds no parameters (" + k + " alphas given)");
      }
      return out;
    }
  }

  private static void checkAlpha(String what, double alpha) {
    if (!(alpha >= 0 && alpha <= 1)) throw new IllegalArgumentException(what + " must be in [0, 1], got " + alpha);
  }

  private static double[] checkAlphas(String op, double[] alphas) {
    if (alphas == null || alphas.length == 0) throw new IllegalArgumentException(op + ": no alphas");
    for (int i = 0; i < alphas.length; i++) checkAlpha(op + ": alphas[" + i + "]", alphas[i]);
    return alphas.clone();
  }

  private static void checkScorers(String op, ToDoubleFunction<Module> scoreA, ToDoubleFunction<Module> scoreB) {
    if (scoreA == null || scoreB == null) throw new IllegalArgumentException(op + ": score" + (scoreA == null ? "A" : "B") + " is null");
  }
}

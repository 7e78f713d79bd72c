package io.frontier.multiobjective.aggregate;

import io.frontier.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A preference-conditioned network helper after COSMOS (Ruchte and Grabocka 2021, "Scalable Pareto
 * Front Approximation for Deep Multi-Objective Learning"): one network learns a whole front in one
 * run. For each batch a preference ray alpha ~ Dirichlet(concentration) is drawn
 * ({@link #sampleRay()}), appended to the network's input as K extra features
 * ({@link #conditionInput}), and the K losses (all minimised) are combined into
 * <pre>
 *   loss = sum_k alpha_k L_k - lambda cos(L, alpha),   cos(L, alpha) = alpha.L / (|alpha| |L|),
 * </pre>
 * ({@link #loss}): the linear scalarisation pulls the losses down, the cosine term turns the loss
 * vector towards the ray so that different rays give different trade-offs. At evaluation time
 * feeding a ray gives the model of that trade-off. The two terms pull opposite ways along the front
 * (a larger alpha_k lowers L_k in the linear term, the cosine wants L_k / L_j near alpha_k / alpha_j):
 * with lambda large against the losses' scale the points follow the rays (L_k grows with alpha_k), with
 * a small lambda they follow the linear scalarisation. Reproducible: the rays come from one seeded stream.
 */
public final class Cosmos {
  private final double[] concentration;
  private final double lambda;
  private final SplittableRandom random;

  /**
   * @param concentration the Dirichlet parameters (K >= 2 entries, each > 0)
   * @param lambda        the weight of the cosine term (>= 0)
   * @param seed          the seed of the ray stream
   */
  public Cosmos(double[] concentration, double lambda, long seed) {
    if (concentration == null || concentration.length < 2) throw new IllegalArgumentException("Cosmos: need a concentration for K >= 2 objectives");
    for (int k = 0; k < concentration.length; k++) {
      if (!(concentration[k] > 0) || Double.isInfinite(concentration[k])) {
        throw new IllegalArgumentException("Cosmos: concentration[" + k + "] must be finite and > 0, got " + concentration[k]);
      }
    }
    if (!(lambda >= 0) || Double.isInfinite(lambda)) throw new IllegalArgumentException("Cosmos: lambda must be finite and >= 0, got " + lambda);
    this.concentration = concentration.clone();
    this.lambda = lambda;
    this.random = new SplittableRandom(seed);
  }

  /** The number of objectives K. */
  public int objectives() {
    return concentration.length;
  }

  /** The next ray alpha ~ Dirichlet(concentration): independent Gamma(c_k, 1) draws, normalised. */
  public double[] sampleRay() {
    double[] ray = new double[concentration.length];
    double sum = 0;
    for (int k = 0; k < ray.length; k++) {
      ray[k] = gamma(concentration[k]);
      sum += ray[k];
    }
    for (int k = 0; k < ray.length; k++) ray[k] /= sum;
    return ray;
  }

  /** Gamma(shape, 1) by Marsaglia and Tsang (2000); for shape < 1 via Gamma(shape + 1) U^(1/shape). */
  private double gamma(double shape) {
    if (shape < 1) {
      double u = random.nextDouble();
      return gamma(shape + 1) * Math.pow(u == 0 ? Double.MIN_VALUE : u, 1 / shape);
    }
    double d = shape - 1.0 / 3;
    double c = 1 / Math.sqrt(9 * d);
    while (true) {
      double x = random.nextGaussian();
      double v = 1 + c * x;
      if (v <= 0) continue;
      v = v * v * v;
      double u = random.nextDouble();
      if (Math.log(u) < 0.5 * x * x + d - d * v + d * Math.log(v)) return d * v;
    }
  }

  /** The input (B x d) with the ray appended to every row as K extra columns: (B x (d + K)), same dtype and device. */
  public static Tensor conditionInput(Tensor input, double[] ray) {
    if (input == null || input.shape().length != 2) throw new IllegalArgumentException("Cosmos: input must be a (batch x features) matrix");
    if (ray == null || ray.length == 0) throw new IllegalArgumentException("Cosmos: empty ray");
    int b = input.shape()[0];
    double[][] rows = new double[b][];
    for (int i = 0; i < b; i++) rows[i] = ray.clone();
    return Tensor.cat(List.of(input, Tensor.of(rows).to(input.dtype()).to(input.device())), 1);
  }

  /** sum_k ray_k L_k - lambda cos(L, ray), a scalar tensor differentiable in the losses. */
  public Tensor loss(List<Tensor> losses, double[] ray) {
    int k = concentration.length;
    if (losses == null || losses.size() != k) throw new IllegalArgumentException("Cosmos: expected " + k + " losses");
    if (ray == null || ray.length != k) throw new IllegalArgumentException("Cosmos: the ray must have " + k + " entries");
    List<Tensor> flat = new ArrayList<>();
    for (int i = 0; i < k; i++) {
      if (losses.get(i).numel() != 1) throw new IllegalArgumentException("Cosmos: loss " + i + " is not a scalar");
      flat.add(losses.get(i).reshape(1));
    }
    Tensor l = Tensor.cat(flat, 0);
    Tensor alpha = Tensor.of(ray).to(l.dtype()).to(l.device());
    double alphaNorm = 0;
    for (double v : ray) alphaNorm += v * v;
    alphaNorm = Math.sqrt(alphaNorm);
    Tensor linear = l.mul(alpha).sum();
    if (lambda == 0) return linear;
    Tensor cosine = linear.div(l.square().sum().sqrt().mul(alphaNorm));
    return linear.sub(cosine.mul(lambda));
  }
}

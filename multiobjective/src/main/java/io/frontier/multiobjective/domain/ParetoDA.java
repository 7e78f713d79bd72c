package io.frontier.multiobjective.domain;

import io.frontier.autograd.Autograd;
import io.frontier.multiobjective.aggregate.Aggregation;
import io.frontier.tensor.DType;
import io.frontier.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;

/**
 * One ParetoDA step (Lv et al., "Pareto Domain Adaptation", NeurIPS 2021, arXiv 2112.04137) for
 * two objectives on a shared feature extractor theta: L_S, the source classification loss, and L_D,
 * a domain-alignment loss, steered by the gradient g_v of a target surrogate L_T on a held-out
 * unlabeled target batch ({@link DomainLosses#tcmLoss}). The extractor's gradient is set to
 * <pre>
 *   d = scale (gamma g_S + (1 - gamma) g_D),   g_k = dL_k/dtheta,
 * </pre>
 * gamma from {@link TargetAwareDirection} (cooperative: neither loss rises to first order), and
 * every head parameter's gradient to that of L_S + L_D, as the authors' code trains its classifier
 * head and discriminator on the unweighted sum. The authors' code scales its simplex weights by the
 * number of objectives (3); {@link Options#defaults()} scales by 2, so the weights sum to what the
 * 1:1 linear combination's do.
 *
 * <p>Departures from the paper, for a two-objective reference: the surrogate on the training target
 * batch is not a third objective (the authors' code has three: L_S, L_D and that L_T), and the
 * target predictions are not refined by Bayes' rule with a class-conditional domain discriminator.
 * The guide gradient is taken on the extractor's parameters only, as in that code. The paper aligns
 * with adversarial losses (DANN, CDAN); the tests use linear-kernel MMD ({@link
 * DomainLosses#linearMmd}), which needs no discriminator, so both objectives are plain
 * minimisations over the same parameters.
 */
public final class ParetoDA {
  private ParetoDA() {}

  /**
   * @param rule  how g_v picks gamma
   * @param scale the weights' sum (the step's size relative to one gradient)
   */
  public record Options(TargetAwareDirection.Rule rule, double scale) {
    public Options {
      if (rule == null) throw new IllegalArgumentException("ParetoDA: rule is null");
      if (!(scale > 0) || !Double.isFinite(scale)) throw new IllegalArgumentException("ParetoDA: scale must be positive and finite, got " + scale);
    }

    /** The nearest cooperative direction to g_v ({@link TargetAwareDirection.Rule#PROJECTION}), weights summing to 2. */
    public static Options defaults() {
      return new Options(TargetAwareDirection.Rule.PROJECTION, 2);
    }
  }

  /**
   * Sets {@code grad()} of every parameter (replacing what was there) and returns the scaled
   * weights on (g_S, g_D) with the extractor's direction d flattened in float64.
   *
   * @param sourceLoss    L_S (scalar), reaching the extractor and the head
   * @param alignmentLoss L_D (scalar), reaching the extractor (and the head, if a discriminator lives there)
   * @param guideLoss     L_T on the held-out target batch (scalar), reaching the extractor
   * @param extractor     the shared parameters theta
   * @param head          every other trained parameter (may be empty)
   */
  public static Aggregation backward(Tensor sourceLoss, Tensor alignmentLoss, Tensor guideLoss, List<Tensor> extractor, List<Tensor> head,
      Options options) {
    checkScalar("sourceLoss", sourceLoss);
    checkScalar("alignmentLoss", alignmentLoss);
    checkScalar("guideLoss", guideLoss);
    if (extractor == null || extractor.isEmpty()) throw new IllegalArgumentException("ParetoDA: no extractor parameters");
    if (head == null) throw new IllegalArgumentException("ParetoDA: head is null (pass an empty list)");
    if (options == null) throw new IllegalArgumentException("ParetoDA: options are null");
    List<Tensor> all = new ArrayList<>(extractor);
    all.addAll(head);
    for (int i = 0; i < all.size(); i++) {
      if (!all.get(i).requiresGrad()) throw new IllegalArgumentException("ParetoDA: parameter " + i + " does not require grad");
    }

    Tensor[] sourceGrads = Autograd.grad(List.of(sourceLoss), null, all, true);
    Tensor[] alignmentGrads = Autograd.grad(List.of(alignmentLoss), null, all, true);
    Tensor gS = flatten(sourceGrads, all, 0, extractor.size());
    Tensor gD = flatten(alignmentGrads, all, 0, extractor.size());
    Tensor gV = flatten(Autograd.grad(List.of(guideLoss), null, extractor, true), extractor, 0, extractor.size());

    double[][] gram = {{gS.dot(gS).item(), gS.dot(gD).item()}, {0, gD.dot(gD).item()}};
    gram[1][0] = gram[0][1];
    double[] guide = {gS.dot(gV).item(), gD.dot(gV).item()};
    double[] w = new TargetAwareDirection(options.rule()).weights(gram, guide);
    double[] scaled = {options.scale() * w[0], options.scale() * w[1]};
    Tensor direction = gS.mul(scaled[0]).add(gD.mul(scaled[1]));

    int offset = 0;
    for (Tensor p : extractor) {
      int n = p.numel();
      p.setGrad(direction.narrow(0, offset, n).reshape(p.shape()).to(p.dtype()).to(p.device()).contiguous());
      offset += n;
    }
    for (int i = extractor.size(); i < all.size(); i++) {
      Tensor p = all.get(i);
      Tensor g = sum(sourceGrads[i], alignmentGrads[i]);
      p.setGrad(g == null ? Tensor.zerosLike(p) : g.detach().to(p.dtype()).contiguous());
    }
    return new Aggregation(scaled, direction.toDoubleArray());
  }

  /** The float64 concatenation of the flattened gradients {@code from} until {@code to} (null = zeros). */
  private static Tensor flatten(Tensor[] grads, List<Tensor> params, int from, int to) {
    List<Tensor> flat = new ArrayList<>();
    for (int i = from; i < to; i++) {
      flat.add(grads[i] == null ? Tensor.zeros(DType.FLOAT64, params.get(i).numel()) : grads[i].detach().reshape(-1).to(DType.FLOAT64));
    }
    return Tensor.cat(flat, 0);
  }

  private static Tensor sum(Tensor a, Tensor b) {
    return a == null ? b : b == null ? a : a.add(b);
  }

  private static void checkScalar(String name, Tensor loss) {
    if (loss == null) throw new IllegalArgumentException("ParetoDA: " + name + " is null");
    if (loss.numel() != 1) throw new IllegalArgumentException("ParetoDA: " + name + " is not a scalar (" + loss.numel() + " elements)");
    if (!loss.requiresGrad()) throw new IllegalArgumentException("ParetoDA: " + name + " does not require grad");
  }
}

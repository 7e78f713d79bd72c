package io.frontier.multiobjective.bayes;

import io.frontier.optim.bayes.Model;
import io.frontier.optim.bayes.acquisition.Acquisition;
import io.frontier.tensor.Tensor;
import java.util.Arrays;

/**
 * Exact expected hypervolume improvement for two objectives to minimise, with independent Gaussian
 * posteriors {@code Y_k ~ N(μ_k, σ_k²)} (Emmerich, Giannakoglou and Naujoks 2006; Yang et al. 2019's
 * box form). The improvement region {@code A}, below the reference point and dominated by no point
 * of the front, splits into vertical strips {@code [l_i, u_i] × (-∞, v_i]} between consecutive front
 * points (sorted by the first objective); since {@code HVI(y) = ∫_A 1{y ≤ z} dz},
 * {@code EHVI = ∫_A Φ₁(z₁) Φ₂(z₂) dz = Σ_i ψ₁(l_i, u_i) ψ₂(-∞, v_i)}, with
 * {@code ψ(l, u) = ∫_l^u Φ((z - μ)/σ) dz = σ [h((u - μ)/σ) - h((l - μ)/σ)]} and
 * {@code h(t) = φ(t) + t Φ(t)}. Written in tensor ops, so autograd gives the gradient.
 */
public final class ExpectedHypervolumeImprovement2D implements Acquisition {
  private static final double SQRT2 = Math.sqrt(2);
  private static final double INV_SQRT_2PI = 1 / Math.sqrt(2 * Math.PI);
  private final Model first;
  private final Model second;
  private final double[] lo;
  private final double[] hi;
  private final double[] top;

  /**
   * @param front observed objective vectors {@code [n][2]} (dominated ones and those outside the reference are ignored)
   * @param reference the reference point
   */
  public ExpectedHypervolumeImprovement2D(Model first, Model second, double[][] front, double[] reference) {
    if (first == null || second == null) throw new IllegalArgumentException("ExpectedHypervolumeImprovement2D: models must not be null");
    if (first.inputDim() != second.inputDim()) {
      throw new IllegalArgumentException("ExpectedHypervolumeImprovement2D: the models take " + first.inputDim() + " and " + second.inputDim() + " inputs");
    }
    ParetoFronts.checkReference("ExpectedHypervolumeImprovement2D", reference, 2);
    double[][] p = ParetoFronts.insideReference(front == null ? new double[0][] : front, reference);
    Arrays.sort(p, (a, b) -> a[0] != b[0] ? Double.compare(a[0], b[0]) : Double.compare(a[1], b[1]));
    int k = p.length;
    this.lo = new double[k + 1];
    this.hi = new double[k + 1];
    this.top = new double[k + 1];
    lo[0] = Double.NEGATIVE_INFINITY;
    hi[0] = k == 0 ? reference[0] : p[0][0];
    top[0] = reference[1];
    for (int i = 1; i <= k; i++) {
      lo[i] = p[i - 1][0];
      hi[i] = i < k ? p[i][0] : reference[0];
      top[i] = p[i - 1][1];
    }
    this.first = first;
    this.second = second;
  }

  @Override
  public int q() {
    return 1;
  }

  @Override
  public Tensor value(Tensor x) {
    int b = Acquisition.checkCandidates("ExpectedHypervolumeImprovement2D", x, 1, first.inputDim());
    Tensor flat = x.reshape(b, first.inputDim());
    var p1 = first.posterior(flat);
    var p2 = second.posterior(flat);
    Tensor mu1 = p1.mean();
    Tensor sd1 = p1.variance().clampMin(1e-24).sqrt();
    Tensor mu2 = p2.mean();
    Tensor sd2 = p2.variance().clampMin(1e-24).sqrt();
    Tensor total = null;
    for (int i = 0; i < lo.length; i++) {
      if (!(hi[i] > lo[i])) continue;
      Tensor strip = psi(lo[i], hi[i], mu1, sd1).mul(psi(Double.NEGATIVE_INFINITY, top[i], mu2, sd2));
      total = total == null ? strip : total.add(strip);
    }
    return total == null ? mu1.mul(0) : total;
  }

  /** ∫_l^u Φ((z - μ)/σ) dz for each batch entry. */
  private static Tensor psi(double l, double u, Tensor mu, Tensor sd) {
    Tensor upper = h(mu.neg().add(u).div(sd));
    if (l == Double.NEGATIVE_INFINITY) return sd.mul(upper);
    return sd.mul(upper.sub(h(mu.neg().add(l).div(sd))));
  }

  private static Tensor h(Tensor t) {
    Tensor cdf = t.div(SQRT2).erf().add(1).mul(0.5);
    Tensor pdf = t.square().mul(-0.5).exp().mul(INV_SQRT_2PI);
    return pdf.add(t.mul(cdf));
  }
}

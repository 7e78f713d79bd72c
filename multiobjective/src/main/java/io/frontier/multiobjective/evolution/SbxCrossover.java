package io.frontier.multiobjective.evolution;

import java.util.SplittableRandom;

/**
 * Simulated binary crossover with bounds (Deb and Agrawal 1995; the variant of Deb's NSGA-II code
 * and pymoo): with probability {@code probability} a pair is recombined; then each variable is
 * recombined with probability 1/2 when the parents differ, and the children swap it with
 * probability 1/2. Children are clipped to the bounds.
 */
public final class SbxCrossover {

    private final double eta;
    private final double probability;

    /**
     * @param eta distribution index (larger: children closer to the parents), e.g. 15
     * @param probability probability of recombining a pair, e.g. 0.9
     */
    public SbxCrossover(double eta, double probability) {
        if (!(eta >= 0) || !(probability >= 0 && probability <= 1)) {
            throw new IllegalArgumentException("SBX crossover: need eta >= 0 and probability in [0,1], got eta="
                    + eta + ", probability=" + probability);
        }
        this.eta = eta;
        this.probability = probability;
    }

    /** Two children of {@code p1} and {@code p2} (fresh arrays; the parents are not modified). */
    public double[][] apply(double[] p1, double[] p2, double[] lower, double[] upper, SplittableRandom rng) {
        double[] c1 = p1.clone();
        double[] c2 = p2.clone();
        if (rng.nextDouble() > probability) {
            return new double[][] {c1, c2};
        }
        for (int i = 0; i < p1.length; i++) {
            if (rng.nextDouble() > 0.5 || Math.abs(p1[i] - p2[i]) <= 1e-14) {
                continue;
            }
            double y1 = Math.min(p1[i], p2[i]);
            double y2 = Math.max(p1[i], p2[i]);
            double lo = lower[i];
            double hi = upper[i];
            double u = rng.nextDouble();
            double a = spread(1 + 2 * (y1 - lo) / (y2 - y1), u);
            double b = spread(1 + 2 * (hi - y2) / (y2 - y1), u);
            double v1 = clip(0.5 * ((y1 + y2) - a * (y2 - y1)), lo, hi);
            double v2 = clip(0.5 * ((y1 + y2) + b * (y2 - y1)), lo, hi);
            if (rng.nextDouble() <= 0.5) {
                c1[i] = v2;
                c2[i] = v1;
            } else {
                c1[i] = v1;
                c2[i] = v2;
            }
        }
        return new double[][] {c1, c2};
    }

    /** The spread factor beta_q for a bound-derived beta and a uniform draw u. */
    private double spread(double beta, double u) {
        double alpha = 2 - Math.pow(beta, -(eta + 1));
        if (u <= 1 / alpha) {
            return Math.pow(u * alpha, 1 / (eta + 1));
        }
        return Math.pow(1 / (2 - u * alpha), 1 / (eta + 1));
    }

    static double clip(double v, double lo, double hi) {
        return Math.max(lo, Math.min(hi, v));
    }
}

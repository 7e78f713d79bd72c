package io.frontier.multiobjective.evolution;

import java.util.SplittableRandom;

/**
 * Bounded polynomial mutation (Deb and Goyal 1996; the variant of Deb's NSGA-II code and pymoo):
 * each variable mutates with probability {@code probability}, the step distribution is set by the
 * index {@code eta} and scaled by the variable's range; results are clipped to the bounds.
 */
public final class PolynomialMutation {

    private final double eta;
    private final double probability;

    /**
     * @param eta distribution index (larger: smaller steps), e.g. 20
     * @param probability per-variable mutation probability, usually 1/n
     */
    public PolynomialMutation(double eta, double probability) {
        if (!(eta >= 0) || !(probability >= 0 && probability <= 1)) {
            throw new IllegalArgumentException("polynomial mutation: need eta >= 0 and probability in [0,1], got eta="
                    + eta + ", probability=" + probability);
        }
        this.eta = eta;
        this.probability = probability;
    }

    /** Mutates {@code x} in place. */
    public void apply(double[] x, double[] lower, double[] upper, SplittableRandom rng) {
        double power = 1 / (eta + 1);
        for (int i = 0; i < x.length; i++) {
            if (rng.nextDouble() >= probability) {
                continue;
            }
            double lo = lower[i];
            double hi = upper[i];
            if (hi <= lo) {
                continue;
            }
            double d1 = (x[i] - lo) / (hi - lo);
            double d2 = (hi - x[i]) / (hi - lo);
            double u = rng.nextDouble();
            double dq;
            if (u < 0.5) {
                double v = 2 * u + (1 - 2 * u) * Math.pow(1 - d1, eta + 1);
                dq = Math.pow(v, power) - 1;
            } else {
                double v = 2 * (1 - u) + 2 * (u - 0.5) * Math.pow(1 - d2, eta + 1);
                dq = 1 - Math.pow(v, power);
            }
            x[i] = SbxCrossover.clip(x[i] + dq * (hi - lo), lo, hi);
        }
    }
}

package io.frontier.multiobjective.evolution;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class OperatorsTest {

    private static final double[] LO = {-1, 0, 2};
    private static final double[] HI = {1, 5, 2.5};

    @Test
    void childrenStayInBoundsAndPreserveTheMidpoint() {
        SbxCrossover sbx = new SbxCrossover(15, 1.0);
        SplittableRandom rng = new SplittableRandom(5);
        for (int t = 0; t < 2000; t++) {
            double[] a = {rng.nextDouble(-1, 1), rng.nextDouble(0, 5), rng.nextDouble(2, 2.5)};
            double[] b = {rng.nextDouble(-1, 1), rng.nextDouble(0, 5), rng.nextDouble(2, 2.5)};
            double[][] c = sbx.apply(a, b, LO, HI, rng);
            for (int i = 0; i < 3; i++) {
                assertTrue(c[0][i] >= LO[i] && c[0][i] <= HI[i]);
                assertTrue(c[1][i] >= LO[i] && c[1][i] <= HI[i]);
            }
        }
        // far from the bounds the children are symmetric about the parents' midpoint
        double[][] c = sbx.apply(new double[] {0.4}, new double[] {0.6}, new double[] {-100}, new double[] {100},
                new SplittableRandom(1));
        assertEquals(1.0, c[0][0] + c[1][0], 1e-6);
    }

    @Test
    void noCrossoverAtProbabilityZero() {
        double[] a = {0.1, 1, 2.1};
        double[] b = {0.9, 4, 2.4};
        double[][] c = new SbxCrossover(15, 0).apply(a, b, LO, HI, new SplittableRandom(2));
        assertArrayEquals(a, c[0]);
        assertArrayEquals(b, c[1]);
    }

    @Test
    void mutationStaysInBoundsAndIsSmallOnAverage() {
        PolynomialMutation pm = new PolynomialMutation(20, 1.0);
        SplittableRandom rng = new SplittableRandom(9);
        double sum = 0;
        int n = 20000;
        for (int t = 0; t < n; t++) {
            double[] x = {0.5, 2.5, 2.25};
            pm.apply(x, LO, HI, rng);
            for (int i = 0; i < 3; i++) {
                assertTrue(x[i] >= LO[i] && x[i] <= HI[i]);
            }
            sum += Math.abs(x[1] - 2.5) / 5;
        }
        // from the middle, E|delta_q| = 1/(eta + 2) for the symmetric polynomial distribution
        assertEquals(1.0 / 22, sum / n, 0.003);
        double[] x = {0.5, 2.5, 2.25};
        new PolynomialMutation(20, 0).apply(x, LO, HI, rng);
        assertArrayEquals(new double[] {0.5, 2.5, 2.25}, x);
    }

    @Test
    void badParameters() {
        assertThrows(IllegalArgumentException.class, () -> new SbxCrossover(15, 1.5));
        assertThrows(IllegalArgumentException.class, () -> new PolynomialMutation(-1, 0.1));
    }
}

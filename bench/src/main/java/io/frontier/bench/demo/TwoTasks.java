package io.frontier.bench.demo;

import io.frontier.nn.Linear;
import io.frontier.nn.Losses;
import io.frontier.nn.MLP;
import io.frontier.tensor.DType;
import io.frontier.tensor.Generator;
import io.frontier.tensor.Tensor;
import io.frontier.tensor.backend.UnaryOp;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** A two-objective learning problem for {@link MgdaDemo}: shared parameters and two losses, both minimised. */
interface TwoTasks {

  /** The trainable parameters (all require grad). */
  List<Tensor> params();

  /** The two scalar losses at the current parameters, with their graphs. */
  List<Tensor> losses();

  /** Two quadratics on R^2 with minima a = (1, 1) and b = (-1, -1), started at {@code start}. */
  static TwoTasks quadratic(double[] start) {
    return new Quadratic(start);
  }

  /**
   * Two regression targets on x in [-1, 1] (64 points), y1 = sin(pi x) and y2 = cos(pi x), sharing
   * a tanh trunk 1-16-1 whose one-dimensional output feeds a linear head per target: both targets
   * must be affine in one feature, so they compete. {@code seed} draws the initial weights.
   */
  static TwoTasks sharedTrunk(long seed) {
    return new SharedTrunk(seed);
  }

  /**
   * f1(x) = |x - a|^2 and f2(x) = |x - b|^2. The Pareto set is the segment x = a + t (b - a),
   * t in [0, 1], so the front is (t^2 D, (1 - t)^2 D) with D = |a - b|^2 = 8, i.e.
   * sqrt(f1) + sqrt(f2) = sqrt(D).
   */
  final class Quadratic implements TwoTasks {
    static final double[] A = {1, 1};
    static final double[] B = {-1, -1};
    static final double D = 8;

    private final Tensor x;

    Quadratic(double[] start) {
      x = Tensor.of(start.clone()).requiresGrad_(true);
    }

    /** Starts uniform in [-3, 3]^2. */
    static double[][] starts(int count, long seed) {
      SplittableRandom random = new SplittableRandom(seed);
      double[][] s = new double[count][2];
      for (double[] p : s) for (int i = 0; i < 2; i++) p[i] = random.nextDouble(-3, 3);
      return s;
    }

    /** {@code points} points of the analytic front, sorted by f1. */
    static double[][] front(int points) {
      double[][] f = new double[points][];
      for (int i = 0; i < points; i++) {
        double t = (double) i / (points - 1);
        f[i] = new double[] {t * t * D, (1 - t) * (1 - t) * D};
      }
      return f;
    }

    @Override
    public List<Tensor> params() {
      return List.of(x);
    }

    @Override
    public List<Tensor> losses() {
      return List.of(x.sub(Tensor.of(A)).square().sum(), x.sub(Tensor.of(B)).square().sum());
    }
  }

  /** See {@link TwoTasks#sharedTrunk}. */
  final class SharedTrunk implements TwoTasks {
    private static final int POINTS = 64;

    private final MLP trunk;
    private final Linear head1;
    private final Linear head2;
    private final Tensor input;
    private final Tensor target1;
    private final Tensor target2;

    SharedTrunk(long seed) {
      Generator g = new Generator(seed);
      trunk = new MLP(UnaryOp.TANH, g, DType.FLOAT64, 1, 16, 1);
      head1 = new Linear(1, 1, true, g, DType.FLOAT64);
      head2 = new Linear(1, 1, true, g, DType.FLOAT64);
      Tensor x = Tensor.linspace(-1, 1, POINTS, DType.FLOAT64);
      input = x.reshape(POINTS, 1);
      target1 = x.mul(Math.PI).sin().reshape(POINTS, 1);
      target2 = x.mul(Math.PI).cos().reshape(POINTS, 1);
    }

    @Override
    public List<Tensor> params() {
      List<Tensor> p = new ArrayList<>(trunk.parameters());
      p.addAll(head1.parameters());
      p.addAll(head2.parameters());
      return p;
    }

    @Override
    public List<Tensor> losses() {
      Tensor feature = trunk.forward(input);
      return List.of(Losses.mse(head1.forward(feature), target1), Losses.mse(head2.forward(feature), target2));
    }
  }
}

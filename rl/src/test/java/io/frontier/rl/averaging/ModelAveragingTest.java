package io.frontier.rl.averaging;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.frontier.nn.Module;
import io.frontier.tensor.DType;
import io.frontier.tensor.Tensor;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Interpolation on hand-set parameters, where every averaged value is known exactly. */
class ModelAveragingTest {

  /** A weight {@code w} (2, 2) and a child {@code head} with a bias (2): names "w" and "head.b". */
  static final class Hand extends Module {
    final Tensor w;
    final Tensor b;

    Hand(double[] w, double[] b, DType dtype) {
      this.w = parameter("w", Tensor.of(w).reshape(2, 2).to(dtype)).get();
      this.b = child("head", new Head(Tensor.of(b).to(dtype))).b;
    }

    Hand(double[] w, double[] b) {
      this(w, b, DType.FLOAT64);
    }
  }

  static final class Head extends Module {
    final Tensor b;

    Head(Tensor b) {
      this.b = parameter("b", b).get();
    }
  }

  /** A module with arbitrary parameter names and shapes, for the mismatch errors. */
  static final class Loose extends Module {
    Loose(Map<String, int[]> shapes) {
      shapes.forEach((name, shape) -> parameter(name, Tensor.zeros(DType.FLOAT64, shape)));
    }
  }

  private static Hand base() {
    return new Hand(new double[] {1, 2, -4, 8}, new double[] {0.5, -3});
  }

  private static Hand tuned() {
    return new Hand(new double[] {5, -2, 0, 16}, new double[] {2.5, 1});
  }

  private static Hand zeros() {
    return new Hand(new double[4], new double[2]);
  }

  @Test
  void alphaZeroIsTheBaseAlphaOneTheTunedAndAQuarterIsTheHandComputedMix() {
    for (DType dtype : List.of(DType.FLOAT64, DType.FLOAT32)) {
      Hand base = new Hand(new double[] {1, 2, -4, 8}, new double[] {0.5, -3}, dtype);
      Hand tuned = new Hand(new double[] {5, -2, 0, 16}, new double[] {2.5, 1}, dtype);
      Hand target = new Hand(new double[4], new double[2], dtype);
      ModelAveraging.interpolate(target, base, tuned, 0);
      assertArrayEquals(base.w.toDoubleArray(), target.w.toDoubleArray(), 0.0, dtype.toString());
      assertArrayEquals(base.b.toDoubleArray(), target.b.toDoubleArray(), 0.0, dtype.toString());
      ModelAveraging.interpolate(target, base, tuned, 1);
      assertArrayEquals(tuned.w.toDoubleArray(), target.w.toDoubleArray(), 0.0, dtype.toString());
      assertArrayEquals(tuned.b.toDoubleArray(), target.b.toDoubleArray(), 0.0, dtype.toString());
      // 0.75 theta_0 + 0.25 theta: every value below is exact in binary
      ModelAveraging.interpolate(target, base, tuned, 0.25);
      assertArrayEquals(new double[] {2, 1, -3, 10}, target.w.toDoubleArray(), 0.0, dtype.toString());
      assertArrayEquals(new double[] {1, -2}, target.b.toDoubleArray(), 0.0, dtype.toString());
      assertArrayEquals(new double[] {1, 2, -4, 8}, base.w.toDoubleArray(), 0.0, "the base is read, not written");
      assertArrayEquals(new double[] {5, -2, 0, 16}, tuned.w.toDoubleArray(), 0.0, "the tuned model is read, not written");
    }
  }

  @Test
  void interpolationWritesInPlaceWithoutRecordingAGraph() {
    Hand target = zeros();
    Tensor w = target.w;
    ModelAveraging.interpolate(target, base(), tuned(), 0.5);
    assertSame(w, target.parameters().get(0), "an optimizer holding the parameter sees the new values");
    for (Tensor p : target.parameters()) {
      assertTrue(p.isLeaf() && p.requiresGrad(), "still a trainable leaf");
      assertNull(p.gradFn());
      assertNull(p.grad());
    }
    target.w.mul(target.w).sum().backward();
    assertArrayEquals(new double[] {6, 0, -4, 24}, target.w.grad().toDoubleArray(), 0.0, "d sum(w^2)/dw = 2w at w = (3, 0, -2, 12)");
  }

  @Test
  void theTargetMayBeOneOfTheEndpoints() {
    Hand base = base();
    Hand tuned = tuned();
    ModelAveraging.interpolate(tuned, base, tuned, 0.25);
    assertArrayEquals(new double[] {2, 1, -3, 10}, tuned.w.toDoubleArray(), 0.0);
    Hand base2 = base();
    ModelAveraging.interpolate(base2, base2, tuned(), 0.0);
    assertArrayEquals(new double[] {1, 2, -4, 8}, base2.w.toDoubleArray(), 0.0);
  }

  @Test
  void heterogeneousAveragingGivesEachBlockItsOwnRatio() {
    Hand target = zeros();
    ModelAveraging.interpolate(target, base(), tuned(), ParameterBlocks.byPrefixes("head.", ""), 0.5, 0.25);
    assertArrayEquals(new double[] {1.5, -1}, target.b.toDoubleArray(), 0.0, "head: alpha 0.5");
    assertArrayEquals(new double[] {2, 1, -3, 10}, target.w.toDoubleArray(), 0.0, "the rest: alpha 0.25");
    ModelAveraging.interpolate(target, base(), tuned(), name -> 0, 0.25);
    assertArrayEquals(new double[] {1, -2}, target.b.toDoubleArray(), 0.0, "one block is uniform averaging");
  }

  @Test
  void sweepScoresEachAlphaOfTheGridInOrder() {
    Hand target = zeros();
    List<AveragingPoint> curve = ModelAveraging.sweep(target, base(), tuned(), new double[] {0, 0.25, 0.5, 1},
        m -> ((Hand) m).w.toDoubleArray()[0], m -> ((Hand) m).b.toDoubleArray()[1]);
    assertEquals(4, curve.size());
    double[][] expected = {{1, -3}, {2, -2}, {3, -1}, {5, 1}};
    for (int i = 0; i < 4; i++) assertArrayEquals(expected[i], curve.get(i).scores(), 0.0, "point " + i);
    assertEquals(0.25, curve.get(1).meanAlpha());
    assertArrayEquals(new double[] {5, -2, 0, 16}, target.w.toDoubleArray(), 0.0, "the target keeps the last alpha");

    List<AveragingPoint> hma = ModelAveraging.sweep(target, base(), tuned(), ParameterBlocks.byPrefixes("w", "head."),
        List.of(new double[] {0.25, 0.75}, new double[] {0.75, 0.25}), m -> ((Hand) m).w.toDoubleArray()[0], m -> ((Hand) m).b.toDoubleArray()[1]);
    assertArrayEquals(new double[] {2, 0}, hma.get(0).scores(), 0.0);
    assertArrayEquals(new double[] {4, -2}, hma.get(1).scores(), 0.0);
    assertEquals(0.5, hma.get(1).meanAlpha());
    assertArrayEquals(new double[] {0.75, 0.25}, hma.get(1).alphas(), 0.0);
  }

  @Test
  void architectureMismatchesAreNamed() {
    Module ref = new Loose(Map.of("a", new int[] {2, 3}, "b", new int[] {4}));
    Module missing = new Loose(Map.of("a", new int[] {2, 3}));
    Module extra = new Loose(Map.of("a", new int[] {2, 3}, "b", new int[] {4}, "c", new int[] {1}));
    Module reshaped = new Loose(Map.of("a", new int[] {3, 2}, "b", new int[] {4}));
    assertMessage("base lacks [b]", () -> ModelAveraging.interpolate(ref, missing, ref, 0.5));
    assertMessage("tuned has unexpected [c]", () -> ModelAveraging.interpolate(ref, ref, extra, 0.5));
    assertMessage("a is [2, 3] in target, [3, 2] in tuned", () -> ModelAveraging.interpolate(ref, ref, reshaped, 0.5));
    assertMessage("base lacks [b]; tuned has unexpected [c]", () -> ModelAveraging.interpolate(ref, missing, extra, 0.5));
    Hand target = zeros();
    double before = target.w.toDoubleArray()[0];
    assertMessage("ModelAveraging.interpolate: the modules differ in architecture", () -> ModelAveraging.interpolate(target, base(), ref, 0.5));
    assertEquals(before, target.w.toDoubleArray()[0], "nothing is written when the check fails");
  }

  @Test
  void badRatiosAndBlocksAreNamed() {
    assertMessage("ModelAveraging.interpolate: alpha must be in [0, 1], got 1.5", () -> ModelAveraging.interpolate(zeros(), base(), tuned(), 1.5));
    assertMessage("alpha must be in [0, 1], got NaN", () -> ModelAveraging.interpolate(zeros(), base(), tuned(), Double.NaN));
    assertMessage("alphas[1] must be in [0, 1], got -0.1",
        () -> ModelAveraging.interpolate(zeros(), base(), tuned(), ParameterBlocks.byPrefixes("w", ""), 0.5, -0.1));
    assertMessage("parameter 'head.b' is in block 2, but there are 2 alphas (blocks 0..1)",
        () -> ModelAveraging.interpolate(zeros(), base(), tuned(), name -> name.startsWith("head") ? 2 : 0, 0.5, 0.5));
    assertMessage("block 1 holds no parameters (3 alphas given)",
        () -> ModelAveraging.interpolate(zeros(), base(), tuned(), ParameterBlocks.byPrefixes("w", "x", ""), 0.1, 0.2, 0.3));
    assertMessage("parameter 'head.b' matches none of [w, tail.]",
        () -> ModelAveraging.interpolate(zeros(), base(), tuned(), ParameterBlocks.byPrefixes("w", "tail."), 0.1, 0.2));
    assertMessage("alpha vector 1 has 1 blocks, vector 0 has 2", () -> ModelAveraging.sweep(zeros(), base(), tuned(),
        ParameterBlocks.byPrefixes("w", ""), List.of(new double[] {0, 1}, new double[] {1}), m -> 0, m -> 0));
    assertMessage("ModelAveraging.sweep: alphaGrid[2] must be in [0, 1], got 2.0",
        () -> ModelAveraging.sweep(zeros(), base(), tuned(), new double[] {0, 1, 2}, m -> 0, m -> 0));
    Hand tuned = tuned();
    assertMessage("ModelAveraging.sweep: target is the tuned module; a sweep overwrites the target at every point",
        () -> ModelAveraging.sweep(tuned, base(), tuned, new double[] {0, 1}, m -> 0, m -> 0));
    assertMessage("ModelAveraging.sweep: scoreB is null", () -> ModelAveraging.sweep(zeros(), base(), tuned(), new double[] {0}, m -> 0, null));
  }

  private static void assertMessage(String part, org.junit.jupiter.api.function.Executable e) {
    IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, e);
    assertTrue(ex.getMessage().contains(part), () -> "message '" + ex.getMessage() + "' lacks '" + part + "'");
  }
}

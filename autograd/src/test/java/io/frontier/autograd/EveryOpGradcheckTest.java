package io.frontier.autograd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.frontier.tensor.DType;
import io.frontier.tensor.Device;
import io.frontier.tensor.Fused;
import io.frontier.tensor.LinAlg;
import io.frontier.tensor.Generator;
import io.frontier.tensor.GradFn;
import io.frontier.tensor.Tensor;
import io.frontier.tensor.backend.BinaryOp;
import io.frontier.tensor.backend.UnaryOp;
import java.util.ArrayDeque;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Supplier;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every differentiable op the engine registers is gradchecked here (central differences in
 * float64). The first test fails when an op is registered without a case below, so a new op
 * cannot land without its gradient check.
 */
class EveryOpGradcheckTest {
  /** Ops checked elsewhere, with where: each must still be registered. */
  static final Map<String, String> CHECKED_ELSEWHERE = Map.of(
      "toDevice", "needs a second device: kernels-cuda's GPU-tagged AutogradOnCudaTest",
      "toDType", "float32 rounding defeats finite differences: EngineTest.castsPassTheGradientBackInTheInputDtype");

  /** A case: the function to check and a supplier of fresh float64 leaf inputs. */
  record Case(Function<Tensor[], Tensor> f, Supplier<Tensor[]> inputs) {}

  static final Generator G = new Generator(2024);

  /** Where the cases' inputs and constants live: the CPU here, a GPU in kernels-cuda's sweep. */
  private static Device device = Device.CPU;

  static Tensor leaf(Tensor t) {
    return t.to(DType.FLOAT64).to(device).requiresGrad_(true);
  }

  /** A constant of a case, on the cases' device. */
  static Tensor on(Tensor t) {
    return t.to(device);
  }

  /** The cases with inputs and constants on {@code d} (the generator continues its stream). */
  static synchronized Map<String, Case> cases(Device d) {
    Device previous = device;
    device = d;
    try {
      return cases();
    } finally {
      device = previous;
    }
  }

  /** Uniform in [lo, hi). */
  static Tensor u(double lo, double hi, int... shape) {
    return leaf(Tensor.rand(G, DType.FLOAT64, shape).mul(hi - lo).add(lo));
  }

  /** Magnitudes in [0.3, 2) with random signs: away from the kinks of abs, relu, sign. */
  static Tensor signed(int... shape) {
    Tensor mag = Tensor.rand(G, DType.FLOAT64, shape).mul(1.7).add(0.3);
    Tensor sign = Tensor.rand(G, DType.FLOAT64, shape).gt(0.5).to(DType.FLOAT64).mul(2.0).sub(1.0);
    return leaf(mag.mul(sign));
  }

  /** Values k + [0.2, 0.8) for integers k in [-3, 3): away from rounding steps. */
  static Tensor offGrid(int... shape) {
    Tensor k = Tensor.rand(G, DType.FLOAT64, shape).mul(6).floor().sub(3.0);
    return leaf(k.add(Tensor.rand(G, DType.FLOAT64, shape).mul(0.6).add(0.2)));
  }

  static Map<String, Case> cases() {
    Map<String, Case> c = new LinkedHashMap<>();
    for (UnaryOp op : UnaryOp.values()) {
      if (op.domain() == UnaryOp.Domain.PREDICATE) continue;
      Supplier<Tensor[]> in = switch (op) {
        case LOG, SQRT, RSQRT, RECIPROCAL, LOG1P -> () -> new Tensor[] {u(0.5, 2.0, 3, 4)};
        case FLOOR, CEIL, ROUND, TRUNC -> () -> new Tensor[] {offGrid(3, 4)};
        case SOFTPLUS -> () -> new Tensor[] {leaf(Tensor.of(-3.0, -0.5, 0.7, 19.0, 21.0, 30.0))};
        default -> () -> new Tensor[] {signed(3, 4)};
      };
      c.put("unary." + op, new Case(x -> x[0].apply(op), in));
    }
    for (BinaryOp op : BinaryOp.values()) {
      if (op.returnsBool()) continue;
      Supplier<Tensor[]> in = switch (op) {
        case POW -> () -> new Tensor[] {u(0.5, 2.0, 3, 4), u(-1.5, 1.5, 4)};
        case DIV -> () -> new Tensor[] {signed(3, 4), signed(4)};
        case REMAINDER, FLOOR_DIVIDE -> () -> new Tensor[] {
            leaf(Tensor.of(new double[][] {{0.5, 2.3, -1.1, 4.4}, {-3.9, 1.2, 0.45, 2.9}})), leaf(Tensor.of(1.7, 1.7, -1.9, 1.3))};
        default -> () -> new Tensor[] {signed(3, 4), signed(4)}; // (3, 4) op (4,): the broadcast is summed back
      };
      c.put("binary." + op, new Case(x -> x[0].apply(op, x[1]), in));
    }
    c.put("reduce.SUM", new Case(x -> x[0].sum(new int[] {0, 2}, false), () -> new Tensor[] {signed(2, 3, 4)}));
    c.put("reduce.PROD", new Case(x -> x[0].prod(1, true), () -> new Tensor[] {leaf(Tensor.of(new double[][] {{0.5, -1.2, 2.0}, {0.0, 1.5, -0.7}}))}));
    c.put("reduce.MAX", new Case(x -> x[0].amax(new int[] {1}, false), () -> new Tensor[] {signed(3, 5)}));
    c.put("reduce.MIN", new Case(x -> x[0].amin(new int[] {0}, true), () -> new Tensor[] {signed(3, 5)}));
    c.put("scan.CUMSUM", new Case(x -> x[0].cumsum(1), () -> new Tensor[] {signed(3, 5)}));
    c.put("scan.CUMPROD", new Case(x -> x[0].cumprod(1), () -> new Tensor[] {signed(3, 5)}));
    c.put("view.reshape", new Case(x -> x[0].reshape(4, 3).mul(x[0].reshape(4, 3)), () -> new Tensor[] {signed(2, 6)}));
    c.put("view.transpose", new Case(x -> x[0].transpose(0, 2).mul(2.0), () -> new Tensor[] {signed(2, 3, 4)}));
    c.put("view.permute", new Case(x -> x[0].permute(2, 0, 1).square(), () -> new Tensor[] {signed(2, 3, 4)}));
    c.put("view.expand", new Case(x -> x[0].expand(2, 3, 4).square(), () -> new Tensor[] {signed(3, 1)}));
    c.put("view.slice", new Case(x -> x[0].slice(1, 1, 6, 2).square(), () -> new Tensor[] {signed(3, 7)}));
    // split and chunk are one node: every part used (weighted differently), one part unused (its
    // slice of the gradient is zero), uneven sizes, and a part used twice
    c.put("split", new Case(x -> {
      List<Tensor> p = x[0].split(new int[] {2, 1, 4}, 1);
      List<Tensor> q = x[0].chunk(3, 0);
      return flatCat(p.get(0).square(), p.get(2).mul(p.get(2).sin()), q.get(1).exp(), q.get(1).mul(2.0));
    }, () -> new Tensor[] {signed(3, 7)}));
    c.put("view.select", new Case(x -> x[0].select(0, 1).square(), () -> new Tensor[] {signed(3, 4)}));
    c.put("view.diagonal", new Case(x -> x[0].diagonal(1, 0, 1).square(), () -> new Tensor[] {signed(4, 5)}));
    c.put("clamp", new Case(x -> x[0].clamp(-0.8, 0.9).add(x[0].clamp(x[1], x[2]).mul(3.0)),
        () -> new Tensor[] {signed(3, 4), u(-1.0, -0.1, 4), u(0.1, 1.0, 3, 1)}));
    c.put("where", new Case(x -> Tensor.where(x[0].gt(0.0), x[0].square(), x[1]), () -> new Tensor[] {signed(3, 4), signed(4)}));
    c.put("indexReduce", new Case(x -> x[0].max(1).values(), () -> new Tensor[] {signed(3, 5)}));
    c.put("softmax", new Case(x -> x[0].softmax(1).mul(x[0].logSoftmax(0)), () -> new Tensor[] {signed(3, 4)}));
    // heads split from one tensor: (2, 4, 3, 5) viewed as (2, 3, 4, 5) does not flatten its batch dims
    c.put("matmul4", new Case(x -> flatCat(
        x[0].transpose(1, 2).matmul(x[1]),
        x[0].transpose(1, 2).matmul(x[2]),
        x[1].transpose(2, 3).matmul(x[0].transpose(1, 2).transpose(2, 3))),
        () -> new Tensor[] {signed(2, 4, 3, 5), signed(2, 3, 5, 6), signed(1, 3, 5, 6)}));
    c.put("linear", new Case(x -> flatCat(
        Fused.linear(x[0], x[1], x[2]),
        Fused.linear(x[0], x[1], null),
        Fused.linear(x[0].select(1, 2), x[1], x[2]),
        Fused.linear(x[0].transpose(0, 1), x[1], x[2])), () -> new Tensor[] {signed(2, 3, 4), signed(5, 4), signed(5)}));
    c.put("causalSoftmax", new Case(x -> flatCat(
        Fused.causalSoftmax(x[0], 0.7, 0),
        Fused.causalSoftmax(x[0], -1.3, 2)), () -> new Tensor[] {signed(2, 3, 5)}));
    c.put("attention", new Case(x -> flatCat(
        Fused.causalAttention(x[0], x[1], x[2], 0.7, 0).out(),
        Fused.causalAttention(x[0], x[1], x[2], -1.1, 3).out(),
        Fused.attention(x[0].transpose(0, 1), x[1].transpose(0, 1), x[2].transpose(0, 1), 0.4).out()),
        () -> new Tensor[] {signed(2, 3, 3, 4), signed(2, 3, 5, 4), signed(2, 3, 5, 4)}));
    c.put("bmm", new Case(x -> x[0].bmm(x[1]), () -> new Tensor[] {signed(2, 3, 4), signed(2, 4, 2)}));
    c.put("clone", new Case(x -> x[0].clone().square(), () -> new Tensor[] {signed(5)}));
    Tensor gatherIndex = on(Tensor.of(new long[] {2, 0, 2, 1, 1, 0}).reshape(2, 3));
    c.put("gather", new Case(x -> x[0].gather(1, gatherIndex), () -> new Tensor[] {signed(2, 4)}));
    Tensor selectIndex = on(Tensor.of(new long[] {3, 0, 3}));
    c.put("indexSelect", new Case(x -> x[0].indexSelect(1, selectIndex), () -> new Tensor[] {signed(2, 4)}));
    c.put("sort", new Case(x -> x[0].sort(1, false).values().mul(Tensor.arange(5).to(DType.FLOAT64).to(x[0].device())), () -> new Tensor[] {signed(3, 5)}));
    // pads the last dim by (1, 2) and crops the one before by (1, 0): both directions of the backward
    c.put("pad", new Case(x -> x[0].pad(new int[] {1, 2, -1, 0}, 0.5).square(), () -> new Tensor[] {signed(2, 3, 4)}));
    Tensor scatterIndex = on(Tensor.of(new long[] {1, 3, 0, 2}).reshape(1, 4));
    c.put("scatter", new Case(x -> x[0].scatter(1, scatterIndex, x[1]), () -> new Tensor[] {signed(2, 5), signed(2, 4)}));
    Tensor addIndex = on(Tensor.of(new long[] {2, 0, 2}));
    c.put("indexAdd", new Case(x -> x[0].indexAdd(0, addIndex, x[1]), () -> new Tensor[] {signed(4, 2), signed(3, 2)}));
    c.put("cat", new Case(x -> Tensor.cat(List.of(x[0], x[1].square()), 1), () -> new Tensor[] {signed(2, 3), signed(2, 2)}));
    linAlgCases(c);
    fusedCases(c);
    return c;
  }

  /** The n x n identity on {@code like}'s device (case functions run after cases() returned). */
  static Tensor eye(int n, Tensor like) {
    return Tensor.eye(n, n, DType.FLOAT64).to(like.device());
  }

  /** Flattens and joins the parts of a case's output. */
  static Tensor flatCat(Tensor... parts) {
    return Tensor.cat(java.util.Arrays.stream(parts).map(t -> t.reshape(-1)).toList(), 0);
  }

  /**
   * Well-conditioned inputs: M + 3I for M with entries of magnitude below 2 (diagonally weighted, so
   * triangles have diagonals away from 0), SPD matrices X X^T + 3I formed inside the function so the
   * check runs over a general X and covers the symmetric-gradient convention.
   */
  static void linAlgCases(Map<String, Case> c) {
    // Lower and upper factors of a batch of two SPD matrices.
    c.put("cholesky", new Case(x -> {
      Tensor a = x[0].matmul(x[0].mT()).add(eye(3, x[0]).mul(3.0));
      // and choleskyEx's factor (torch.linalg.cholesky_ex), recorded as cholesky
      return flatCat(LinAlg.cholesky(a), LinAlg.cholesky(a, true).mul(2.0), LinAlg.choleskyEx(a).l().mul(3.0));
    }, () -> new Tensor[] {u(-1, 1, 2, 3, 3)}));
    // All eight (upper, left, unitriangular) combinations; A (3, 3) broadcasts over B's batch of 2.
    c.put("solveTriangular", new Case(x -> {
      Tensor a = x[0].add(eye(3, x[0]).mul(3.0));
      List<Tensor> parts = new java.util.ArrayList<>();
      for (boolean upper : new boolean[] {false, true}) {
        for (boolean unit : new boolean[] {false, true}) {
          parts.add(LinAlg.solveTriangular(a, x[1], upper, true, unit));
          parts.add(LinAlg.solveTriangular(a, x[1].mT(), upper, false, unit));
        }
      }
      return flatCat(parts.toArray(new Tensor[0]));
    }, () -> new Tensor[] {u(-1, 1, 3, 3), signed(2, 3, 2)}));
    // Matrix and vector right-hand sides.
    c.put("solve", new Case(x -> {
      Tensor a = x[0].add(eye(3, x[0]).mul(3.0));
      return flatCat(LinAlg.solve(a, x[1]), LinAlg.solve(a, x[2]));
    }, () -> new Tensor[] {u(-1, 1, 2, 3, 3), signed(2, 3, 2), signed(2, 3)}));
    c.put("inv", new Case(x -> LinAlg.inv(x[0].add(eye(3, x[0]).mul(3.0))), () -> new Tensor[] {u(-1, 1, 2, 3, 3)}));
    // log|det| of a positive- and a negative-determinant matrix, plus det and logdet built on slogdet.
    c.put("slogdet", new Case(x -> {
      Tensor a = x[0].add(eye(3, x[0]).mul(3.0));
      Tensor flipped = a.mul(Tensor.of(-1.0, 1.0, 1.0).to(a.device())); // negates column 0: det < 0
      return flatCat(LinAlg.slogdet(a).logAbsDet(), LinAlg.slogdet(flipped).logAbsDet(), LinAlg.det(flipped), LinAlg.logdet(a));
    }, () -> new Tensor[] {u(-1, 1, 2, 3, 3)}));
  }

  /** The fused ops with and without their optional weight and bias, ignore index and label smoothing. */
  static void fusedCases(Map<String, Case> c) {
    c.put("layerNorm", new Case(x -> flatCat(
        Fused.layerNorm(x[0], x[1], x[2], 1e-5).out(),
        Fused.layerNorm(x[0], null, null, 1e-5).out(),
        Fused.layerNorm(x[0], x[1], null, 1e-5).out(),
        Fused.layerNorm(x[0], null, x[2], 1e-5).out()), () -> new Tensor[] {signed(2, 3, 4), signed(4), signed(4)}));
    c.put("rmsNorm", new Case(x -> flatCat(
        Fused.rmsNorm(x[0], x[1], 1e-5).out(),
        Fused.rmsNorm(x[0], null, 1e-5).out()), () -> new Tensor[] {signed(2, 3, 4), signed(4)}));
    Tensor target = on(Tensor.of(new long[] {1, -100, 4, 0}));
    Tensor target4 = on(Tensor.of(new long[] {1, 4, 3, 4})); // class 4 ignored
    c.put("crossEntropy", new Case(x -> flatCat(
        Fused.crossEntropy(x[0], target, -100, 0.0).losses(),
        Fused.crossEntropy(x[0], target, -100, 0.1).losses(),
        Fused.crossEntropy(x[0], target4, 4, 0.2).losses()), () -> new Tensor[] {signed(4, 5)}));
  }

  @Test
  void everyRegisteredOpHasAGradcheckCase() {
    Set<String> registered = new TreeSet<>(Derivatives.registeredOps());
    Set<String> covered = new TreeSet<>(cases().keySet());
    covered.addAll(CHECKED_ELSEWHERE.keySet());
    assertEquals(registered, covered, "registered differentiable ops vs ops with a gradient check");
  }

  @TestFactory
  List<DynamicTest> gradcheckEveryOp() {
    return cases().entrySet().stream().map(e -> DynamicTest.dynamicTest(e.getKey(), () -> {
      Tensor[] in = e.getValue().inputs().get();
      Tensor out = e.getValue().f().apply(in);
      assertTrue(graphContains(out, e.getKey()), e.getKey() + ": the case does not record that op");
      GradCheck.check(e.getValue().f(), in);
    })).toList();
  }

  /** True when the graph behind {@code out} has a node named {@code name}. */
  static boolean graphContains(Tensor out, String name) {
    ArrayDeque<Node> todo = new ArrayDeque<>();
    IdentityHashMap<Node, Boolean> seen = new IdentityHashMap<>();
    GradFn fn = out.gradFn();
    if (fn instanceof Node n) todo.add(n);
    while (!todo.isEmpty()) {
      Node n = todo.pop();
      if (n.name().equals(name)) return true;
      for (Edge e : n.next) {
        if (e != null && e.target() instanceof Node m && seen.put(m, true) == null) todo.add(m);
      }
    }
    return false;
  }
}

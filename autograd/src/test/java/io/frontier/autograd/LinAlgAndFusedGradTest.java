package io.frontier.autograd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.frontier.tensor.DType;
import io.frontier.tensor.Fused;
import io.frontier.tensor.Generator;
import io.frontier.tensor.Grad;
import io.frontier.tensor.LinAlg;
import io.frontier.tensor.Tensor;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** Linear algebra and fused-op gradients beyond the gradchecks: conventions, masks and agreement with composites. */
class LinAlgAndFusedGradTest {
  static final Generator G = new Generator(7);

  static double[] values(Tensor t) {
    return t.to(DType.FLOAT64).contiguous().toDoubleArray();
  }

  static Tensor spd(int n) {
    Tensor m = Tensor.randn(G, DType.FLOAT64, n, n);
    return m.matmul(m.mT()).add(Tensor.eye(n, n, DType.FLOAT64).mul((double) n));
  }

  @Test
  void choleskyGradientIsSymmetricAndGivesTheInverseForLogdet() {
    // log det A = 2 sum(log diag L): its gradient at a symmetric A is A^{-1} (symmetric), under the
    // symmetric-gradient convention, though cholesky reads only one triangle.
    for (boolean upper : new boolean[] {false, true}) {
      Tensor a = spd(4).requiresGrad_(true);
      Tensor l = LinAlg.cholesky(a, upper);
      l.diagonal().log().sum().mul(2.0).backward();
      Tensor inv;
      try (Grad.Scope s = Grad.noGrad()) {
        inv = LinAlg.inv(a);
      }
      assertArrayEquals(values(inv), values(a.grad()), 1e-10, "upper=" + upper);
      assertArrayEquals(values(a.grad().mT()), values(a.grad()), 1e-12);
    }
  }

  @Test
  void choleskySolveAndDetAreDifferentiableThroughTheirParts() {
    Function<Tensor[], Tensor> f = x -> {
      Tensor a = x[0].matmul(x[0].mT()).add(Tensor.eye(3, 3, DType.FLOAT64).mul(3.0));
      Tensor lower = LinAlg.choleskySolve(x[1], LinAlg.cholesky(a), false);
      Tensor upper = LinAlg.choleskySolve(x[1], LinAlg.cholesky(a, true), true);
      return Tensor.cat(List.of(lower.reshape(-1), upper.reshape(-1), LinAlg.det(a).reshape(-1)), 0);
    };
    GradCheck.check(f, Tensor.randn(G, DType.FLOAT64, 3, 3).requiresGrad_(true), Tensor.randn(G, DType.FLOAT64, 3, 2).requiresGrad_(true));
  }

  @Test
  void decompositionsWithoutGradientsRefuseInputsThatRequireGrad() {
    Tensor a = spd(3).requiresGrad_(true);
    for (Runnable op : List.<Runnable>of(() -> LinAlg.eigh(a), () -> LinAlg.qr(a), () -> LinAlg.svd(a))) {
      UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class, op::run);
      assertTrue(e.getMessage().contains("gradients are not supported yet"), e.getMessage());
    }
    try (Grad.Scope s = Grad.noGrad()) {
      assertDoesNotThrow(() -> LinAlg.eigh(a));
    }
    assertDoesNotThrow(() -> LinAlg.svd(a.detach()));
  }

  @Test
  void crossEntropyGivesIgnoredRowsZeroGradient() {
    for (DType dtype : new DType[] {DType.FLOAT32, DType.FLOAT64}) {
      Tensor logits = Tensor.randn(G, dtype, 3, 4).requiresGrad_(true);
      Tensor target = Tensor.of(new long[] {2, -100, 0});
      Fused.CrossEntropy ce = Fused.crossEntropy(logits, target, -100, 0.0);
      assertFalse(ce.logSumExp().requiresGrad());
      ce.losses().sum().backward();
      assertEquals(dtype, logits.grad().dtype());
      double[] g = values(logits.grad());
      double[] p = values(logits.detach().softmax(1));
      for (int r = 0; r < 3; r++) {
        for (int j = 0; j < 4; j++) {
          double expected = r == 1 ? 0.0 : p[r * 4 + j] - (j == (r == 0 ? 2 : 0) ? 1 : 0); // softmax - one-hot
          assertEquals(expected, g[r * 4 + j], dtype == DType.FLOAT32 ? 1e-6 : 1e-12, "row " + r + ", class " + j);
        }
      }
    }
  }

  @Test
  void fusedNormsAgreeWithTheirCompositeFormulas() {
    Tensor x0 = Tensor.randn(G, DType.FLOAT64, 2, 3, 5);
    Tensor w0 = Tensor.randn(G, DType.FLOAT64, 5);
    Tensor b0 = Tensor.randn(G, DType.FLOAT64, 5);
    Tensor seed = Tensor.randn(G, DType.FLOAT64, 2, 3, 5);
    double eps = 1e-5;
    for (boolean rms : new boolean[] {false, true}) {
      Tensor[] fused = {x0.clone().requiresGrad_(true), w0.clone().requiresGrad_(true), b0.clone().requiresGrad_(true)};
      Tensor[] plain = {x0.clone().requiresGrad_(true), w0.clone().requiresGrad_(true), b0.clone().requiresGrad_(true)};
      Tensor out = rms
          ? Fused.rmsNorm(fused[0], fused[1], eps).out().add(fused[2])
          : Fused.layerNorm(fused[0], fused[1], fused[2], eps).out();
      Tensor centred = rms ? plain[0] : plain[0].sub(plain[0].mean(-1, true));
      Tensor ref = centred.mul(centred.square().mean(-1, true).add(eps).rsqrt()).mul(plain[1]).add(plain[2]);
      assertArrayEquals(values(ref), values(out), 1e-12);
      out.backward(seed);
      ref.backward(seed);
      for (int i = 0; i < 3; i++) assertArrayEquals(values(plain[i].grad()), values(fused[i].grad()), 1e-10, "rms=" + rms + ", input " + i);
      assertTrue(EveryOpGradcheckTest.graphContains(out, rms ? "rmsNorm" : "layerNorm"));
    }
  }

  @Test
  void normStatisticsDoNotRequireGrad() {
    Tensor x = Tensor.randn(G, DType.FLOAT32, 4, 8).requiresGrad_(true);
    Fused.LayerNorm ln = Fused.layerNorm(x, null, null, 1e-5);
    assertTrue(ln.out().requiresGrad());
    assertFalse(ln.mean().requiresGrad());
    assertFalse(ln.rstd().requiresGrad());
    Fused.RmsNorm rn = Fused.rmsNorm(x, null, 1e-5);
    assertTrue(rn.out().requiresGrad());
    assertFalse(rn.rstd().requiresGrad());
    // A weight that alone requires grad gets its gradient; x gets none.
    Tensor w = Tensor.ones(DType.FLOAT32, 8).requiresGrad_(true);
    Tensor xd = x.detach();
    Fused.layerNorm(xd, w, null, 1e-5).out().sum().backward();
    assertEquals(8, w.grad().numel());
    assertEquals(null, xd.grad());
  }
}

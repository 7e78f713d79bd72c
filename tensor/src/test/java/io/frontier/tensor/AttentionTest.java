package io.frontier.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * Fused.causalAttention, Fused.attention and Fused.attentionBackward against a naive float64
 * attention written here from the definition (the whole (Tq, Tk) probability matrix formed, its
 * backward by the chain rule through it), against central finite differences of the CPU op itself,
 * and against the ops it replaces (q k^T, causalSoftmax, times v); on awkward sizes, offsets,
 * head layouts cut from a fused projection, and float32.
 */
class AttentionTest {

  /** Out, lse and the gradients for pairs of (Tq, D) / (Tk, D) matrices stored densely. */
  private record Reference(double[] out, double[] lse, double[] dq, double[] dk, double[] dv) {}

  private static Reference naive(double[] q, double[] k, double[] v, double[] g, int pairs, int tq, int tk, int d, double scale, int offset) {
    double[] out = new double[pairs * tq * d], lse = new double[pairs * tq];
    double[] dq = new double[pairs * tq * d], dk = new double[pairs * tk * d], dv = new double[pairs * tk * d];
    for (int p = 0; p < pairs; p++) {
      double[][] prob = new double[tq][tk];
      for (int i = 0; i < tq; i++) {
        double[] s = new double[tk];
        double m = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < tk; j++) {
          if ((long) j > (long) i + offset) continue;
          for (int c = 0; c < d; c++) s[j] += q[(p * tq + i) * d + c] * k[(p * tk + j) * d + c];
          s[j] *= scale;
          m = Math.max(m, s[j]);
        }
        double z = 0;
        for (int j = 0; j < tk; j++) if ((long) j <= (long) i + offset) z += Math.exp(s[j] - m);
        lse[p * tq + i] = m + Math.log(z);
        for (int j = 0; j < tk; j++) prob[i][j] = (long) j <= (long) i + offset ? Math.exp(s[j] - m) / z : 0;
        for (int j = 0; j < tk; j++) for (int c = 0; c < d; c++) out[(p * tq + i) * d + c] += prob[i][j] * v[(p * tk + j) * d + c];
      }
      if (g == null) continue;
      for (int i = 0; i < tq; i++) {
        // dP_ij = g_i . v_j; dS_ij = P_ij (dP_ij - sum_l P_il dP_il); scores = scale q k^T
        double[] dp = new double[tk];
        double rowDot = 0;
        for (int j = 0; j < tk; j++) {
          for (int c = 0; c < d; c++) dp[j] += g[(p * tq + i) * d + c] * v[(p * tk + j) * d + c];
          rowDot += prob[i][j] * dp[j];
        }
        for (int j = 0; j < tk; j++) {
          double ds = prob[i][j] * (dp[j] - rowDot) * scale;
          for (int c = 0; c < d; c++) {
            dq[(p * tq + i) * d + c] += ds * k[(p * tk + j) * d + c];
            dk[(p * tk + j) * d + c] += ds * q[(p * tq + i) * d + c];
            dv[(p * tk + j) * d + c] += prob[i][j] * g[(p * tq + i) * d + c];
          }
        }
      }
    }
    return new Reference(out, lse, dq, dk, dv);
  }

  private static double[] dense(Tensor t) {
    return t.to(DType.FLOAT64).contiguous().toDoubleArray();
  }

  private static void check(String what, DType dtype, int[] lead, int tq, int tk, int d, double scale, int offset, long seed) {
    Generator gen = new Generator(seed);
    int[] qs = shape(lead, tq, d), ks = shape(lead, tk, d);
    Tensor q = Tensor.rand(gen, DType.FLOAT64, qs).mul(4).sub(2);
    Tensor k = Tensor.rand(gen, DType.FLOAT64, ks).mul(4).sub(2);
    Tensor v = Tensor.rand(gen, DType.FLOAT64, ks).sub(0.5);
    Tensor g = Tensor.rand(gen, DType.FLOAT64, qs).sub(0.5);
    int pairs = Shapes.numel(lead);
    Reference want = naive(dense(q), dense(k), dense(v), dense(g), pairs, tq, tk, d, scale, offset);
    Tensor qd = q.to(dtype), kd = k.to(dtype), vd = v.to(dtype);
    Fused.Attention a = Fused.causalAttention(qd, kd, vd, scale, offset);
    double tol = dtype == DType.FLOAT64 ? 1e-12 : 2e-5;
    String name = what + " " + dtype + " lead " + Arrays.toString(lead) + " Tq " + tq + " Tk " + tk + " D " + d + " offset " + offset;
    assertArrayEquals(qs, a.out().shape(), name + ": out shape");
    assertArrayEquals(Arrays.copyOf(qs, qs.length - 1), a.logSumExp().shape(), name + ": lse shape");
    assertClose(name + " out", want.out(), a.out(), tol);
    assertClose(name + " lse", want.lse(), a.logSumExp(), tol);
    Fused.AttentionGrads r = Fused.attentionBackward(g.to(dtype), qd, kd, vd, a.out(), a.logSumExp(), scale, offset);
    assertClose(name + " dq", want.dq(), r.gradQ(), tol * 4);
    assertClose(name + " dk", want.dk(), r.gradK(), tol * 4);
    assertClose(name + " dv", want.dv(), r.gradV(), tol * 4);
  }

  private static int[] shape(int[] lead, int t, int d) {
    int[] s = Arrays.copyOf(lead, lead.length + 2);
    s[lead.length] = t;
    s[lead.length + 1] = d;
    return s;
  }

  @Test
  void matchesNaiveAttentionOnAwkwardSizes() {
    long seed = 1;
    for (DType dtype : new DType[] {DType.FLOAT64, DType.FLOAT32}) {
      check("square causal", dtype, new int[] {2, 3}, 7, 7, 5, 0.4, 0, seed++);
      check("tiles cut", dtype, new int[] {1, 2}, 70, 70, 16, 0.25, 0, seed++);
      check("kv cache", dtype, new int[] {3}, 5, 41, 8, 0.35, 36, seed++);
      check("offset past the keys", dtype, new int[] {2}, 9, 33, 3, -0.6, 1000, seed++);
      check("more queries than keys", dtype, new int[] {1, 1}, 40, 6, 4, 1.0, 2, seed++);
      check("no lead dims", dtype, new int[] {}, 3, 3, 1, 2.0, 0, seed++);
      check("five dims", dtype, new int[] {2, 1, 2}, 4, 4, 130, 0.1, 1, seed++);
    }
  }

  @Test
  void attentionWithoutMaskKeepsEveryKey() {
    Generator gen = new Generator(11);
    Tensor q = Tensor.rand(gen, DType.FLOAT64, 2, 6, 5), k = Tensor.rand(gen, DType.FLOAT64, 2, 9, 5), v = Tensor.rand(gen, DType.FLOAT64, 2, 9, 5);
    Reference want = naive(dense(q), dense(k), dense(v), null, 2, 6, 9, 5, 0.7, Integer.MAX_VALUE);
    assertClose("full attention", want.out(), Fused.attention(q, k, v, 0.7).out(), 1e-13);
  }

  /** Heads cut from a fused (B, T, 3 width) projection as CausalSelfAttention does: no copy, and out laid out (B, T, H, D). */
  @Test
  void headsCutFromAFusedProjectionAreReadInPlaceAndMergeAsAView() {
    int b = 2, t = 10, h = 3, d = 4;
    Tensor qkv = Tensor.rand(new Generator(12), DType.FLOAT64, b, t, 3 * h * d);
    var parts = qkv.view(b, t, 3, h, d).split(1, 2);
    Tensor q = parts.get(0).squeeze(2).transpose(1, 2), k = parts.get(1).squeeze(2).transpose(1, 2), v = parts.get(2).squeeze(2).transpose(1, 2);
    assertTrue(!q.isContiguous());
    Fused.Attention a = Fused.causalAttention(q, k, v, 0.5, 0);
    Reference want = naive(dense(q), dense(k), dense(v), null, b * h, t, t, d, 0.5, 0);
    assertClose("heads", want.out(), a.out(), 1e-13);
    Tensor merged = a.out().transpose(1, 2);
    assertTrue(merged.isContiguous(), "out is stored (B, T, H, D): strides " + Arrays.toString(a.out().strides()));
    Tensor g = Tensor.rand(new Generator(13), DType.FLOAT64, b, h, t, d);
    Fused.AttentionGrads r = Fused.attentionBackward(g, q, k, v, a.out(), a.logSumExp(), 0.5, 0);
    Reference grads = naive(dense(q), dense(k), dense(v), dense(g), b * h, t, t, d, 0.5, 0);
    assertClose("heads dq", grads.dq(), r.gradQ(), 1e-13);
    assertClose("heads dk", grads.dk(), r.gradK(), 1e-13);
    assertClose("heads dv", grads.dv(), r.gradV(), 1e-13);
    // dq, dk, dv are written as the slices of one (B, T, 3, H, D) buffer, as q, k, v lie in qkv:
    // the split's backward takes that buffer as the qkv gradient without copying the three
    Tensor[] gs = {r.gradQ(), r.gradK(), r.gradV()};
    for (int i = 0; i < 3; i++) {
      assertTrue(gs[i].storage() == gs[0].storage(), "gradient " + i + " shares dq's buffer");
      assertArrayEquals(q.strides(), gs[i].strides(), "gradient " + i + " is strided as q");
      assertEquals(i * h * d, gs[i].storageOffset(), "gradient " + i + "'s offset in the buffer");
    }
    assertEquals(3 * q.numel(), gs[0].storage().numel(), "the buffer holds the three gradients and nothing else");
    Tensor whole = Grad.joinedView(Arrays.asList(gs[0].transpose(1, 2).unsqueeze(2), gs[1].transpose(1, 2).unsqueeze(2),
        gs[2].transpose(1, 2).unsqueeze(2)), 2);
    assertTrue(whole != null && whole.isContiguous(), "the three join into one dense (B, T, 3, H, D) view");
    assertClose("joined dv", grads.dv(), whole.select(2, 2).transpose(1, 2), 1e-13);
  }

  /** q, k and v that are not equally spaced parts of one block get gradients of their own. */
  @Test
  void unpackedInputsGetGradientsOfTheirOwn() {
    int b = 2, t = 5, h = 2, d = 3;
    Generator gen = new Generator(14);
    Tensor q = Tensor.rand(gen, DType.FLOAT64, b, h, t, d), k = Tensor.rand(gen, DType.FLOAT64, b, h, t, d);
    Tensor v = Tensor.rand(gen, DType.FLOAT64, b, h, t, d);
    // q and k from one buffer but v from another, and the three of one buffer out of order
    Tensor qk = Tensor.stack(java.util.List.of(q, k), 0);
    Tensor kqv = Tensor.stack(java.util.List.of(k, q, v), 0);
    Tensor[][] cases = {{qk.select(0, 0), qk.select(0, 1), v}, {kqv.select(0, 1), kqv.select(0, 0), kqv.select(0, 2)}};
    Tensor g = Tensor.rand(gen, DType.FLOAT64, b, h, t, d);
    Reference want = naive(dense(q), dense(k), dense(v), dense(g), b * h, t, t, d, 0.3, 0);
    for (Tensor[] c : cases) {
      Fused.Attention a = Fused.causalAttention(c[0], c[1], c[2], 0.3, 0);
      Fused.AttentionGrads r = Fused.attentionBackward(g, c[0], c[1], c[2], a.out(), a.logSumExp(), 0.3, 0);
      assertClose("dq", want.dq(), r.gradQ(), 1e-13);
      assertClose("dk", want.dk(), r.gradK(), 1e-13);
      assertClose("dv", want.dv(), r.gradV(), 1e-13);
      assertTrue(r.gradQ().storage() != r.gradK().storage() && r.gradK().storage() != r.gradV().storage(), "separate gradients");
    }
  }

  /**
   * Leading dims whose strides do not fold into two (a transposed batch of three dims): the inputs
   * are copied dense for the kernel, and the outputs, laid out in q's dim order, must still be the
   * tensors the kernel wrote.
   */
  @Test
  void leadingDimsThatDoNotFoldAreCopiedAndOutputsStillWritten() {
    Generator gen = new Generator(16);
    Tensor q = Tensor.rand(gen, DType.FLOAT64, 2, 3, 2, 5, 4).transpose(0, 1);
    Tensor k = Tensor.rand(gen, DType.FLOAT64, 2, 3, 2, 6, 4).transpose(0, 1);
    Tensor v = Tensor.rand(gen, DType.FLOAT64, 2, 3, 2, 6, 4).transpose(0, 1);
    Tensor g = Tensor.rand(gen, DType.FLOAT64, 3, 2, 2, 5, 4);
    Fused.Attention a = Fused.causalAttention(q, k, v, 0.6, 1);
    Reference want = naive(dense(q), dense(k), dense(v), dense(g), 12, 5, 6, 4, 0.6, 1);
    assertClose("out", want.out(), a.out(), 1e-13);
    assertClose("lse", want.lse(), a.logSumExp(), 1e-13);
    Fused.AttentionGrads r = Fused.attentionBackward(g.transpose(0, 1).contiguous().transpose(0, 1), q, k, v, a.out(), a.logSumExp(), 0.6, 1);
    assertClose("dq", want.dq(), r.gradQ(), 1e-12);
    assertClose("dk", want.dk(), r.gradK(), 1e-12);
    assertClose("dv", want.dv(), r.gradV(), 1e-12);
  }

  /** Central differences of sum(out * w) through the op itself, for every element of q, k and v. */
  @Test
  void backwardMatchesFiniteDifferences() {
    Generator gen = new Generator(13);
    int tq = 4, tk = 6, d = 3;
    double scale = 0.8;
    int offset = 2;
    Tensor q = Tensor.rand(gen, DType.FLOAT64, 2, tq, d), k = Tensor.rand(gen, DType.FLOAT64, 2, tk, d), v = Tensor.rand(gen, DType.FLOAT64, 2, tk, d);
    Tensor w = Tensor.rand(gen, DType.FLOAT64, 2, tq, d);
    Fused.Attention a = Fused.causalAttention(q, k, v, scale, offset);
    Fused.AttentionGrads r = Fused.attentionBackward(w, q, k, v, a.out(), a.logSumExp(), scale, offset);
    Tensor[] inputs = {q, k, v};
    Tensor[] grads = {r.gradQ(), r.gradK(), r.gradV()};
    for (int which = 0; which < 3; which++) {
      double[] x = dense(inputs[which]);
      double[] analytic = dense(grads[which]);
      for (int e = 0; e < x.length; e++) {
        double h = 1e-6;
        double[] plus = x.clone(), minus = x.clone();
        plus[e] += h;
        minus[e] -= h;
        double fd = (loss(inputs, which, plus, w, scale, offset) - loss(inputs, which, minus, w, scale, offset)) / (2 * h);
        assertEquals(fd, analytic[e], 1e-8, "input " + which + " element " + e);
      }
    }
  }

  private static double loss(Tensor[] inputs, int which, double[] values, Tensor w, double scale, int offset) {
    Tensor[] x = inputs.clone();
    x[which] = Tensor.of(values).reshape(inputs[which].shape());
    return Fused.causalAttention(x[0], x[1], x[2], scale, offset).out().mul(w).sum().item();
  }

  @Test
  void equalsTheOpsItReplaces() {
    Generator gen = new Generator(14);
    Tensor q = Tensor.rand(gen, DType.FLOAT32, 2, 2, 17, 8), k = Tensor.rand(gen, DType.FLOAT32, 2, 2, 17, 8), v = Tensor.rand(gen, DType.FLOAT32, 2, 2, 17, 8);
    Tensor unfused = Fused.causalSoftmax(q.matmul(k.transpose(2, 3)), 0.3, 0).matmul(v);
    assertClose("unfused", dense(unfused), Fused.causalAttention(q, k, v, 0.3, 0).out(), 2e-6);
  }

  /**
   * Dropout inside the op equals the ops written out with the dropout layer's formula, x *
   * rand(generator).ge(p) * (1 / (1 - p)), from a generator in the same state: the same mask, the
   * same reserved blocks (the generators end level), forward and backward (the latter through the
   * written-out formula's chain rule, with the same mask).
   */
  @Test
  void dropoutDrawsTheMaskTheDropoutLayerWouldDraw() {
    for (DType dt : new DType[] {DType.FLOAT32, DType.FLOAT64}) {
      Generator data = new Generator(21);
      int b = 2, h = 3, t = 37, d = 8;
      double p = 0.3, scale = 0.35;
      Tensor q = Tensor.rand(data, dt, b, h, t, d).sub(0.5), k = Tensor.rand(data, dt, b, h, t, d).sub(0.5), v = Tensor.rand(data, dt, b, h, t, d);
      Tensor g = Tensor.rand(data, dt, b, h, t, d).sub(0.5);
      Generator mine = new Generator(5), theirs = new Generator(5);
      Fused.Attention a = Fused.causalAttention(q, k, v, scale, 0, p, mine);
      Tensor probs = Fused.causalSoftmax(q.matmul(k.transpose(2, 3)), scale, 0);
      Tensor z = Tensor.rand(theirs, dt, b, h, t, t).ge(p).to(dt).mul(1 / (1 - p));
      Tensor want = probs.mul(z).matmul(v);
      double tol = dt == DType.FLOAT64 ? 1e-13 : 2e-5;
      assertClose(dt + " dropout out", dense(want), a.out(), tol);
      assertEquals(theirs.offset(), mine.offset(), "the same blocks reserved");
      assertTrue(a.dropout().active());
      // backward: dv = (P Z)^T g; dP = Z (g v^T); dS = scale P (dP - rowsum(P dP)); dq = dS k; dk = dS^T q
      Tensor pz = probs.mul(z);
      Tensor dpz = g.matmul(v.transpose(2, 3)).mul(z);
      Tensor ds = probs.mul(dpz.sub(probs.mul(dpz).sum(new int[] {-1}, true))).mul(scale);
      Fused.AttentionGrads r = Fused.attentionBackward(g, q, k, v, a.out(), a.logSumExp(), scale, 0, a.dropout());
      assertClose(dt + " dropout dv", dense(pz.transpose(2, 3).matmul(g)), r.gradV(), tol * 4);
      assertClose(dt + " dropout dq", dense(ds.matmul(k)), r.gradQ(), tol * 4);
      assertClose(dt + " dropout dk", dense(ds.transpose(2, 3).matmul(q)), r.gradK(), tol * 4);
      // about p of the weights are dropped
      double dropped = z.eq(0.0).to(DType.FLOAT64).mean().item();
      assertEquals(p, dropped, 0.05, "fraction dropped");
    }
  }

  @Test
  void dropoutArgumentsAreChecked() {
    Tensor q = Tensor.zeros(DType.FLOAT32, 2, 3, 4);
    assertMessage("dropout must be in [0, 1)", () -> Fused.causalAttention(q, q, q, 1.0, 0, 1.0, new Generator(1)));
    assertMessage("needs a generator", () -> Fused.causalAttention(q, q, q, 1.0, 0, 0.1, null));
    Generator g = new Generator(1);
    Fused.causalAttention(q, q, q, 1.0, 0, 0.0, g);
    assertEquals(0, g.offset(), "no dropout draws nothing");
  }

  @Test
  void badArgumentsAreNamed() {
    Tensor q = Tensor.zeros(DType.FLOAT32, 2, 3, 4), kv = Tensor.zeros(DType.FLOAT32, 2, 5, 4);
    assertMessage("offset must be >= 0", () -> Fused.causalAttention(q, kv, kv, 1.0, -1));
    assertMessage("scale must be finite", () -> Fused.causalAttention(q, kv, kv, Double.POSITIVE_INFINITY, 0));
    assertMessage("float32 or float64", () -> Fused.causalAttention(Tensor.zeros(DType.INT64, 2, 3, 4), kv, kv, 1.0, 0));
    assertMessage("k is float64, expected float32", () -> Fused.causalAttention(q, kv.to(DType.FLOAT64), kv, 1.0, 0));
    assertMessage("head dim 4", () -> Fused.causalAttention(q, Tensor.zeros(DType.FLOAT32, 2, 5, 3), kv, 1.0, 0));
    assertMessage("v has shape (2, 6, 4)", () -> Fused.causalAttention(q, kv, Tensor.zeros(DType.FLOAT32, 2, 6, 4), 1.0, 0));
    assertMessage("leading (batch, head) dims", () -> Fused.causalAttention(q, Tensor.zeros(DType.FLOAT32, 3, 5, 4), kv, 1.0, 0));
    assertMessage("as many dims", () -> Fused.causalAttention(q, Tensor.zeros(DType.FLOAT32, 5, 4), kv, 1.0, 0));
    assertMessage("at least 2 dims", () -> Fused.causalAttention(Tensor.zeros(DType.FLOAT32, 4), kv, kv, 1.0, 0));
    assertMessage("no keys", () -> Fused.causalAttention(q, Tensor.zeros(DType.FLOAT32, 2, 0, 4), Tensor.zeros(DType.FLOAT32, 2, 0, 4), 1.0, 0));
    assertMessage("head dim D must be at least 1", () -> Fused.causalAttention(Tensor.zeros(DType.FLOAT32, 2, 3, 0),
        Tensor.zeros(DType.FLOAT32, 2, 5, 0), Tensor.zeros(DType.FLOAT32, 2, 5, 0), 1.0, 0));
    Fused.Attention a = Fused.causalAttention(q, kv, kv, 1.0, 0);
    assertMessage("logSumExp has shape (2, 4)", () -> Fused.attentionBackward(q, q, kv, kv, a.out(), Tensor.zeros(DType.FLOAT32, 2, 4), 1.0, 0));
    assertMessage("gradOut has shape (2, 5, 4)", () -> Fused.attentionBackward(kv, q, kv, kv, a.out(), a.logSumExp(), 1.0, 0));
  }

  @Test
  void noQueriesGiveEmptyOutputsAndZeroKeyGradients() {
    Tensor q = Tensor.zeros(DType.FLOAT64, 2, 0, 3), kv = Tensor.rand(new Generator(15), DType.FLOAT64, 2, 4, 3);
    Fused.Attention a = Fused.causalAttention(q, kv, kv, 1.0, 0);
    assertArrayEquals(new int[] {2, 0, 3}, a.out().shape());
    Fused.AttentionGrads r = Fused.attentionBackward(q, q, kv, kv, a.out(), a.logSumExp(), 1.0, 0);
    assertEquals(0.0, r.gradK().abs().sum().item());
    assertEquals(0.0, r.gradV().abs().sum().item());
  }

  private static void assertClose(String what, double[] expected, Tensor actual, double tol) {
    double[] a = dense(actual);
    assertEquals(expected.length, a.length, what + ": element count");
    for (int i = 0; i < a.length; i++) {
      if (!(Math.abs(a[i] - expected[i]) <= tol * (1 + Math.abs(expected[i])))) fail(what + ": element " + i + " is " + a[i] + ", expected " + expected[i]);
    }
  }

  private static void assertMessage(String fragment, Runnable r) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, r::run);
    assertTrue(e.getMessage().contains(fragment), "message '" + e.getMessage() + "' lacks '" + fragment + "'");
  }
}

package io.frontier.cuda;

import static io.frontier.cuda.GpuTestSupport.*;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.frontier.tensor.Backends;
import io.frontier.tensor.DType;
import io.frontier.tensor.Device;
import io.frontier.tensor.Fused;
import io.frontier.tensor.Generator;
import io.frontier.tensor.Tensor;
import io.frontier.tensor.backend.DropoutStream;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Attention (attention.cu, and the host fallback past its head dims) on the GPU against the CPU
 * backend's float64-arithmetic kernels: the backend called directly on NaN-poisoned outputs (an
 * unwritten element fails), and Fused.causalAttention / attentionBackward on heads cut from a
 * fused projection, the layout CausalSelfAttention gives it.
 */
@Tag("gpu")
class AttentionParityTest {
  static CudaBackend cuda;

  @BeforeAll
  static void start() {
    cuda = requireCuda();
  }

  private static double tol(DType dt) {
    return dt == DType.FLOAT32 ? 3e-5 : 1e-12;
  }

  /** (n0, n1, tq, d) / (n0, n1, tk, d) dense inputs, every output of both passes compared. */
  private static void check(DType dt, int n0, int n1, int tq, int tk, int d, double scale, int offset, long seed) {
    check(dt, n0, n1, tq, tk, d, scale, offset, seed, DropoutStream.NONE);
  }

  private static void check(DType dt, int n0, int n1, int tq, int tk, int d, double scale, int offset, long seed, DropoutStream drop) {
    Generator g = new Generator(seed);
    Tensor q = random(g, dt, -1, 1, n0, n1, tq, d), k = random(g, dt, -1, 1, n0, n1, tk, d), v = random(g, dt, -1, 1, n0, n1, tk, d);
    Tensor go = random(g, dt, -1, 1, n0, n1, tq, d);
    String what = dt + " " + Arrays.toString(new int[] {n0, n1, tq, tk, d}) + " offset " + offset + (drop.active() ? " dropout " + drop.p() : "");
    int kept = Math.min(offset, tk);
    Tensor out = Tensor.empty(dt, Device.CPU, n0, n1, tq, d), lse = Tensor.empty(dt, Device.CPU, n0, n1, tq);
    Backends.cpu().attention(q, k, v, scale, kept, drop, out, lse);
    Tensor dOut = poisoned(dt, n0, n1, tq, d), dLse = poisoned(dt, n0, n1, tq);
    Tensor qd = q.to(CUDA), kd = k.to(CUDA), vd = v.to(CUDA);
    cuda.attention(qd, kd, vd, scale, kept, drop, dOut, dLse);
    assertMatches(what + " out", out, dOut, tol(dt), tol(dt));
    assertMatches(what + " lse", lse, dLse, tol(dt), tol(dt));
    Tensor gq = Tensor.empty(dt, Device.CPU, q.shape()), gk = Tensor.empty(dt, Device.CPU, k.shape()), gv = Tensor.empty(dt, Device.CPU, v.shape());
    Backends.cpu().attentionBackward(go, q, k, v, out, lse, scale, kept, drop, gq, gk, gv);
    Tensor dgq = poisoned(dt, q.shape()), dgk = poisoned(dt, k.shape()), dgv = poisoned(dt, v.shape());
    cuda.attentionBackward(go.to(CUDA), qd, kd, vd, out.to(CUDA), lse.to(CUDA), scale, kept, drop, dgq, dgk, dgv);
    assertMatches(what + " dq", gq, dgq, 4 * tol(dt), 4 * tol(dt));
    assertMatches(what + " dk", gk, dgk, 4 * tol(dt), 4 * tol(dt));
    assertMatches(what + " dv", gv, dgv, 4 * tol(dt), 4 * tol(dt));
  }

  @Test
  void kernelsMatchTheCpuOnAwkwardSizes() {
    long seed = 40;
    for (DType dt : new DType[] {DType.FLOAT32, DType.FLOAT64}) {
      check(dt, 2, 3, 70, 70, 64, 0.125, 0, seed++);     // causal, tiles cut
      check(dt, 1, 2, 5, 77, 16, 0.25, 72, seed++);      // a KV cache's decode step
      check(dt, 3, 1, 33, 9, 7, -0.5, 1 << 20, seed++);  // no mask
      check(dt, 1, 1, 1, 1, 1, 3.0, 0, seed++);
      check(dt, 1, 2, 40, 40, 100, 0.1, 0, seed++);      // float32 d128; float64 on the host
      check(dt, 1, 1, 20, 20, 200, 0.07, 3, seed++);     // past every variant: the host
      // dropout: the kernels draw the CPU's mask (the same Philox blocks)
      check(dt, 2, 2, 70, 70, 32, 0.2, 0, seed++, new DropoutStream(0.3, 1234, 77));
      check(dt, 1, 1, 5, 40, 16, 0.2, 35, seed++, new DropoutStream(0.5, 99, 0));
    }
  }

  /** The GPT layout: q, k, v views of one (B, T, 3, H, D) projection, out stored (B, T, H, D), dq, dk, dv as q, k, v lie. */
  @Test
  void headsCutFromAFusedProjection() {
    Generator g = new Generator(50);
    int b = 3, t = 90, h = 4, d = 64;
    Tensor qkv = random(g, DType.FLOAT32, -1, 1, b, t, 3 * h * d);
    Tensor[] cpu = attend(qkv, g);
    Tensor[] gpu = attend(qkv.to(CUDA), new Generator(50));
    String[] names = {"out", "lse", "dq", "dk", "dv"};
    for (int i = 0; i < cpu.length; i++) assertMatches("fused heads " + names[i], cpu[i], gpu[i], 1e-4, 1e-4);
    assertTrue(gpu[0].transpose(1, 2).isContiguous(), "out is stored (B, T, H, D) on the GPU too");
    assertTrue(gpu[2].storage() == gpu[3].storage() && gpu[3].storage() == gpu[4].storage(),
        "dq, dk, dv are written into one (B, T, 3, H, D) buffer on the GPU too");
  }

  private static Tensor[] attend(Tensor qkv, Generator g) {
    int b = qkv.size(0), t = qkv.size(1), h = 4, d = qkv.size(2) / (3 * h);
    var parts = qkv.view(b, t, 3, h, d).split(1, 2);
    Tensor q = parts.get(0).squeeze(2).transpose(1, 2), k = parts.get(1).squeeze(2).transpose(1, 2), v = parts.get(2).squeeze(2).transpose(1, 2);
    Fused.Attention a = Fused.causalAttention(q, k, v, 0.125, 0);
    Tensor go = random(new Generator(51), DType.FLOAT32, -1, 1, b, h, t, d).to(qkv.device());
    Fused.AttentionGrads r = Fused.attentionBackward(go, q, k, v, a.out(), a.logSumExp(), 0.125, 0);
    return new Tensor[] {a.out(), a.logSumExp(), r.gradQ(), r.gradK(), r.gradV()};
  }
}

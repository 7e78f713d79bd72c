package io.frontier.bench.gpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.frontier.cuda.KernelProfiler;
import io.frontier.tensor.Backends;
import io.frontier.tensor.DType;
import io.frontier.tensor.Generator;
import io.frontier.tensor.Tensor;
import io.frontier.tensor.backend.Backend;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The calls gpu-bench times, run through the CPU backend on small pools: each input set is its own
 * slice of the pools, and each op writes what it should where it should (shapes and views are the
 * same on the GPU; only the backend differs).
 */
class FrontierCallsTest {
  private static final int N = 2 * 4096; // two softmax rows
  private static final int SETS = 3;
  private final Backend cpu = Backends.cpu();
  private final Generator g = new Generator(11);
  private final Tensor a = Tensor.rand(g, DType.FLOAT32, SETS * N);
  private final Tensor b = Tensor.rand(g, DType.FLOAT32, SETS * N);
  private final Tensor c = Tensor.zeros(DType.FLOAT32, 2 * SETS * N); // AdamW uses two output sets per set
  private final Tensor sumOut = Tensor.zeros(DType.FLOAT32, 1);

  private Tensor call(MemoryOp op, int set) {
    FrontierRuns.memoryCall(cpu, op, N, a, b, c, sumOut).run(set);
    return FrontierRuns.slice(c, set, N);
  }

  @Test
  void eachMemoryOpWritesItsSetOfTheOutputPool() {
    for (int s = 0; s < SETS; s++) {
      Tensor in = FrontierRuns.slice(a, s, N);
      assertTrue(call(MemoryOp.COPY, s).equal(in), "copy set " + s);
      assertTrue(call(MemoryOp.EXP, s).allclose(in.exp(), 1e-6, 0), "exp set " + s);
      assertTrue(call(MemoryOp.ADD, s).allclose(in.add(FrontierRuns.slice(b, s, N)), 1e-6, 0), "add set " + s);
      Tensor soft = call(MemoryOp.SOFTMAX, s);
      assertTrue(soft.allclose(in.view(2, 4096).softmax(1).reshape(N), 1e-6, 1e-9), "softmax set " + s);
      assertEquals(2.0, soft.sum().item(), 1e-4, "two rows of probabilities");
      call(MemoryOp.SUM, s);
      assertEquals(in.sum().item(), sumOut.item(), 1e-2, "sum set " + s);
    }
  }

  @Test
  void fusedOpsRunOnTheirSetsViews() {
    for (int s = 0; s < SETS; s++) {
      Tensor in = FrontierRuns.slice(a, s, N);
      Tensor ln = call(MemoryOp.LAYER_NORM, s);
      Tensor expected = io.frontier.tensor.Fused.layerNorm(in.view(2, 4096), b.narrow(0, 0, 4096), b.narrow(0, 4096, 4096), 1e-5).out();
      assertTrue(ln.allclose(expected.reshape(N), 1e-5, 1e-5), "layer norm set " + s);
    }
    Tensor p = FrontierRuns.slice(a, 1, N).clone();
    FrontierRuns.memoryCall(cpu, MemoryOp.ADAMW, N, a, b, c, sumOut).run(1);
    assertTrue(p.sub(FrontierRuns.slice(a, 1, N)).abs().max().item() > 0, "adamw moved the parameters");
    assertTrue(FrontierRuns.slice(c, 3, N).min().item() >= 0, "exp_avg_sq is the second output slice of the set");
    // 8192 elements hold no row of the vocabulary: the call is empty
    FrontierRuns.memoryCall(cpu, MemoryOp.CROSS_ENTROPY, N, a, b, c, sumOut).run(0);
    assertEquals(0, MemoryOp.CROSS_ENTROPY.elements(N));
    assertEquals(28.0 * N, MemoryOp.ADAMW.bytesMoved(N));
    assertEquals(4.0 * 50257 * 333, MemoryOp.CROSS_ENTROPY.bytesMoved(16L << 20));
  }

  @Test
  void sortWritesEachVocabularyRowDescending() {
    int n = 2 * MemoryOp.VOCAB;
    Tensor pa = Tensor.rand(g, DType.FLOAT32, n), pc = Tensor.zeros(DType.FLOAT32, n);
    FrontierRuns.memoryCall(cpu, MemoryOp.SORT, n, pa, pa, pc, sumOut).run(0);
    Tensor expected = pa.view(2, MemoryOp.VOCAB).sort(1, true).values();
    assertTrue(pc.view(2, MemoryOp.VOCAB).equal(expected), "both rows sorted descending into c");
    assertEquals(16.0 * n, MemoryOp.SORT.bytesMoved(n));
    assertEquals(List.of(2, MemoryOp.VOCAB), MemoryOp.SORT.shape(n));
  }

  @Test
  void lionAndSgdUpdateTheirSetsParamAndState() {
    // Lion on set 2: exp_avg (c's set 2) becomes 0.99 m + 0.01 g, the parameter moves by at most lr (plus decay)
    Tensor p0 = FrontierRuns.slice(a, 2, N).clone(), m0 = FrontierRuns.slice(c, 2, N).clone(), g0 = FrontierRuns.slice(b, 2, N);
    FrontierRuns.memoryCall(cpu, MemoryOp.LION, N, a, b, c, sumOut).run(2);
    assertTrue(FrontierRuns.slice(c, 2, N).allclose(m0.mul(0.99).add(g0.mul(0.01)), 1e-6, 1e-7), "lion exp_avg");
    double moved = FrontierRuns.slice(a, 2, N).sub(p0).abs().max().item();
    assertTrue(moved > 0 && moved <= 1.03e-4, "lion moves each parameter by lr, its decay and a float rounding at most: " + moved);
    // SGD with momentum 0.9 on set 0: buf = 0.9 buf + g, p -= 1e-3 buf
    p0 = FrontierRuns.slice(a, 0, N).clone();
    Tensor buf0 = FrontierRuns.slice(c, 0, N).clone();
    FrontierRuns.memoryCall(cpu, MemoryOp.SGD_MOMENTUM, N, a, b, c, sumOut).run(0);
    Tensor buf = buf0.mul(0.9).add(FrontierRuns.slice(b, 0, N));
    assertTrue(FrontierRuns.slice(c, 0, N).allclose(buf, 1e-6, 1e-7), "sgd momentum buffer");
    assertTrue(FrontierRuns.slice(a, 0, N).allclose(p0.sub(buf.mul(1e-3)), 1e-6, 1e-7), "sgd parameter");
    assertEquals(20.0 * N, MemoryOp.LION.bytesMoved(N));
    assertEquals(3, MemoryOp.SGD_MOMENTUM.buffers());
  }

  @Test
  void crossEntropyBackwardWritesItsSetsGradient() {
    int v = MemoryOp.VOCAB, n = 2 * v; // two rows of the vocabulary per set
    Tensor logits = Tensor.rand(g, DType.FLOAT32, 2 * n);
    Tensor small = Tensor.rand(g, DType.FLOAT32, n); // the losses' gradient, then the log-sum-exp
    Tensor out = Tensor.zeros(DType.FLOAT32, 2 * n);
    FrontierRuns.memoryCall(cpu, MemoryOp.CROSS_ENTROPY_BACKWARD, n, logits, small, out, sumOut).run(1);
    Tensor z = FrontierRuns.slice(logits, 1, n).view(2, v);
    Tensor target = Tensor.of(0L, 7919);
    Tensor expected = io.frontier.tensor.Fused.crossEntropyBackward(small.narrow(0, 0, 2), z, target, -100, 0.0, small.narrow(0, 2, 2));
    assertTrue(FrontierRuns.slice(out, 1, n).view(2, v).allclose(expected, 1e-6, 1e-9), "set 1's gradient");
    assertEquals(0.0, FrontierRuns.slice(out, 0, n).abs().max().item(), "set 0 untouched");
    assertEquals(8.0 * 50257 * 333, MemoryOp.CROSS_ENTROPY_BACKWARD.bytesMoved(16L << 20));
    assertEquals(java.util.List.of(333, 50257), MemoryOp.CROSS_ENTROPY_BACKWARD.shape(16 << 20));
  }

  @Test
  void softmaxRunsOverRowsOf4096() {
    assertEquals(java.util.List.of(2, 4096), java.util.Arrays.stream(FrontierRuns.rows(a, 1, N).shape()).boxed().toList());
    assertEquals(N, FrontierRuns.rows(a, 1, N).storageOffset());
  }

  @Test
  void matmulMultipliesTheSetsMatrices() {
    int n = 16;
    Tensor pa = Tensor.rand(g, DType.FLOAT32, SETS * n * n);
    Tensor pb = Tensor.rand(g, DType.FLOAT32, SETS * n * n);
    Tensor pc = Tensor.zeros(DType.FLOAT32, SETS * n * n);
    for (int s = 0; s < SETS; s++) {
      FrontierRuns.matmulCall(cpu::matmul, n, pa, pb, pc).run(s);
      Tensor expected = FrontierRuns.slice(pa, s, n * n).view(n, n).matmul(FrontierRuns.slice(pb, s, n * n).view(n, n));
      assertTrue(FrontierRuns.slice(pc, s, n * n).view(n, n).allclose(expected, 1e-5, 1e-6), "matmul set " + s);
    }
  }

  @Test
  void productKernelTimeLeavesOutThePacks() {
    List<KernelProfiler.Entry> profile = List.of(
        new KernelProfiler.Entry("gemm_pack_bf16", "grid=(32,128,1)", 1, 0.05),
        new KernelProfiler.Entry("gemm_pack_bf16", "grid=(128,32,1)", 1, 0.07),
        new KernelProfiler.Entry("gemm_wg_bf16", "grid=(512,1,1)", 1, 0.25),
        new KernelProfiler.Entry("reduce_sum_f32", "grid=(64,1,1)", 1, 0.01)); // a split-K product's reduction
    double[] split = FrontierRuns.productAndPackMillis(profile);
    assertEquals(0.26, split[0], 1e-12, "product kernels and the reduction");
    assertEquals(0.12, split[1], 1e-12, "both packs");
    assertEquals(0.0, FrontierRuns.productAndPackMillis(List.of())[0], "nothing profiled");
  }

  @Test
  void poolsHoldTheLargestCaseOfThePlan() {
    // full plan on an H100: AdamW at 1 GB keeps exp_avg and exp_avg_sq in the output pool (2 x 2^28 floats, 1 set)
    assertEquals(1 << 29, FrontierRuns.poolElements(GpuPlan.full(), 50L << 20));
    // quick plan: AdamW at 256 MB is one set of two output slices; matmul 4096 is 2^24
    assertEquals(1 << 27, FrontierRuns.poolElements(GpuPlan.quick(), 50L << 20));
  }
}

package io.frontier.cuda;

import static io.frontier.cuda.GpuTestSupport.*;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.frontier.tensor.Backends;
import io.frontier.tensor.DType;
import io.frontier.tensor.Device;
import io.frontier.tensor.Fused;
import io.frontier.tensor.Generator;
import io.frontier.tensor.Tensor;
import io.frontier.tensor.backend.Backend;
import io.frontier.tensor.backend.UnaryOp;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Layer norm, RMS norm, cross-entropy (fused.cu), the optimizer steps (optimizer.cu) on the GPU against the CPU backend on
 * the same inputs, with poisoned outputs; rows at 16-byte packs and, through a one-element offset,
 * on the scalar path; rows held in registers and rows too long for them.
 */
@Tag("gpu")
class FusedParityTest {
  static CudaBackend cuda;
  static final Backend CPU = Backends.cpu();
  static final DType[] FLOATS = {DType.FLOAT32, DType.FLOAT64};

  @BeforeAll
  static void start() {
    cuda = requireCuda();
  }

  private static double rtol(DType dt) {
    return dt == DType.FLOAT32 ? 1e-5 : 1e-10;
  }

  private static double atol(DType dt) {
    return dt == DType.FLOAT32 ? 1e-5 : 1e-11;
  }

  /**
   * float32 exponentials run in float32 on the device (expf of arguments up to ~16 in size, off
   * by up to 1e-6 absolute), in float64 on the CPU: log-sum-exp and losses agree to ~1e-6
   * absolute, probabilities to ~2e-6 relative, which matters where p - eps / C cancels.
   */
  private static double ceAtol(DType dt) {
    return dt == DType.FLOAT32 ? 2e-5 : 1e-12;
  }

  private static double ceGradAtol(DType dt) {
    return dt == DType.FLOAT32 ? 1e-7 : 1e-15;
  }

  /** A device copy of a host tensor whose storage offset is {@code shift} elements. */
  private static Tensor onDevice(Tensor host, int shift) {
    Tensor v = shifted(host.dtype(), shift, host.shape());
    v.copy_(host.to(CUDA));
    return v;
  }

  /** A poisoned device tensor at storage offset {@code shift}. */
  private static Tensor shifted(DType dt, int shift, int... shape) {
    int numel = Arrays.stream(shape).reduce(1, (a, b) -> a * b);
    return poisoned(dt, numel + shift).narrow(0, shift, numel).view(shape);
  }

  private static Tensor host(DType dt, int... shape) {
    return Tensor.empty(dt, Device.CPU, shape);
  }

  @Test
  void normsForwardAndBackward() {
    Generator g = new Generator(31);
    for (DType dt : FLOATS) {
      for (int n : new int[] {1, 7, 768, 1023, 4097, 40_000}) {
        for (int rows : new int[] {1, 37}) {
          for (int shift : new int[] {0, 1}) {
            Tensor x = random(g, dt, -3, 5, rows, n);
            Tensor w = random(g, dt, 0.5, 1.5, n);
            Tensor b = random(g, dt, -1, 1, n);
            Tensor dy = random(g, dt, -1, 1, rows, n);
            for (int mask = 0; mask < 4; mask++) {
              Tensor wv = (mask & 1) != 0 ? w : null;
              Tensor bv = (mask & 2) != 0 ? b : null;
              String what = dt + " " + rows + "x" + n + " shift " + shift + " weight " + (wv != null) + " bias " + (bv != null);
              checkLayerNorm(what, x, wv, bv, dy, shift);
              if (bv == null) checkRmsNorm(what, x, wv, dy, shift);
            }
          }
        }
      }
    }
  }

  private void checkLayerNorm(String what, Tensor x, Tensor w, Tensor b, Tensor dy, int shift) {
    DType dt = x.dtype();
    int rows = x.size(0);
    int n = x.size(1);
    Tensor out = host(dt, rows, n), mean = host(dt, rows), rstd = host(dt, rows);
    CPU.layerNorm(x, w, b, 1e-5, out, mean, rstd);
    Tensor dOut = shifted(dt, shift, rows, n), dMean = shifted(dt, shift, rows), dRstd = shifted(dt, shift, rows);
    Tensor dx = onDevice(x, shift);
    Tensor dw = w == null ? null : onDevice(w, shift);
    cuda.layerNorm(dx, dw, b == null ? null : onDevice(b, shift), 1e-5, dOut, dMean, dRstd);
    assertMatches("layerNorm " + what, out, dOut, rtol(dt), atol(dt));
    assertMatches("layerNorm mean " + what, mean, dMean, rtol(dt), atol(dt));
    assertMatches("layerNorm rstd " + what, rstd, dRstd, rtol(dt), atol(dt));

    Tensor gx = host(dt, rows, n), gw = host(dt, n), gb = host(dt, n);
    CPU.layerNormBackward(dy, x, w, mean, rstd, gx, gw, gb);
    Tensor dGx = shifted(dt, shift, rows, n), dGw = shifted(dt, shift, n), dGb = shifted(dt, shift, n);
    // the saved statistics are the CPU's, so that only the backward is compared
    cuda.layerNormBackward(onDevice(dy, shift), dx, dw, onDevice(mean, shift), onDevice(rstd, shift), dGx, dGw, dGb);
    assertMatches("layerNormBackward gradX " + what, gx, dGx, rtol(dt), atol(dt));
    assertMatches("layerNormBackward gradWeight " + what, gw, dGw, rtol(dt), atol(dt) * rows);
    assertMatches("layerNormBackward gradBias " + what, gb, dGb, rtol(dt), atol(dt) * rows);
  }

  private void checkRmsNorm(String what, Tensor x, Tensor w, Tensor dy, int shift) {
    DType dt = x.dtype();
    int rows = x.size(0);
    int n = x.size(1);
    Tensor out = host(dt, rows, n), rstd = host(dt, rows);
    CPU.rmsNorm(x, w, 1e-6, out, rstd);
    Tensor dOut = shifted(dt, shift, rows, n), dRstd = shifted(dt, shift, rows);
    Tensor dx = onDevice(x, shift);
    Tensor dw = w == null ? null : onDevice(w, shift);
    cuda.rmsNorm(dx, dw, 1e-6, dOut, dRstd);
    assertMatches("rmsNorm " + what, out, dOut, rtol(dt), atol(dt));
    assertMatches("rmsNorm rstd " + what, rstd, dRstd, rtol(dt), atol(dt));
    Tensor gx = host(dt, rows, n), gw = host(dt, n);
    CPU.rmsNormBackward(dy, x, w, rstd, gx, gw);
    Tensor dGx = shifted(dt, shift, rows, n), dGw = shifted(dt, shift, n);
    cuda.rmsNormBackward(onDevice(dy, shift), dx, dw, onDevice(rstd, shift), dGx, dGw);
    assertMatches("rmsNormBackward gradX " + what, gx, dGx, rtol(dt), atol(dt));
    assertMatches("rmsNormBackward gradWeight " + what, gw, dGw, rtol(dt), atol(dt) * rows);
  }

  @Test
  void manyRowsSplitTheWeightGradient() {
    Generator g = new Generator(32);
    for (DType dt : FLOATS) {
      int rows = 5000;
      int n = 768;
      Tensor x = random(g, dt, -2, 2, rows, n);
      Tensor w = random(g, dt, 0.5, 1.5, n);
      Tensor dy = random(g, dt, -1, 1, rows, n);
      checkLayerNorm(dt + " 5000x768", x, w, random(g, dt, -1, 1, n), dy, 0);
      Tensor gx = host(dt, rows, n), gw = host(dt, n), gb = host(dt, n);
      Tensor mean = host(dt, rows), rstd = host(dt, rows);
      CPU.layerNorm(x, w, null, 1e-5, host(dt, rows, n), mean, rstd);
      CPU.layerNormBackward(dy, x, w, mean, rstd, gx, gw, gb);
      // gradBias only, then gradWeight only: each partial buffer on its own
      Tensor dGb = poisoned(dt, n);
      cuda.layerNormBackward(dy.to(CUDA), x.to(CUDA), w.to(CUDA), mean.to(CUDA), rstd.to(CUDA), poisoned(dt, rows, n), null, dGb);
      assertMatches("gradBias alone " + dt, gb, dGb, rtol(dt), atol(dt) * rows);
      Tensor dGw = poisoned(dt, n);
      cuda.layerNormBackward(dy.to(CUDA), x.to(CUDA), w.to(CUDA), mean.to(CUDA), rstd.to(CUDA), poisoned(dt, rows, n), dGw, null);
      assertMatches("gradWeight alone " + dt, gw, dGw, rtol(dt), atol(dt) * rows);
    }
  }

  @Test
  void crossEntropyForwardAndBackward() {
    GpuTestSupport.requireRealDevice(); // values or device-side errors only a running kernel gives
    Generator g = new Generator(33);
    for (DType dt : FLOATS) {
      for (int c : new int[] {1, 7, 768, 1023, 4097, 50257}) {
        int rows = c > 5000 ? 9 : 70;
        Tensor z = random(g, dt, -8, 8, rows, c);
        long[] t = new long[rows];
        for (int r = 0; r < rows; r++) t[r] = (r * 7919L) % c;
        t[rows / 2] = -100;
        Tensor target = Tensor.of(t);
        Tensor gl = random(g, dt, -1, 1, rows);
        for (double eps : new double[] {0, 0.1}) {
          String what = dt + " " + rows + "x" + c + " smoothing " + eps;
          Tensor losses = host(dt, rows), lse = host(dt, rows);
          CPU.crossEntropy(z, target, -100, eps, losses, lse);
          Tensor dz = z.to(CUDA);
          Tensor dt64 = target.to(CUDA);
          // whole rows, and rows of 50257 streamed in chunks of 4 and 2 blocks (rows cut across blocks)
          for (int blocks : STREAM_BLOCKS) {
            Tensor dLosses = poisoned(dt, rows), dLse = poisoned(dt, rows);
            streamed(blocks, () -> cuda.crossEntropy(dz, dt64, -100, eps, dLosses, dLse));
            assertMatches("crossEntropy " + what + " stream blocks " + blocks, losses, dLosses, rtol(dt), ceAtol(dt));
            assertMatches("crossEntropy lse " + what + " stream blocks " + blocks, lse, dLse, rtol(dt), ceAtol(dt));
          }
          Tensor grad = host(dt, rows, c);
          CPU.crossEntropyBackward(gl, z, target, -100, eps, lse, grad);
          // elementwise (fused_ce_bwd) and a row per group of threads (fused_ce_bwd_rows)
          for (boolean byRows : new boolean[] {false, true}) {
            Tensor dGrad = poisoned(dt, rows, c);
            rowBackward(byRows, () -> cuda.crossEntropyBackward(gl.to(CUDA), dz, dt64, -100, eps, lse.to(CUDA), dGrad));
            assertMatches("crossEntropyBackward " + what + (byRows ? " by rows" : ""), grad, dGrad, rtol(dt), ceGradAtol(dt));
            // rows 3 elements apart more than C (Fused pads them to 16 bytes): the padding stays poisoned
            Tensor buffer = poisoned(dt, rows, c + 3);
            Tensor padded = buffer.narrow(1, 0, c);
            rowBackward(byRows, () -> cuda.crossEntropyBackward(gl.to(CUDA), dz, dt64, -100, eps, lse.to(CUDA), padded));
            assertMatches("crossEntropyBackward padded rows " + what + (byRows ? " by rows" : ""), grad, padded, rtol(dt), ceGradAtol(dt));
            for (double x : buffer.narrow(1, c, 3).to(Device.CPU).toDoubleArray()) assertTrue(Double.isNaN(x), "padding written: " + what);
          }
        }
      }
    }
  }

  /** Runs a cross-entropy backward by rows or elementwise, then restores the setting. */
  private static void rowBackward(boolean byRows, Runnable backward) {
    boolean before = CudaFused.rowBackward();
    CudaFused.setRowBackward(byRows);
    try {
      backward.run();
    } finally {
      CudaFused.setRowBackward(before);
    }
  }

  /** Blocks of a streamed cross-entropy forward: 0 whole rows (streaming off), else that many chunks. */
  private static final int[] STREAM_BLOCKS = {0, 4, 2};

  /** Runs a cross-entropy forward over whole rows ({@code blocks} 0) or streamed in {@code blocks} chunks, then restores the setting. */
  private static void streamed(int blocks, Runnable forward) {
    boolean stream = CudaFused.streamRows();
    int before = CudaFused.streamBlocks();
    CudaFused.setStreamRows(blocks > 0, blocks);
    try {
      forward.run();
    } finally {
      CudaFused.setStreamRows(stream, before);
    }
  }

  @Test
  void crossEntropyOfInfiniteAndNanLogits() {
    Generator g = new Generator(38);
    int c = 50257;
    for (DType dt : FLOATS) {
      double[] v = random(g, DType.FLOAT64, -8, 8, 6, c).toDoubleArray();
      for (int j = 0; j < c; j += 2) v[j] = Double.NEGATIVE_INFINITY;         // row 0: a masked half
      v[c + 100] = Double.NaN;                                                // row 1: one NaN in the quads
      v[2 * c + 5000] = Double.POSITIVE_INFINITY;                             // row 2: one +inf
      java.util.Arrays.fill(v, 3 * c, 4 * c, Double.NEGATIVE_INFINITY);        // row 3: all masked
      v[4 * c + c - 1] = Double.NaN;                                          // row 4: a NaN in the tail
      Tensor z = Tensor.fromArray(v, 6, c).to(dt);
      Tensor target = Tensor.of(1L, 2, 3, 4, 5, 6);
      Tensor losses = host(dt, 6), lse = host(dt, 6);
      CPU.crossEntropy(z, target, -100, 0.1, losses, lse);
      for (int blocks : STREAM_BLOCKS) {
        Tensor dLosses = poisoned(dt, 6), dLse = poisoned(dt, 6);
        streamed(blocks, () -> cuda.crossEntropy(z.to(CUDA), target.to(CUDA), -100, 0.1, dLosses, dLse));
        assertMatches("crossEntropy special values " + dt + " stream blocks " + blocks, losses, dLosses, rtol(dt), ceAtol(dt));
        assertMatches("crossEntropy lse special values " + dt + " stream blocks " + blocks, lse, dLse, rtol(dt), ceAtol(dt));
      }
    }
  }

  @Test
  void badTargetsAreReportedAtTheNextSynchronisation() {
    GpuTestSupport.requireRealDevice(); // values or device-side errors only a running kernel gives
    for (DType dt : FLOATS) {
      Tensor z = Tensor.zeros(dt, CUDA, 4, 3);
      Tensor target = Tensor.of(0L, 1, 3, -100).to(CUDA);
      cuda.crossEntropy(z, target, -100, 0, poisoned(dt, 4), poisoned(dt, 4));
      IndexOutOfBoundsException e = assertThrows(IndexOutOfBoundsException.class, cuda::synchronize);
      assertTrue(e.getMessage().contains("row 2"), e.getMessage());
      for (boolean byRows : new boolean[] {false, true}) {
        rowBackward(byRows, () -> cuda.crossEntropyBackward(Tensor.ones(dt, CUDA, 4), z, Tensor.of(0L, -5, 1, 2).to(CUDA), -100, 0,
            Tensor.zeros(dt, CUDA, 4), poisoned(dt, 4, 3)));
        e = assertThrows(IndexOutOfBoundsException.class, cuda::synchronize);
        assertTrue(e.getMessage().contains("row 1"), e.getMessage());
        cuda.synchronize(); // the flag was cleared
      }
    }
  }

  @Test
  void adamwAndAdamSteps() {
    Generator g = new Generator(34);
    for (DType dt : FLOATS) {
      for (int n : new int[] {1, 7, 1023, 3_000_001}) {
        for (int shift : new int[] {0, 1}) {
          for (boolean maximize : new boolean[] {false, true}) {
            Tensor p = random(g, dt, -1, 1, n);
            Tensor m = Tensor.zeros(dt, n);
            Tensor v = Tensor.zeros(dt, n);
            Tensor dp = onDevice(p, shift), dm = onDevice(m, shift), dv = onDevice(v, shift);
            for (int step = 1; step <= 3; step++) {
              Tensor grad = random(g, dt, -1, 1, n);
              if (maximize) { // Adam (L2 weight decay) on the maximize runs, AdamW on the others
                CPU.adamStep(p, grad, m, v, 1e-2, 0.9, 0.99, 1e-8, 0.1, step, true);
                cuda.adamStep(dp, onDevice(grad, shift), dm, dv, 1e-2, 0.9, 0.99, 1e-8, 0.1, step, true);
              } else {
                CPU.adamwStep(p, grad, m, v, 1e-2, 0.9, 0.99, 1e-8, 0.1, step, false);
                cuda.adamwStep(dp, onDevice(grad, shift), dm, dv, 1e-2, 0.9, 0.99, 1e-8, 0.1, step, false);
              }
            }
            String what = (maximize ? "adam maximize " : "adamw ") + dt + " n " + n + " shift " + shift;
            assertMatches(what + " param", p, dp, rtol(dt), atol(dt) / 10);
            assertMatches(what + " exp_avg", m, dm, rtol(dt), atol(dt) / 10);
            assertMatches(what + " exp_avg_sq", v, dv, rtol(dt), atol(dt) / 10);
          }
        }
      }
    }
  }

  /**
   * The list step (optimizer.cu, fused_adamw_list) against one fused_adamw launch per tensor on the
   * device, bit for bit: 30 tensors (two launches of up to 24), aligned and shifted, empty and
   * 3M-element ones among them.
   */
  @Test
  void adamwListStepEqualsOneLaunchPerTensor() {
    Generator g = new Generator(36);
    for (DType dt : FLOATS) {
      int count = 30;
      Tensor[] p = new Tensor[count], grad = new Tensor[count], m = new Tensor[count], v = new Tensor[count];
      Tensor[][] single = new Tensor[count][];
      for (int i = 0; i < count; i++) {
        int n = i == 3 ? 0 : i == 7 ? 3_000_001 : 1 + 37 * i;
        int shift = i % 3 == 1 ? 1 : 0;
        p[i] = onDevice(random(g, dt, -1, 1, n), shift);
        grad[i] = onDevice(random(g, dt, -1, 1, n), shift);
        m[i] = onDevice(random(g, dt, -0.1, 0.1, n), shift);
        v[i] = onDevice(random(g, dt, 0, 0.01, n), 0);
        single[i] = new Tensor[] {p[i].clone(), grad[i], m[i].clone(), v[i].clone()};
      }
      cuda.adamwStepAll(p, grad, m, v, 1e-2, 0.9, 0.99, 1e-8, 0.1, 4, false);
      for (int i = 0; i < count; i++) {
        if (p[i].numel() > 0) cuda.adamwStep(single[i][0], single[i][1], single[i][2], single[i][3], 1e-2, 0.9, 0.99, 1e-8, 0.1, 4, false);
        assertMatches(dt + " tensor " + i + " param", single[i][0].to(Device.CPU), p[i], 0, 0);
        assertMatches(dt + " tensor " + i + " exp_avg", single[i][2].to(Device.CPU), m[i], 0, 0);
        assertMatches(dt + " tensor " + i + " exp_avg_sq", single[i][3].to(Device.CPU), v[i], 0, 0);
      }
    }
  }

  /**
   * zeroAll (copy.cu, zero_list, 32 buffers a launch) on 40 poisoned device tensors: float32,
   * float64 and int64 views on and off 16-byte boundaries (one launch more past 32), a bool tensor
   * and a strided view (their own fills): every element 0, and the elements around each view kept.
   */
  @Test
  void zeroAllZeroesEveryTensorAndNothingElse() {
    GpuTestSupport.requireRealDevice(); // values or device-side errors only a running kernel gives
    DType[] dtypes = {DType.FLOAT32, DType.FLOAT64, DType.INT64};
    List<Tensor> bases = new ArrayList<>(), views = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      DType dt = dtypes[i % 3];
      int n = i == 5 ? 1_000_003 : 1 + 13 * i;
      Tensor base = Tensor.full(new int[] {n + 4}, 7, dt, CUDA);
      bases.add(base);
      views.add(base.narrow(0, 1 + i % 3, n));
    }
    Tensor flags = Tensor.full(new int[] {9}, 1, DType.BOOL, CUDA);
    Tensor grid = Tensor.full(new int[] {6, 5}, 7, DType.FLOAT32, CUDA);
    List<Tensor> all = new ArrayList<>(views);
    all.add(flags);
    all.add(grid.select(1, 3));
    cuda.zeroAll(all.toArray(new Tensor[0]));
    for (int i = 0; i < 40; i++) {
      double[] b = bases.get(i).to(Device.CPU).to(DType.FLOAT64).toDoubleArray();
      int from = 1 + i % 3, n = views.get(i).numel();
      for (int j = 0; j < b.length; j++) {
        double want = j >= from && j < from + n ? 0 : 7;
        if (b[j] != want) throw new AssertionError("tensor " + i + " element " + j + " is " + b[j] + ", expected " + want);
      }
    }
    assertTrue(flags.to(Device.CPU).to(DType.FLOAT64).sum().item() == 0, "bool zeroed");
    assertTrue(grid.to(Device.CPU).select(1, 3).abs().sum().item() == 0 && grid.to(Device.CPU).sum().item() == 7 * 24, "only the column zeroed");
  }

  /**
   * Lion (optimizer.cu, fused_lion) against the CPU's LionKernel bit for bit: both round each
   * product and sum on its own with the same float-cast hyperparameters, so even a sign argument
   * within an ulp of zero agrees. Element 0 of the first step has a zero sign argument.
   */
  @Test
  void lionStepsMatchTheCpuBitForBit() {
    Generator g = new Generator(35);
    for (DType dt : FLOATS) {
      for (int n : new int[] {1, 7, 1023, 3_000_001}) {
        for (int shift : new int[] {0, 1}) {
          Tensor p = random(g, dt, -1, 1, n);
          Tensor m = Tensor.zeros(dt, n);
          Tensor dp = onDevice(p, shift), dm = onDevice(m, shift);
          for (int step = 1; step <= 3; step++) {
            Tensor grad = random(g, dt, -1, 1, n);
            if (step == 1) grad.narrow(0, 0, 1).zero_();
            CPU.lionStep(p, grad, m, 3e-3, 0.9, 0.99, 0.1);
            cuda.lionStep(dp, onDevice(grad, shift), dm, 3e-3, 0.9, 0.99, 0.1);
          }
          String what = "lion " + dt + " n " + n + " shift " + shift;
          assertMatches(what + " param", p, dp, 0, 0);
          assertMatches(what + " exp_avg", m, dm, 0, 0);
        }
      }
    }
  }

  /**
   * SGD (optimizer.cu, fused_sgd) against the CPU's SgdKernel bit for bit, over three steps (the
   * first fills the momentum buffer): plain, weight decay with maximize, momentum with dampening,
   * Nesterov.
   */
  @Test
  void sgdStepsMatchTheCpuBitForBit() {
    Generator g = new Generator(36);
    double[][] configs = {{0, 0, 0, 0, 0}, {0, 0, 0.01, 0, 1}, {0.9, 0.1, 0.01, 0, 0}, {0.9, 0, 0.01, 1, 0}}; // momentum dampening wd nesterov maximize
    for (DType dt : FLOATS) {
      for (double[] c : configs) {
        for (int n : new int[] {1, 7, 1023, 3_000_001}) {
          for (int shift : new int[] {0, 1}) {
            boolean withBuffer = c[0] != 0, nesterov = c[3] != 0, maximize = c[4] != 0;
            Tensor p = random(g, dt, -1, 1, n);
            Tensor b = withBuffer ? Tensor.zeros(dt, n) : null;
            Tensor dp = onDevice(p, shift), db = withBuffer ? onDevice(b, shift) : null;
            for (int step = 1; step <= 3; step++) {
              Tensor grad = random(g, dt, -1, 1, n);
              CPU.sgdStep(p, grad, b, 0.05, c[0], c[1], c[2], nesterov, maximize, step == 1);
              cuda.sgdStep(dp, onDevice(grad, shift), db, 0.05, c[0], c[1], c[2], nesterov, maximize, step == 1);
            }
            String what = "sgd " + dt + " n " + n + " shift " + shift + " momentum " + c[0] + " dampening " + c[1] + " wd " + c[2]
                + " nesterov " + nesterov + " maximize " + maximize;
            assertMatches(what + " param", p, dp, 0, 0);
            if (withBuffer) assertMatches(what + " momentum buffer", b, db, 0, 0);
          }
        }
      }
    }
  }

  /** RMSprop (plain, centered, momentum) and Adagrad against the CPU's kernels bit for bit over three steps. */
  @Test
  void rmspropAndAdagradStepsMatchTheCpuBitForBit() {
    Generator g = new Generator(38);
    for (DType dt : FLOATS) {
      for (int n : new int[] {1, 7, 1023, 3_000_001}) {
        for (int shift : new int[] {0, 1}) {
          for (int config = 0; config < 4; config++) {
            boolean centered = (config & 1) != 0, withMomentum = (config & 2) != 0, maximize = config == 3;
            double wd = config >= 2 ? 0.01 : 0, momentum = withMomentum ? 0.8 : 0;
            Tensor p = random(g, dt, -1, 1, n), sq = Tensor.zeros(dt, n);
            Tensor ga = centered ? Tensor.zeros(dt, n) : null, b = withMomentum ? Tensor.zeros(dt, n) : null;
            Tensor dp = onDevice(p, shift), dsq = onDevice(sq, shift);
            Tensor dga = centered ? onDevice(ga, shift) : null, db = withMomentum ? onDevice(b, shift) : null;
            for (int step = 1; step <= 3; step++) {
              Tensor grad = random(g, dt, -1, 1, n);
              CPU.rmspropStep(p, grad, sq, ga, b, 1e-2, 0.9, 1e-8, wd, momentum, maximize);
              cuda.rmspropStep(dp, onDevice(grad, shift), dsq, dga, db, 1e-2, 0.9, 1e-8, wd, momentum, maximize);
            }
            String what = "rmsprop " + dt + " n " + n + " shift " + shift + " centered " + centered + " momentum " + withMomentum;
            assertMatches(what + " param", p, dp, 0, 0);
            assertMatches(what + " square average", sq, dsq, 0, 0);
            if (centered) assertMatches(what + " gradient average", ga, dga, 0, 0);
            if (withMomentum) assertMatches(what + " momentum buffer", b, db, 0, 0);
          }
          Tensor p = random(g, dt, -1, 1, n), sum = Tensor.full(new int[] {n}, 0.1, dt, Device.CPU);
          Tensor dp = onDevice(p, shift), dsum = onDevice(sum, shift);
          for (int step = 1; step <= 3; step++) {
            Tensor grad = random(g, dt, -1, 1, n);
            CPU.adagradStep(p, grad, sum, 1e-2, 0.05, 0.01, 1e-10, step, step == 2);
            cuda.adagradStep(dp, onDevice(grad, shift), dsum, 1e-2, 0.05, 0.01, 1e-10, step, step == 2);
          }
          assertMatches("adagrad " + dt + " n " + n + " shift " + shift + " param", p, dp, 0, 0);
          assertMatches("adagrad " + dt + " n " + n + " shift " + shift + " sum", sum, dsum, 0, 0);
        }
      }
    }
  }

  @Test
  void causalSoftmaxAndSoftmaxBackward() {
    Generator g = new Generator(37);
    int[][] shapes = {{1, 1}, {3, 7}, {2, 3, 5, 33}, {4, 8, 256, 256}, {2, 64, 1500}};
    for (DType dt : FLOATS) {
      for (int[] shape : shapes) {
        for (int offset : new int[] {0, 3}) {
          Tensor x = random(g, dt, -6, 6, shape);
          Tensor expected = host(dt, shape);
          CPU.causalSoftmax(x, shape[shape.length - 2], 0.35, offset, expected);
          Tensor actual = poisoned(dt, shape);
          cuda.causalSoftmax(x.to(CUDA), shape[shape.length - 2], 0.35, offset, actual);
          String what = dt + " " + Arrays.toString(shape) + " offset " + offset;
          assertMatches("causalSoftmax " + what, expected, actual, dt == DType.FLOAT32 ? 1e-5 : 1e-12, dt == DType.FLOAT32 ? 1e-7 : 1e-15);
          Tensor dy = random(g, dt, -1, 1, shape);
          Tensor gradExpected = host(dt, shape);
          CPU.softmaxBackward(dy, expected, 0.35, gradExpected);
          Tensor gradActual = poisoned(dt, shape);
          cuda.softmaxBackward(dy.to(CUDA), expected.to(CUDA), 0.35, gradActual);
          assertMatches("softmaxBackward " + what, gradExpected, gradActual, dt == DType.FLOAT32 ? 1e-5 : 1e-12,
              dt == DType.FLOAT32 ? 1e-7 : 1e-15);
        }
      }
    }
  }

  @Test
  void activationBackwards() {
    Generator g = new Generator(36);
    for (DType dt : FLOATS) {
      for (UnaryOp op : new UnaryOp[] {UnaryOp.GELU, UnaryOp.GELU_TANH, UnaryOp.SILU}) {
        for (int n : new int[] {1, 7, 1023, 3_000_001}) {
          for (int shift : new int[] {0, 1}) {
            Tensor x = random(g, dt, -8, 8, n);
            Tensor dy = random(g, dt, -1, 1, n);
            Tensor expected = host(dt, n);
            CPU.activationBackward(op, dy, x, expected);
            Tensor actual = shifted(dt, shift, n);
            cuda.activationBackward(op, onDevice(dy, shift), onDevice(x, shift), actual);
            // float32 transcendental functions differ between the device and the JDK by a few ulp
            assertMatches(op + " backward " + dt + " n " + n + " shift " + shift, expected, actual, dt == DType.FLOAT32 ? 1e-5 : 1e-12,
                dt == DType.FLOAT32 ? 1e-6 : 1e-13);
          }
        }
      }
    }
  }

  @Test
  void publicApiMatchesTheCpu() {
    Generator g = new Generator(35);
    for (DType dt : FLOATS) {
      Tensor x = random(g, dt, -2, 2, 4, 6, 768);
      Tensor w = random(g, dt, 0.5, 1.5, 768);
      Tensor b = random(g, dt, -1, 1, 768);
      Fused.LayerNorm e = Fused.layerNorm(x, w, b, 1e-5);
      Fused.LayerNorm a = Fused.layerNorm(x.to(CUDA), w.to(CUDA), b.to(CUDA), 1e-5);
      assertMatches("Fused.layerNorm " + dt, e.out(), a.out(), rtol(dt), atol(dt));
      Tensor dy = random(g, dt, -1, 1, 4, 6, 768);
      Fused.NormGrads ge = Fused.layerNormBackward(dy, x, w, e.mean(), e.rstd(), true);
      Fused.NormGrads ga = Fused.layerNormBackward(dy.to(CUDA), x.to(CUDA), w.to(CUDA), e.mean().to(CUDA), e.rstd().to(CUDA), true);
      assertMatches("Fused.layerNormBackward gradX " + dt, ge.gradX(), ga.gradX(), rtol(dt), atol(dt));
      assertMatches("Fused.layerNormBackward gradWeight " + dt, ge.gradWeight(), ga.gradWeight(), rtol(dt), atol(dt) * 24);
      // a transposed (non-contiguous) input is made contiguous by the frontend
      Tensor xt = random(g, dt, -2, 2, 768, 5);
      assertMatches("Fused.rmsNorm of a transpose " + dt, Fused.rmsNorm(xt.t(), w, 1e-6).out(),
          Fused.rmsNorm(xt.to(CUDA).t(), w.to(CUDA), 1e-6).out(), rtol(dt), atol(dt));
      Tensor z = random(g, dt, -4, 4, 8, 1000);
      Tensor t = Tensor.of(1L, 999, 0, -100, 5, 7, 500, 3);
      Fused.CrossEntropy ce = Fused.crossEntropy(z, t, -100, 0.1);
      Fused.CrossEntropy cd = Fused.crossEntropy(z.to(CUDA), t.to(CUDA), -100, 0.1);
      assertMatches("Fused.crossEntropy " + dt, ce.losses(), cd.losses(), rtol(dt), ceAtol(dt));
      Tensor gl = Tensor.ones(dt, 8);
      assertMatches("Fused.crossEntropyBackward " + dt, Fused.crossEntropyBackward(gl, z, t, -100, 0.1, ce.logSumExp()),
          Fused.crossEntropyBackward(gl.to(CUDA), z.to(CUDA), t.to(CUDA), -100, 0.1, cd.logSumExp()), rtol(dt), ceGradAtol(dt));
      Tensor p = random(g, dt, -1, 1, 1000);
      Tensor dp = p.to(CUDA);
      Tensor grad = random(g, dt, -1, 1, 1000);
      Tensor m = Tensor.zeros(dt, 1000), v = Tensor.zeros(dt, 1000);
      Tensor dm = m.to(CUDA), dv = v.to(CUDA);
      int before = dp.storage().version();
      Fused.adamwStep_(p, grad, m, v, 1e-3, 0.9, 0.999, 1e-8, 0.01, 1);
      Fused.adamwStep_(dp, grad.to(CUDA), dm, dv, 1e-3, 0.9, 0.999, 1e-8, 0.01, 1);
      assertTrue(dp.storage().version() > before, "param version bumped");
      assertMatches("Fused.adamwStep_ " + dt, p, dp, rtol(dt), atol(dt) / 10);
      // AdamW's parity is to rounding: the bitwise checks below start from the same bits
      dp = p.to(CUDA);
      dm = m.to(CUDA);
      Fused.lionStep_(p, grad, m, 1e-3, 0.9, 0.99, 0.01);
      Fused.lionStep_(dp, grad.to(CUDA), dm, 1e-3, 0.9, 0.99, 0.01);
      assertMatches("Fused.lionStep_ " + dt, p, dp, 0, 0);
      Fused.sgdStep_(p, grad, m, 1e-2, 0.9, 0, 0.01, true, false, false);
      Fused.sgdStep_(dp, grad.to(CUDA), dm, 1e-2, 0.9, 0, 0.01, true, false, false);
      assertMatches("Fused.sgdStep_ " + dt, p, dp, 0, 0);
    }
  }
}

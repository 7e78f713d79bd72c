package io.frontier.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.frontier.tensor.Backends;
import io.frontier.tensor.DType;
import io.frontier.tensor.Device;
import io.frontier.tensor.Tensor;
import io.frontier.tensor.backend.RandomKind;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * CUDA kernels run on the CPU: a C++ driver under src/test/cuda compiles the real kernel sources
 * with g++ against host stand-ins for the CUDA runtime and the PTX instructions (emulation.h,
 * tensor_core_emulated.h, wgmma_emulated.h: a fiber per CUDA thread, barriers, warp exchanges,
 * tensor-core instructions) and checks the
 * kernels against float64 references; each prints one line per case. This checks the kernels'
 * indexing, bounds and reductions where no GPU is (CI); the GPU-tagged tests check them on the
 * hardware. Needs g++ and the CUDA headers (for cuda_runtime.h and cuda_bf16.h); skipped, not
 * failed, without them.
 */
class HostEmulationTest {

  /**
   * gemm.cu, gemm_direct.cu and gemm_wgmma.cu: the SIMT, register-staged TF32 / BF16, pack +
   * packed (mma.sync and wgmma, TF32, BF16 and 3xTF32, in place or packed) and direct kernels on
   * partial tiles, k tails, padded rows, broadcast batches, unaligned rows and grid loops: 238
   * cases, about 25 s.
   */
  @Test
  void matrixProductKernels() throws Exception {
    emulate("emulate_gemm.cpp", 269);
  }

  /**
   * fused.cu: cross-entropy forward and backward over rows of 40 to 50 257 logits
   * (with -inf, +inf, NaN, an ignored target, label smoothing), layer-norm / RMS-norm forward and
   * backward (scalar and 16-byte packs, cached and re-read rows, several rows per block) and their
   * weight / bias gradients, and the GELU / GELU-tanh / SiLU backward.
   */
  @Test
  void fusedKernels() throws Exception {
    emulate("emulate_fused.cpp", 36);
  }

  /**
   * optimizer.cu: the AdamW and Adam steps against float64; Lion, SGD (with and without momentum,
   * its first step, dampening, Nesterov, weight decay, maximize), RMSprop (plain, centered,
   * momentum) and Adagrad bit for bit against the CPU backend's order of roundings; 16-byte packs
   * with a scalar tail and scalars; the AdamW list kernel against one launch per tensor, bit for bit.
   */
  @Test
  void optimizerKernels() throws Exception {
    emulate("emulate_optimizer.cpp", 26);
  }

  /**
   * softmax.cu's causal attention softmax and scaled softmax backward (masks, offsets, partial
   * blocks), the register-tile softmax / log-softmax along a dim (32 to 512 threads a row), and
   * the general kernel's thread-, warp- and block-per-row layouts.
   */
  @Test
  void softmaxKernels() throws Exception {
    emulate("emulate_softmax.cpp", 14);
  }

  /**
   * attention.cu's forward, delta, dq and dk/dv kernels (both head-dim variants, float32 and
   * float64) against float64 attention: tiles cut, causal offsets, KV caches, no mask, heads read
   * in place from a fused qkv projection, dropout on the weights (the mask from the Philox stream
   * as Tensor.rand draws it).
   */
  @Test
  void attentionKernels() throws Exception {
    emulate("emulate_attention.cpp", 21);
  }

  /** linalg.cu's batched Cholesky (factors, failing minors), triangular solves in all eight forms, and LU solve and slogdet. */
  @Test
  void linearAlgebraKernels() throws Exception {
    emulate("emulate_linalg.cpp", 22);
  }

  /**
   * linalg_decomp.cu's QR, eigh and SVD against their defining properties in float64 (Q R = A with
   * Q orthonormal and R upper triangular with a non-negative diagonal; A V = V diag(w) ascending;
   * U diag(S) Vh = A with orthonormal factors, rank-deficient and wide inputs included).
   */
  @Test
  void linalgDecompositionKernels() throws Exception {
    emulate("emulate_linalg_decomp.cpp", 22);
  }

  /**
   * reduce.cu: reductions over the last and the first dim, whole and split in two passes; the
   * one-launch sum of a whole tensor (unaligned head, last-block ticket, counter reset);
   * arg-reductions (NaN and ties) and cumulative sums and products in the thread-, warp- and
   * block-per-row layouts.
   */
  @Test
  void reductionKernels() throws Exception {
    emulate("emulate_reduce.cpp", 20);
  }

  /**
   * elementwise.cu: float, int64 and comparison binary ops, float unary ops and where, in the
   * vector (16-byte packs, a broadcast scalar), linear (unaligned) and strided (transposed,
   * broadcast row, strided output) layouts; an int64 division by zero reported to the error flag.
   */
  @Test
  void elementwiseKernels() throws Exception {
    emulate("emulate_elementwise.cpp", 40);
  }

  /**
   * index.cu: embedding lookup and its accumulating backward (repeated indices) for float32,
   * float64, int64 and bool, a plain scatter, and an out-of-range index reported and skipped.
   */
  @Test
  void indexKernels() throws Exception {
    emulate("emulate_index.cpp", 6);
  }

  /**
   * copy.cu and sort.cu: casting copies (strided and contiguous) and fills; same-dtype copies of
   * attention's head merge and split in 16-byte packs (float32, float64, int64); stable row sorts in
   * both directions with ties, -0.0, NaN and infinities, int64 and bool rows, short rows several
   * to a block and a row of 1000; the long-row sort (tiles, merge passes over the run buffers,
   * the gather) on float32, float64 and int64 rows of 777 to 4096 in small tiles; zero_list on
   * buffers on and off 16-byte boundaries, with guard words around them.
   */
  @Test
  void copyAndSortKernels() throws Exception {
    emulate("emulate_copy_sort.cpp", 16);
  }

  /**
   * random.cu's Philox fills give the CPU backend's stream (io.frontier.tensor.cpu.RandomKernels)
   * for the same seed and offset: uniform values bit for bit, normal values to an ulp (float32) or
   * 4 ulp (float64), as RandomParityTest demands on a GPU.
   */
  @Test
  void philoxFillsMatchTheCpuStream() throws Exception {
    String out = emulate("emulate_random.cpp", 9);
    int compared = 0;
    for (String line : out.lines().filter(l -> l.startsWith("values ")).toList()) {
      String[] f = line.split(" ");
      boolean f64 = f[1].equals("f64");
      RandomKind kind = f[2].equals("normal") ? RandomKind.NORMAL : RandomKind.UNIFORM;
      long seed = Long.parseUnsignedLong(f[3]), offset = Long.parseUnsignedLong(f[4]);
      int n = Integer.parseInt(f[5]);
      assertEquals(6 + n, f.length, "values in " + line.substring(0, 60));
      Tensor cpu = Tensor.empty(f64 ? DType.FLOAT64 : DType.FLOAT32, Device.CPU, n);
      Backends.cpu().random(kind, seed, offset, cpu);
      double[] expected = cpu.to(DType.FLOAT64).toDoubleArray();
      for (int i = 0; i < n; i++) {
        long bits = Long.parseUnsignedLong(f[6 + i], 16);
        double got = f64 ? Double.longBitsToDouble(bits) : Float.intBitsToFloat((int) bits);
        double ulp = f64 ? Math.ulp(expected[i]) : Math.ulp((float) expected[i]);
        double allowed = kind == RandomKind.UNIFORM ? 0 : (f64 ? 4 : 1) * ulp;
        if (!(Math.abs(got - expected[i]) <= allowed)) {
          throw new AssertionError(String.join(" ", java.util.Arrays.copyOfRange(f, 0, 6)) + ": element " + i + " is " + got
              + " on the emulated kernel, " + expected[i] + " on the CPU");
        }
      }
      compared++;
    }
    assertEquals(9, compared, "cases compared");
  }

  /**
   * Compiles src/test/cuda/{@code driver} and runs it; asserts that it passed with at least
   * {@code minCases} cases; returns its output.
   */
  static String emulate(String driver, int minCases) throws Exception {
    Path include = cudaInclude();
    assumeTrue(include != null, "no CUDA headers (set CUDA_HOME)");
    assumeTrue(available("g++", "--version"), "g++ is not on the PATH");
    Path exe = Files.createTempFile(driver.replace(".cpp", ""), "");
    try {
      String compile = run(600, "g++", "-std=c++17", "-O2", "-pthread", "-w", "-I" + include, "-Isrc/main/cuda", "-Isrc/test/cuda",
          "src/test/cuda/" + driver, "-o", exe.toString());
      assertTrue(compile.startsWith("exit 0\n"), "g++ failed:\n" + compile);
      // every driver runs in seconds (fibers, emulation.h); a kernel that loops forever fails here
      String out = run(120, exe.toString());
      assertTrue(out.startsWith("exit 0\n") && out.contains("PASS: 0 failure(s)"), "emulated kernels failed:\n" + out);
      long cases = out.lines().filter(l -> l.startsWith("ok ")).count();
      assertTrue(cases >= minCases, "only " + cases + " cases ran:\n" + out);
      return out;
    } finally {
      Files.deleteIfExists(exe);
    }
  }

  /** The CUDA include folder: $CUDA_HOME/include, else /usr/local/cuda/include; null when neither has cuda_bf16.h. */
  static Path cudaInclude() {
    String home = System.getenv("CUDA_HOME");
    for (String dir : new String[] {home == null ? null : home + "/include", "/usr/local/cuda/include"}) {
      if (dir != null && Files.isRegularFile(Path.of(dir, "cuda_bf16.h"))) return Path.of(dir);
    }
    return null;
  }

  /** "exit N\n" followed by the command's output (stdout and stderr), or "timed out ..." and the output so far. */
  static String run(int timeoutSeconds, String... command) throws IOException, InterruptedException {
    Path log = Files.createTempFile("emulation", ".log");
    try {
      Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
      boolean done = p.waitFor(timeoutSeconds, TimeUnit.SECONDS);
      if (!done) p.destroyForcibly().waitFor();
      String output = Files.readString(log, StandardCharsets.UTF_8);
      return (done ? "exit " + p.exitValue() : "timed out after " + timeoutSeconds + " s") + "\n" + output;
    } finally {
      Files.deleteIfExists(log);
    }
  }

  static boolean available(String... command) {
    try {
      return run(30, command).startsWith("exit 0\n");
    } catch (IOException | InterruptedException e) {
      return false;
    }
  }
}

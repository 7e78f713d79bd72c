package io.frontier.cuda;

import static org.junit.jupiter.api.Assertions.*;

import io.frontier.tensor.Backends;
import io.frontier.tensor.DType;
import io.frontier.tensor.Device;
import io.frontier.tensor.Generator;
import io.frontier.tensor.Tensor;
import io.frontier.tensor.backend.Backend;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** When a product is split along K, and that the split (views, batched chunks, tail, sum) computes the product, on the CPU backend. */
class SplitKTest {
  static final int SMS = 132;

  @Test
  void gptWeightGradientsAreSplitToAboutOneWave() {
    // dW = dY^T X of the GPT step (8192 tokens), 128 x 256 tensor-core tiles
    assertEquals(new SplitK(16, 512, 0), SplitK.of(512, 512, 8192, 1, 128, 256, SMS, 4), "proj: 8 tiles");
    assertEquals(new SplitK(4, 2048, 0), SplitK.of(1536, 512, 8192, 1, 128, 256, SMS, 4), "qkv: 24 tiles");
    assertEquals(new SplitK(4, 2048, 0), SplitK.of(2048, 512, 8192, 1, 128, 256, SMS, 4), "fc: 32 tiles");
    // FP32 SIMT 64 x 64 tiles: 64 tiles for 512 x 512
    assertEquals(new SplitK(2, 4096, 0), SplitK.of(512, 512, 8192, 1, 64, 64, SMS, 4));
  }

  @Test
  void productsThatFillTheGpuOrHaveShortKRunUnsplit() {
    assertNull(SplitK.of(8192, 1536, 512, 1, 128, 256, SMS, 4), "the qkv forward: 384 tiles");
    assertNull(SplitK.of(512, 512, 511, 1, 128, 256, SMS, 4), "K under two chunks of 256");
    assertNull(SplitK.of(512, 512, 8192, 2, 128, 256, SMS, 4), "batched");
    assertNull(SplitK.of(67 * 128, 256, 8192, 1, 128, 256, SMS, 4), "67 tiles: more than half a wave");
    assertEquals(new SplitK(2, 4096, 0), SplitK.of(66 * 128, 256, 8192, 1, 128, 256, SMS, 4), "66 tiles: two chunks fill the wave");
  }

  @Test
  void chunksAreMultiplesOf32WithATail() {
    SplitK s = SplitK.of(100, 70, 3000, 1, 128, 256, SMS, 4); // 1 tile: 8 splits of ceil(375 / 32) * 32 = 384
    assertEquals(new SplitK(7, 384, 312), s);
    assertEquals(8, s.workspaceMatrices());
    assertEquals(3000, s.splits() * s.chunk() + s.tail());
    SplitK cap = SplitK.of(1, 1, 1 << 20, 1, 128, 256, SMS, 4);
    assertEquals(32, cap.splits(), "at most 32 chunks");
  }

  @Test
  void workspaceIsBounded() {
    // (tiles this large make the output one tile, so that the workspace is what limits the chunks)
    assertNull(SplitK.of(6000, 6000, 1 << 16, 1, 8192, 8192, SMS, 8), "one 6000^2 double matrix is 288 MB");
    assertEquals(8, SplitK.of(2000, 2000, 1 << 16, 1, 8192, 8192, SMS, 4).splits(), "(8 + 1) x 16 MB fit in 256 MB, 17 x 16 MB do not");
  }

  @Test
  void splitProductEqualsTheProductInEveryLayout() {
    Backend cpu = Backends.cpu();
    Generator g = new Generator(3);
    Function<Tensor, Tensor> rowMajor = x -> x, colMajor = x -> x.mT().contiguous().mT();
    int m = 37, n = 29;
    for (int k : new int[] {3000, 2048}) {
      SplitK s = SplitK.of(m, n, k, 1, 128, 256, SMS, 8);
      assertNotNull(s);
      for (Function<Tensor, Tensor> la : List.of(rowMajor, colMajor)) {
        for (Function<Tensor, Tensor> lb : List.of(rowMajor, colMajor)) {
          Tensor a = la.apply(Tensor.rand(g, DType.FLOAT64, 1, m, k).sub(0.5));
          Tensor b = lb.apply(Tensor.rand(g, DType.FLOAT64, 1, k, n).sub(0.5));
          Tensor expected = Tensor.empty(DType.FLOAT64, Device.CPU, 1, m, n);
          cpu.matmul(a, b, expected);
          Tensor out = Tensor.full(new int[] {1, m, n}, Double.NaN, DType.FLOAT64, Device.CPU);
          List<int[]> calls = new ArrayList<>();
          Tensor work = s.run(cpu, a, b, out, (x, y, o) -> {
            calls.add(new int[] {x.size(0), x.size(2)});
            cpu.matmul(x, y, o);
          });
          assertArrayEquals(new int[] {s.workspaceMatrices(), m, n}, work.shape());
          assertEquals(s.tail() > 0 ? 2 : 1, calls.size());
          assertArrayEquals(new int[] {s.splits(), s.chunk()}, calls.get(0), "one batched product of the full chunks");
          double err = out.sub(expected).abs().max().item() / expected.abs().max().item();
          assertTrue(err < 1e-12, "k " + k + ": relative error " + err);
        }
      }
    }
  }

  @Test
  void aMismatchedPlanIsRejected() {
    SplitK s = new SplitK(4, 256, 0);
    Tensor a = Tensor.zeros(DType.FLOAT32, Device.CPU, 1, 3, 1000), b = Tensor.zeros(DType.FLOAT32, Device.CPU, 1, 1000, 2);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> s.run(Backends.cpu(), a, b, Tensor.zeros(DType.FLOAT32, Device.CPU, 1, 3, 2), (x, y, o) -> {}));
    assertTrue(e.getMessage().contains("4 x 256 + 0"), e.getMessage());
  }
}

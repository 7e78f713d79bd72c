package io.frontier.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.frontier.tensor.DType;
import io.frontier.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** Launch arithmetic of fused.cu (FusedPlan) and the pack checks of CudaFused, without a GPU. */
class FusedPlanTest {

  @Test
  void rowPlans() {
    // layer norm rows of 4096 float32 in float4 packs: 256 threads of 4 packs, cached
    FusedPlan p = FusedPlan.rows(1000, 1024, FusedPlan.NORM_MAX_THREADS, FusedPlan.FWD_CACHE_PACKS);
    assertEquals(new FusedPlan(1000, 256, 1, true), p);
    // short rows share a block: 8 rows of one warp each
    assertEquals(new FusedPlan(13, 32, 8, true), FusedPlan.rows(100, 7, 512, 16));
    assertEquals(new FusedPlan(1, 32, 1, true), FusedPlan.rows(1, 1, 512, 16));
    // 4097 scalar elements: 512 threads, 9 per thread, cached forward (16), not backward (8)
    assertEquals(new FusedPlan(5, 512, 1, true), FusedPlan.rows(5, 4097, 512, FusedPlan.FWD_CACHE_SCALAR));
    assertFalse(FusedPlan.rows(5, 4097, 512, FusedPlan.BWD_CACHE_SCALAR).cached());
    // cross-entropy over a vocabulary of 50257: 512 threads per row
    FusedPlan ce = FusedPlan.rows(333, 50257, FusedPlan.CE_MAX_THREADS, 0);
    assertEquals(new FusedPlan(333, 512, 1, false), ce);
    for (int rows : new int[] {1, 7, 1000, 1 << 20}) {
      for (int packs : new int[] {1, 7, 31, 33, 192, 1023, 4097, 50257}) {
        FusedPlan q = FusedPlan.rows(rows, packs, 512, 8);
        LaunchConfig c = q.config();
        assertTrue(c.blockX() * c.blockY() <= 512, q.toString());
        assertTrue((long) c.gridX() * c.blockY() >= rows, q.toString());
        assertEquals(q.cached(), LaunchConfig.ceilDiv(packs, q.threadsPerRow()) <= 8);
      }
    }
  }

  @Test
  void crossEntropyStreams() {
    // GPT's 8192 rows of 50257 on 132 SMs are 31 waves of two blocks per SM: whole rows
    assertNull(FusedPlan.ceStream(8192, 50257, 132, 0));
    // 256 MB of logits: 1335 rows, 5.06 waves whole; one chunk of 5.06 rows per resident block
    FusedPlan.CeStream s = FusedPlan.ceStream(1335, 50257, 132, 0);
    assertEquals(264, s.blocks());
    assertEquals(LaunchConfig.ceilDiv(1335L * 50257, 264), s.chunk());
    // no more blocks than rows (a chunk at least a row long), and not one block per row
    assertNull(FusedPlan.ceStream(200, 50257, 132, 0));
    assertEquals(new FusedPlan.CeStream(3, 50002), FusedPlan.ceStream(5, 30001, 132, 3));
    assertNull(FusedPlan.ceStream(5, 30001, 132, 1));
    // short rows come whole, however few
    assertNull(FusedPlan.ceStream(1000, 8191, 132, 0));
    for (int rows : new int[] {2, 3, 7, 333, 1335, 4223}) {
      for (int blocks : new int[] {0, 2, 3, 5, 64}) {
        FusedPlan.CeStream p = FusedPlan.ceStream(rows, 50257, 132, blocks);
        if (p == null) continue;
        long total = (long) rows * 50257;
        assertTrue(p.chunk() >= 50257 && p.blocks() >= 2 && p.blocks() < rows, p.toString());
        assertTrue((long) (p.blocks() - 1) * p.chunk() < total && (long) p.blocks() * p.chunk() >= total, p.toString());
      }
    }
  }

  @Test
  void columnPlans() {
    FusedPlan.Columns c = FusedPlan.Columns.of(4096, 768, 132);
    assertEquals(24, c.tiles());
    assertEquals(44, c.chunks());
    assertTrue((long) c.chunks() * c.rowsPerChunk() >= 4096 && (long) (c.chunks() - 1) * c.rowsPerChunk() < 4096);
    assertEquals(new FusedPlan.Columns(1, 1, 1), FusedPlan.Columns.of(1, 1, 132));
    for (int rows : new int[] {1, 31, 33, 1000, 3_000_000}) {
      for (int n : new int[] {1, 7, 768, 50257}) {
        FusedPlan.Columns q = FusedPlan.Columns.of(rows, n, 132);
        assertTrue(q.chunks() >= 1 && q.chunks() <= 65535, q.toString());
        assertTrue((long) q.chunks() * q.rowsPerChunk() >= rows, q.toString());
        assertTrue((long) (q.chunks() - 1) * q.rowsPerChunk() < rows, "no empty chunk: " + q);
        q.config();
      }
    }
  }

  @Test
  void packsNeedAlignedRowsOfWholePacks() {
    Tensor x = Tensor.zeros(DType.FLOAT32, 2, 8);
    assertTrue(CudaFused.packable(8, x, null, x));
    assertFalse(CudaFused.packable(6, x));
    assertFalse(CudaFused.packable(8, x.reshape(16).narrow(0, 1, 8)));
    assertTrue(CudaFused.packable(8, x.reshape(16).narrow(0, 4, 8)));
    assertTrue(CudaFused.packable(2, Tensor.zeros(DType.FLOAT64, 4).narrow(0, 2, 2)));
    assertEquals(4, CudaFused.pack(DType.FLOAT32));
    assertEquals(2, CudaFused.pack(DType.FLOAT64));
  }
}

package io.frontier.cuda;

import static org.junit.jupiter.api.Assertions.*;

import io.frontier.tensor.DType;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * TcPlan's decisions; a CPU emulation of the pack addressing under every GemmPlan layout; and an
 * emulation of gemm_tc_*'s swizzled shared tiles and ldmatrix lane addressing against the mma
 * fragment layouts of the PTX ISA (the formulas are copied from gemm.cu).
 */
class TcPlanTest {
  static final int SMS = 132, OPTIN = 227 * 1024;

  static GemmPlan plan(MatmulPrecision p, int batch, GemmPlan.View a, GemmPlan.View b, GemmPlan.View c) {
    return GemmPlan.of(DType.FLOAT32, p, SMS, batch, a, b, c);
  }

  @Test
  void modesAndLimits() {
    GemmPlan big = plan(MatmulPrecision.BF16, 1, GemmPlanTest.rowMajor(4096, 4096), GemmPlanTest.rowMajor(4096, 4096), GemmPlanTest.rowMajor(4096, 4096));
    TcPlan t = TcPlan.of(big, MatmulPrecision.BF16, TcPlan.Mode.AUTO, OPTIN);
    assertEquals("gemm_tc_bf16", t.gemmKernel());
    assertEquals("gemm_pack_bf16", t.packKernel());
    assertEquals(4096, t.kp());
    assertEquals(64, t.numK());
    assertEquals(2, t.elementBytes());
    assertEquals(new LaunchConfig(32 * 16, 1, 1, 256, 1, TcPlan.SHARED_BYTES), t.gemm());
    assertNull(TcPlan.of(big, MatmulPrecision.BF16, TcPlan.Mode.SIMPLE, OPTIN));
    assertNull(TcPlan.of(big, MatmulPrecision.BF16, TcPlan.Mode.AUTO, 99 * 1024)); // sm_86 / sm_89
    GemmPlan small = plan(MatmulPrecision.TF32, 1, GemmPlanTest.rowMajor(7, 5), GemmPlanTest.rowMajor(5, 3), GemmPlanTest.rowMajor(7, 3));
    assertNull(TcPlan.of(small, MatmulPrecision.TF32, TcPlan.Mode.AUTO, OPTIN));
    TcPlan forced = TcPlan.of(small, MatmulPrecision.TF32, TcPlan.Mode.PACKED, OPTIN);
    assertEquals(32, forced.kp());
    assertEquals(128, forced.rowBytes());
    assertEquals(128, forced.a().paddedRows());
    assertEquals(256, forced.b().paddedRows());
    assertEquals(new LaunchConfig(4, 1, 1, 256, 1, 0), forced.b().launch());
    GemmPlan highest = plan(MatmulPrecision.HIGHEST, 1, GemmPlanTest.rowMajor(4096, 4096), GemmPlanTest.rowMajor(4096, 4096), GemmPlanTest.rowMajor(4096, 4096));
    assertNull(TcPlan.of(highest, MatmulPrecision.HIGHEST, TcPlan.Mode.PACKED, OPTIN));
  }

  @Test
  void broadcastOperandsArePackedOnce() {
    GemmPlan.View shared = new GemmPlan.View(300, 200, 200, 1, 0, 0);
    GemmPlan p = plan(MatmulPrecision.TF32, 5, shared, GemmPlanTest.rowMajor(200, 400), GemmPlanTest.rowMajor(300, 400));
    TcPlan t = TcPlan.of(p, MatmulPrecision.TF32, TcPlan.Mode.PACKED, OPTIN);
    assertEquals(1, t.a().count());
    assertEquals(0, t.a().gemmStrideBytes());
    assertEquals(5, t.b().count());
    assertEquals(512L * 224 * 4, t.b().gemmStrideBytes());
  }

  @Test
  void operandsBroadcastOverOneOfTwoBatchDimsArePackedPerMatrix() {
    // A (64, 32) per head, shared by the outer batch (stride 0) but not by the 4 heads
    GemmPlan.View a = new GemmPlan.View(64, 32, 32, 1, 0, 0, 4, 64 * 32);
    GemmPlan.View b = new GemmPlan.View(32, 48, 48, 1, 4 * 32 * 48, 0, 4, 32 * 48);
    GemmPlan.View c = new GemmPlan.View(64, 48, 48, 1, 4 * 64 * 48, 0, 4, 64 * 48);
    GemmPlan p = plan(MatmulPrecision.TF32, 8, a, b, c);
    TcPlan t = TcPlan.of(p, MatmulPrecision.TF32, TcPlan.Mode.PACKED, OPTIN);
    assertEquals(8, t.a().count());
    assertEquals(64 * 32, t.a().batchStride2());
    assertEquals(4, t.inner());
    GemmPlan shared = plan(MatmulPrecision.TF32, 8, new GemmPlan.View(64, 32, 32, 1, 0, 0, 4, 0), b, c);
    assertEquals(1, TcPlan.of(shared, MatmulPrecision.TF32, TcPlan.Mode.PACKED, OPTIN).a().count(), "broadcast over both: one copy");
    assertNull(DirectTcPlan.of(p, MatmulPrecision.TF32, TcPlan.Mode.DIRECT, OPTIN), "the direct kernels take one batch dim");
  }

  @Test
  void modeProperty() {
    // unset: wgmma where its kernels loaded, else mma.sync
    assertEquals(TcPlan.Mode.AUTO, TcPlan.Mode.fromProperty(false));
    assertEquals(TcPlan.Mode.WGMMA, TcPlan.Mode.fromProperty(true));
    assertEquals(TcPlan.Mode.WGMMA, TcPlan.Mode.parse("wgmma"));
    assertEquals(TcPlan.Mode.WGMMA_PACKED, TcPlan.Mode.parse(" wgmma-packed "));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TcPlan.Mode.parse("wgmma2"));
    assertTrue(e.getMessage().contains("wgmma2"), e.getMessage());
  }

  /** The wgmma modes: the same packs and tiles, gemm_wg_* with its own shared memory, AUTO's / PACKED's size policy. */
  @Test
  void wgmmaModes() {
    GemmPlan big = plan(MatmulPrecision.TF32, 1, GemmPlanTest.rowMajor(4096, 4096), GemmPlanTest.rowMajor(4096, 4096), GemmPlanTest.rowMajor(4096, 4096));
    TcPlan mma = TcPlan.of(big, MatmulPrecision.TF32, TcPlan.Mode.AUTO, OPTIN);
    TcPlan wg = TcPlan.of(big, MatmulPrecision.TF32, TcPlan.Mode.WGMMA, OPTIN);
    assertEquals("gemm_wg_tf32", wg.gemmKernel());
    assertEquals(mma.packKernel(), wg.packKernel());
    assertEquals(mma.a(), wg.a());
    assertEquals(mma.b(), wg.b());
    assertEquals(new LaunchConfig(32 * 16, 1, 1, 256, 1, 4 * 384 * 128 + 1024), wg.gemm());
    assertEquals(TcPlan.WGMMA_SHARED_BYTES, wg.gemm().sharedBytes());
    assertNull(TcPlan.of(big, MatmulPrecision.TF32, TcPlan.Mode.WGMMA, TcPlan.WGMMA_SHARED_BYTES - 1), "an A100's 163 KiB is too little");
    // TF32 reads a K-major, aligned operand in place: here A (row-major), not B (row-major (k, n))
    assertTrue(wg.inPlaceA());
    assertFalse(wg.inPlaceB());
    assertEquals(4 * 4096, wg.kBytes());
    assertFalse(mma.inPlaceA() || mma.inPlaceB(), "mma.sync reads packed operands only");
    GemmPlan nt = plan(MatmulPrecision.TF32, 1, new GemmPlan.View(300, 70, 72, 1, 0, 0), new GemmPlan.View(70, 500, 1, 72, 0, 0),
        GemmPlanTest.rowMajor(300, 500));
    TcPlan linear = TcPlan.of(nt, MatmulPrecision.TF32, TcPlan.Mode.WGMMA_PACKED, OPTIN);
    assertTrue(linear.inPlaceA() && linear.inPlaceB(), "x W^T: both K-major, nothing packed");
    assertEquals(4 * 70, linear.kBytes(), "K's bytes, not the packed rows' " + linear.rowBytes());
    GemmPlan unaligned = plan(MatmulPrecision.TF32, 1, new GemmPlan.View(300, 70, 72, 1, 0, 0), new GemmPlan.View(70, 500, 1, 70, 0, 0),
        GemmPlanTest.rowMajor(300, 500));
    assertFalse(TcPlan.of(unaligned, MatmulPrecision.TF32, TcPlan.Mode.WGMMA_PACKED, OPTIN).inPlaceB(), "rows 70 floats apart: not 16-byte aligned");
    // the logits layer's input gradient dlogits W (8192 tokens, vocabulary 50257, width 512): a
    // contiguous dlogits has rows 50257 floats apart and is packed; Fused.crossEntropyBackward's
    // rows, padded to 50260, are read in place
    GemmPlan.View wte = GemmPlanTest.rowMajor(50257, 512);
    for (int ld : new int[] {50257, 50260}) {
      GemmPlan dx = plan(MatmulPrecision.TF32, 1, new GemmPlan.View(8192, 50257, ld, 1, 0, 0), wte, GemmPlanTest.rowMajor(8192, 512));
      assertEquals(ld == 50260, TcPlan.of(dx, MatmulPrecision.TF32, TcPlan.Mode.WGMMA, OPTIN).inPlaceA(), "dlogits rows " + ld + " apart");
    }
    // the narrow tile (opt-in) for products of at most 64 columns: B' padded to 64 rows, 4x the tiles
    GemmPlan pv = plan(MatmulPrecision.TF32, 256, GemmPlanTest.rowMajor(256, 256), GemmPlanTest.rowMajor(256, 64),
        GemmPlanTest.rowMajor(256, 64));
    boolean before = TcPlan.narrowTile;
    try {
      TcPlan.narrowTile = false;
      TcPlan wide = TcPlan.of(pv, MatmulPrecision.TF32, TcPlan.Mode.WGMMA, OPTIN);
      assertEquals("gemm_wg_tf32", wide.gemmKernel());
      assertEquals(256, wide.b().paddedRows());
      TcPlan.narrowTile = true;
      TcPlan narrow = TcPlan.of(pv, MatmulPrecision.TF32, TcPlan.Mode.WGMMA, OPTIN);
      assertEquals("gemm_wg_tf32_n64", narrow.gemmKernel());
      assertEquals(64, narrow.b().paddedRows());
      assertEquals(2, narrow.gemm().gridX(), "256 rows of 128 by one column tile of 64");
      assertEquals(TcPlan.WGMMA_NARROW_SHARED_BYTES, narrow.gemm().sharedBytes());
      assertEquals("gemm_wg_bf16_n64", TcPlan.of(pv, MatmulPrecision.BF16, TcPlan.Mode.WGMMA, OPTIN).gemmKernel());
      assertEquals("gemm_tc_tf32", TcPlan.of(pv, MatmulPrecision.TF32, TcPlan.Mode.AUTO, OPTIN).gemmKernel(), "mma.sync keeps its tile");
      assertEquals("gemm_wg_tf32", TcPlan.of(big, MatmulPrecision.TF32, TcPlan.Mode.WGMMA, OPTIN).gemmKernel(), "wider than 64: the wide tile");
    } finally {
      TcPlan.narrowTile = before;
    }
    TcPlan bf16 = TcPlan.of(big, MatmulPrecision.BF16, TcPlan.Mode.WGMMA, OPTIN);
    assertEquals("gemm_wg_bf16", bf16.gemmKernel());
    assertFalse(bf16.inPlaceA() || bf16.inPlaceB(), "BF16 operands are always converted by the pack");
    assertEquals(bf16.rowBytes(), bf16.kBytes());
    GemmPlan small = plan(MatmulPrecision.TF32, 1, GemmPlanTest.rowMajor(7, 5), GemmPlanTest.rowMajor(5, 3), GemmPlanTest.rowMajor(7, 3));
    assertNull(TcPlan.of(small, MatmulPrecision.TF32, TcPlan.Mode.WGMMA, OPTIN), "AUTO's size policy");
    assertEquals("gemm_wg_tf32", TcPlan.of(small, MatmulPrecision.TF32, TcPlan.Mode.WGMMA_PACKED, OPTIN).gemmKernel());
    assertNull(TcPlan.of(big, MatmulPrecision.HIGHEST, TcPlan.Mode.WGMMA_PACKED, OPTIN));
    assertEquals(TcPlan.Mode.AUTO, TcPlan.Mode.WGMMA.withoutWgmma());
    assertEquals(TcPlan.Mode.PACKED, TcPlan.Mode.WGMMA_PACKED.withoutWgmma());
    assertEquals(TcPlan.Mode.DIRECT, TcPlan.Mode.DIRECT.withoutWgmma());
  }

  /**
   * A weight gradient g^T x: A = g^T is stored transposed, which a TF32 wgmma reads from shared
   * memory only K-major; with the register-A kernel switched on it is read in place through
   * registers (gemm_wg_tf32_ra) and only B is packed; BF16, 3xTF32, an unaligned A, a row-major A
   * and mma.sync keep their plans.
   */
  @Test
  void registerAPlans() {
    // dW (512 x 1536) = g^T (512 x 8192, g contiguous (8192, 512)) x (8192 x 1536)
    GemmPlan.View gT = new GemmPlan.View(512, 8192, 1, 512, 0, 0);
    GemmPlan dw = plan(MatmulPrecision.TF32, 1, gT, GemmPlanTest.rowMajor(8192, 1536), GemmPlanTest.rowMajor(512, 1536));
    assertTrue(dw.a().transposed() && dw.a().vec());
    boolean before = TcPlan.registerATile;
    try {
      TcPlan.registerATile = false;
      TcPlan packed = TcPlan.of(dw, MatmulPrecision.TF32, TcPlan.Mode.WGMMA, OPTIN);
      assertEquals("gemm_wg_tf32", packed.gemmKernel());
      assertTrue(packed.packs(packed.a()) && packed.packs(packed.b()), "off: both operands packed");
      TcPlan.registerATile = true;
      TcPlan ra = TcPlan.of(dw, MatmulPrecision.TF32, TcPlan.Mode.WGMMA, OPTIN);
      assertEquals(TcPlan.REGISTER_A_KERNEL, ra.gemmKernel());
      assertTrue(ra.registerA());
      assertFalse(ra.packs(ra.a()), "A read in place");
      assertTrue(ra.packs(ra.b()), "B (row-major (k, n)) is still packed");
      assertEquals(4 * 8192, ra.kBytes(), "K's float32 bytes: A's k rows are not padded");
      assertEquals(packed.gemm(), ra.gemm(), "the same tiles and shared memory");
      assertEquals(TcPlan.WGMMA_SHARED_BYTES, ra.gemm().sharedBytes());
      // a transposed A whose k rows are not 16-byte aligned (ld 510) is packed
      GemmPlan odd = plan(MatmulPrecision.TF32, 1, new GemmPlan.View(510, 8192, 1, 510, 0, 0), GemmPlanTest.rowMajor(8192, 1536),
          GemmPlanTest.rowMajor(510, 1536));
      assertFalse(TcPlan.of(odd, MatmulPrecision.TF32, TcPlan.Mode.WGMMA, OPTIN).registerA());
      // a row-major A keeps the descriptor path (read in place, truncated)
      GemmPlan fwd = plan(MatmulPrecision.TF32, 1, GemmPlanTest.rowMajor(8192, 512), GemmPlanTest.rowMajor(512, 1536),
          GemmPlanTest.rowMajor(8192, 1536));
      TcPlan rowMajorA = TcPlan.of(fwd, MatmulPrecision.TF32, TcPlan.Mode.WGMMA, OPTIN);
      assertFalse(rowMajorA.registerA());
      assertTrue(rowMajorA.inPlaceA());
      assertFalse(TcPlan.of(dw, MatmulPrecision.BF16, TcPlan.Mode.WGMMA, OPTIN).registerA(), "BF16 is converted by its pack");
      assertFalse(TcPlan.of(dw, MatmulPrecision.TF32, TcPlan.Mode.AUTO, OPTIN).registerA(), "mma.sync");
      // 3xTF32: any aligned A, split in registers, never packed; B packed as gemm_wg_tf32x3's
      GemmPlan dwX3 = plan(MatmulPrecision.TF32X3, 1, gT, GemmPlanTest.rowMajor(8192, 1536), GemmPlanTest.rowMajor(512, 1536));
      TcPlan x3t = TcPlan.of(dwX3, MatmulPrecision.TF32X3, TcPlan.Mode.WGMMA, OPTIN);
      assertEquals("gemm_wg_tf32x3_ra_t", x3t.gemmKernel());
      assertTrue(x3t.splitWgmma() && x3t.registerA());
      assertFalse(x3t.packs(x3t.a()));
      assertTrue(x3t.packs(x3t.b()));
      assertEquals(2, x3t.b().segments(), "a row-major B: [hi | lo]");
      GemmPlan fwdX3 = plan(MatmulPrecision.TF32X3, 1, GemmPlanTest.rowMajor(8192, 512), new GemmPlan.View(512, 1536, 1, 512, 0, 0),
          GemmPlanTest.rowMajor(8192, 1536));
      TcPlan x3 = TcPlan.of(fwdX3, MatmulPrecision.TF32X3, TcPlan.Mode.WGMMA, OPTIN);
      assertEquals("gemm_wg_tf32x3_ra", x3.gemmKernel(), "x W^T: A row-major");
      assertFalse(x3.packs(x3.a()));
      assertEquals(1, x3.b().segments(), "W read in place: only its low parts packed");
      TcPlan.registerATile = false;
      assertEquals("gemm_wg_tf32x3", TcPlan.of(dwX3, MatmulPrecision.TF32X3, TcPlan.Mode.WGMMA, OPTIN).gemmKernel());
    } finally {
      TcPlan.registerATile = before;
    }
  }

  /** The persistent grid: at most one wave of the kernels that loop over tiles, the others a block per tile. */
  @Test
  void persistentGrids() {
    GemmPlan big = plan(MatmulPrecision.TF32, 1, GemmPlanTest.rowMajor(4096, 4096), GemmPlanTest.rowMajor(4096, 4096), GemmPlanTest.rowMajor(4096, 4096));
    GemmPlan pv = plan(MatmulPrecision.TF32, 256, GemmPlanTest.rowMajor(256, 256), GemmPlanTest.rowMajor(256, 64), GemmPlanTest.rowMajor(256, 64));
    boolean before = TcPlan.persistent, narrowBefore = TcPlan.narrowTile;
    try {
      TcPlan.persistent = false;
      TcPlan wide = TcPlan.of(big, MatmulPrecision.TF32, TcPlan.Mode.WGMMA, OPTIN);
      assertEquals(wide.gemm(), wide.gemmLaunch(132), "off: a block per tile");
      TcPlan.persistent = true;
      assertEquals(new LaunchConfig(132, 1, 1, 256, 1, TcPlan.WGMMA_SHARED_BYTES), wide.gemmLaunch(132), "512 tiles on 132 SMs");
      assertEquals(wide.gemm(), wide.gemmLaunch(1000), "fewer tiles than SMs: a block each");
      TcPlan.narrowTile = true;
      TcPlan narrow = TcPlan.of(pv, MatmulPrecision.TF32, TcPlan.Mode.WGMMA, OPTIN);
      assertEquals(2, narrow.gemmLaunch(1).gridX(), "two narrow blocks a SM");
      assertEquals(256, narrow.gemmLaunch(1).gridY(), "the batch as it was");
      assertEquals(TcPlan.of(big, MatmulPrecision.TF32, TcPlan.Mode.AUTO, OPTIN).gemm(),
          TcPlan.of(big, MatmulPrecision.TF32, TcPlan.Mode.AUTO, OPTIN).gemmLaunch(132), "mma.sync's gemm_tc_* do not loop");
      GemmPlan x3 = plan(MatmulPrecision.TF32X3, 1, GemmPlanTest.rowMajor(4096, 4096), GemmPlanTest.rowMajor(4096, 4096), GemmPlanTest.rowMajor(4096, 4096));
      TcPlan oneStage = TcPlan.of(x3, MatmulPrecision.TF32X3, TcPlan.Mode.WGMMA, OPTIN);
      assertEquals(oneStage.gemm(), oneStage.gemmLaunch(132), "gemm_wg_tf32x3 does not loop");
      assertTrue(TcPlan.loopsOverTiles("gemm_wg_tf32x3_passes") && TcPlan.loopsOverTiles(TcPlan.REGISTER_A_KERNEL));
      assertTrue(TcPlan.loopsOverTiles("gemm_wg_tf32x3_ra") && TcPlan.loopsOverTiles("gemm_wg_tf32x3_ra_t"));
      assertFalse(TcPlan.loopsOverTiles("gemm_tc_tf32"));
    } finally {
      TcPlan.persistent = before;
      TcPlan.narrowTile = narrowBefore;
    }
  }

  /**
   * 3xTF32: on mma.sync, rows of three Kp segments (the product kernel runs over all of them); on
   * wgmma, gemm_wg_tf32x3 with an in-place operand's low parts packed alone (truncated high parts)
   * and any other operand packed as [hi | lo]; unpacked products stay on the FP32 SIMT kernels.
   */
  @Test
  void splitTf32Plans() {
    GemmPlan big = plan(MatmulPrecision.TF32X3, 1, GemmPlanTest.rowMajor(4096, 4096), GemmPlanTest.rowMajor(4096, 4096), GemmPlanTest.rowMajor(4096, 4096));
    assertTrue(big.kernel().startsWith("gemm_sgemm128"), big.kernel());
    TcPlan mma = TcPlan.of(big, MatmulPrecision.TF32X3, TcPlan.Mode.AUTO, OPTIN);
    assertEquals("gemm_pack_tf32x3", mma.packKernel());
    assertEquals("gemm_tc_tf32", mma.gemmKernel());
    assertTrue(mma.split());
    assertFalse(mma.splitWgmma());
    assertEquals(4096, mma.kp());
    assertEquals(3 * 4096 * 4, mma.rowBytes());
    assertEquals(3 * 4096 / 32, mma.numK(), "three segments of 128 k tiles");
    assertEquals(4, mma.elementBytes());
    for (TcPlan.Pack pk : new TcPlan.Pack[] {mma.a(), mma.b()}) {
      assertEquals(3, pk.segments());
      assertFalse(pk.truncateHi());
      assertEquals(3L * 4096 * 4096, pk.floats());
      assertEquals(new LaunchConfig(4096 / 64, 4096 / 32, 1, 256, 1, 0), pk.launch(), "the pack's grid covers one segment");
    }
    assertEquals(TcPlan.A_LO_SEGMENT, mma.a().loSegment());
    assertEquals(TcPlan.B_LO_SEGMENT, mma.b().loSegment());
    assertFalse(mma.inPlaceA() || mma.inPlaceB());

    TcPlan wg = TcPlan.of(big, MatmulPrecision.TF32X3, TcPlan.Mode.WGMMA, OPTIN);
    assertEquals("gemm_wg_tf32x3", wg.gemmKernel());
    assertTrue(wg.splitWgmma());
    assertEquals(4 * 4096, wg.kBytes(), "every row read over K's float32 bytes");
    boolean passes = TcPlan.splitPasses;
    try {
      TcPlan.splitPasses = true; // the three-pass kernel: the same operands and shared memory
      TcPlan wp = TcPlan.of(big, MatmulPrecision.TF32X3, TcPlan.Mode.WGMMA, OPTIN);
      assertEquals("gemm_wg_tf32x3_passes", wp.gemmKernel());
      assertTrue(wp.splitWgmma());
      assertEquals(wg.gemm().sharedBytes(), wp.gemm().sharedBytes());
    } finally {
      TcPlan.splitPasses = passes;
    }
    // A row-major: K-major, read in place, its low parts packed alone from truncated high parts
    assertTrue(wg.inPlaceA() && wg.packs(wg.a()));
    assertEquals(1, wg.a().segments());
    assertEquals(0, wg.a().loSegment());
    assertTrue(wg.a().truncateHi());
    // B row-major (k, n): packed as [hi | lo], high parts rounded to nearest
    assertFalse(wg.inPlaceB());
    assertEquals(2, wg.b().segments());
    assertEquals(1, wg.b().loSegment());
    assertFalse(wg.b().truncateHi());
    assertEquals(new TcPlan.PackedRows(4096 * 4, 2 * 4096 * 4, 0, 0), wg.packedRows(wg.b(), 1), "lo one segment into [hi | lo] rows");
    // the narrow tile is not taken
    boolean before = TcPlan.narrowTile;
    try {
      TcPlan.narrowTile = true;
      GemmPlan pv = plan(MatmulPrecision.TF32X3, 256, GemmPlanTest.rowMajor(256, 256), GemmPlanTest.rowMajor(256, 64), GemmPlanTest.rowMajor(256, 64));
      assertEquals("gemm_wg_tf32x3", TcPlan.of(pv, MatmulPrecision.TF32X3, TcPlan.Mode.WGMMA, OPTIN).gemmKernel());
    } finally {
      TcPlan.narrowTile = before;
    }
    TcPlan tf32 = TcPlan.of(plan(MatmulPrecision.TF32, 1, GemmPlanTest.rowMajor(4096, 4096), GemmPlanTest.rowMajor(4096, 4096),
        GemmPlanTest.rowMajor(4096, 4096)), MatmulPrecision.TF32, TcPlan.Mode.WGMMA, OPTIN);
    assertFalse(tf32.split());
    assertFalse(tf32.packs(tf32.a()), "TF32 reads an in-place operand whole");
    assertEquals(-1, tf32.a().loSegment());
    // too small for the packed path: FP32 on the SIMT kernels
    GemmPlan small = plan(MatmulPrecision.TF32X3, 1, GemmPlanTest.rowMajor(7, 5), GemmPlanTest.rowMajor(5, 3), GemmPlanTest.rowMajor(7, 3));
    assertTrue(small.kernel().startsWith("gemm_sgemm64"), small.kernel());
    assertNull(TcPlan.of(small, MatmulPrecision.TF32X3, TcPlan.Mode.WGMMA, OPTIN));
    assertNull(TcPlan.of(big, MatmulPrecision.TF32X3, TcPlan.Mode.SIMPLE, OPTIN));
    GemmPlan f64 = GemmPlan.of(DType.FLOAT64, MatmulPrecision.TF32X3, SMS, 1, GemmPlanTest.rowMajor(4096, 4096), GemmPlanTest.rowMajor(4096, 4096),
        GemmPlanTest.rowMajor(4096, 4096));
    assertNull(TcPlan.of(f64, MatmulPrecision.TF32X3, TcPlan.Mode.WGMMA_PACKED, OPTIN), "float64 products are FP64");
    // the size policy scales with the three segments: the logits layer's dlogits W (8192 x 50257
    // by 50257 x 512) packs 4.9 GB of A' on mma.sync and stays on the tensor cores
    GemmPlan dx = plan(MatmulPrecision.TF32X3, 1, GemmPlanTest.rowMajor(8192, 50257), GemmPlanTest.rowMajor(50257, 512), GemmPlanTest.rowMajor(8192, 512));
    TcPlan logits = TcPlan.of(dx, MatmulPrecision.TF32X3, TcPlan.Mode.AUTO, OPTIN);
    assertNotNull(logits);
    assertTrue(4 * (logits.a().floats() + logits.b().floats()) > TcPlan.AUTO_MAX_PACKED_BYTES);
  }

  /**
   * gemm_wg_tf32x3 emulated through the plan's packs and {@link TcPlan#packedRows}: for every
   * layout, the high rows (in place: the source, truncated; else segment 0) times the high and low
   * rows of the other operand, as the kernel's three passes sum them, equals the product within the
   * dropped a_lo b_lo.
   */
  @Test
  void emulatedSplitWgmmaMatchesTheProduct() {
    Random rnd = new Random(10);
    int checked = 0;
    for (int trial = 0; trial < 300; trial++) {
      Trial tr = Trial.random(rnd);
      if (tr == null) continue;
      int batch = tr.batch(), m = tr.m(), n = tr.n(), k = tr.k();
      GemmPlanTest.Strided a = tr.a(), b = tr.b(), c = tr.c();
      GemmPlan p = plan(MatmulPrecision.TF32X3, batch, a.view(), b.view(), c.view());
      TcPlan t = TcPlan.of(p, MatmulPrecision.TF32X3, TcPlan.Mode.WGMMA_PACKED, OPTIN);
      assertTrue(t.splitWgmma());
      GemmPlanTest.Strided first = p.swapped() ? b : a, second = p.swapped() ? a : b;
      Operand oa = new Operand(t, t.a(), p.a(), t.inPlaceA(), first, p.k(), p.inner());
      Operand ob = new Operand(t, t.b(), p.b(), t.inPlaceB(), second, p.k(), p.inner());
      for (int z = 0; z < batch; z++)
        for (int i = 0; i < m; i++)
          for (int j = 0; j < n; j++) {
            int pi = p.swapped() ? j : i, pj = p.swapped() ? i : j;
            double s = 0, e = 0, magnitude = 0;
            for (int kk = 0; kk < p.k(); kk++) {
              s += oa.hi(z, pi, kk) * ob.hi(z, pj, kk) + oa.hi(z, pi, kk) * ob.lo(z, pj, kk) + oa.lo(z, pi, kk) * ob.hi(z, pj, kk);
            }
            for (int kk = 0; kk < k; kk++) {
              e += a.get(z, i, kk) * b.get(z, kk, j);
              magnitude += Math.abs(a.get(z, i, kk) * b.get(z, kk, j));
            }
            assertEquals(e, s, 0x1p-20 * magnitude + 1e-12, "trial " + trial + " " + p + " " + t);
          }
      checked++;
    }
    assertTrue(checked > 100, "too few usable layouts: " + checked);
  }

  /**
   * A random small product for the pack emulations: batch x (m x k) @ (k x n) -> (m x n) in random
   * layouts, or null when a layout is one the plans do not take (the product would copy first).
   * The operands are floats with more than TF32's 10 mantissa bits, so that split operands have
   * low parts.
   */
  private record Trial(int batch, int m, int n, int k, GemmPlanTest.Strided a, GemmPlanTest.Strided b, GemmPlanTest.Strided c) {
    static Trial random(Random rnd) {
      int batch = 1 + rnd.nextInt(3), m = 1 + rnd.nextInt(6), n = 1 + rnd.nextInt(6), k = 1 + rnd.nextInt(6);
      GemmPlanTest.Strided a = GemmPlanTest.Strided.random(rnd, batch, m, k);
      GemmPlanTest.Strided b = GemmPlanTest.Strided.random(rnd, batch, k, n);
      GemmPlanTest.Strided c = GemmPlanTest.Strided.random(rnd, batch, m, n);
      if (GemmPlan.operandLayout(a.view()) == null || GemmPlan.operandLayout(b.view()) == null || !GemmPlan.outputUsable(c.view())) return null;
      if (c.batchStride() == 0 && batch > 1) return null;
      for (double[] data : new double[][] {a.data(), b.data()}) for (int i = 0; i < data.length; i++) data[i] = (float) (data[i] + rnd.nextDouble());
      return new Trial(batch, m, n, k, a, b, c);
    }
  }

  /**
   * One operand of gemm_wg_tf32x3 as the kernel reads it: rows r (m or n) of matrix z at k. The
   * packed buffer is emulated from the plan's Pack, and read back at {@link TcPlan#packedRows}
   * (bytes / 4 per element); an in-place operand's high parts are the source's, truncated.
   */
  private record Operand(TcPlan t, TcPlan.Pack pk, GemmPlan.Operand op, boolean inPlace, GemmPlanTest.Strided src, double[] packed, int inner) {
    Operand(TcPlan t, TcPlan.Pack pk, GemmPlan.Operand op, boolean inPlace, GemmPlanTest.Strided src, int k, int inner) {
      this(t, pk, op, inPlace, src, pack(pk, src, k, t.kp(), pk.segments(), pk.loSegment(), pk.truncateHi()), inner);
    }

    double hi(int z, int r, int kk) {
      if (inPlace) {
        long base = src.offset() + (long) (z / inner) * op.batchStride() + (long) (z % inner) * op.batchStride2();
        return truncated(src.data()[(int) (base + (long) r * op.ld() + kk)]);
      }
      return at(z, r, kk, 0);
    }

    double lo(int z, int r, int kk) {
      return at(z, r, kk, pk.loSegment());
    }

    private double at(int z, int r, int kk, int segment) {
      TcPlan.PackedRows rows = t.packedRows(pk, segment);
      long bytes = rows.offset() + (long) (z / inner) * rows.stride() + (long) (z % inner) * rows.stride2() + (long) r * rows.ld() + 4L * kk;
      return packed[(int) (bytes / 4)];
    }
  }

  /** The sm_90a module is for compute capability 9.0 alone; elsewhere the reason names the card. */
  @Test
  void wgmmaNeedsComputeCapability90() {
    assertNull(CudaContext.wgmmaUnsupported(9, 0));
    for (int[] cc : new int[][] {{8, 0}, {8, 9}, {10, 0}, {12, 0}}) {
      String why = CudaContext.wgmmaUnsupported(cc[0], cc[1]);
      assertTrue(why != null && why.contains("sm_" + cc[0] + cc[1]), why);
    }
  }

  /**
   * Packing through the plan's strides, then the product of the packed buffers, equals the product
   * (3xTF32: over the three segments, within the dropped a_lo b_lo).
   */
  @Test
  void emulatedPackMatchesTheProduct() {
    Random rnd = new Random(9);
    MatmulPrecision[] precisions = {MatmulPrecision.TF32, MatmulPrecision.BF16, MatmulPrecision.TF32X3};
    for (int trial = 0; trial < 300; trial++) {
      Trial tr = Trial.random(rnd);
      if (tr == null) continue;
      int batch = tr.batch(), m = tr.m(), n = tr.n(), k = tr.k();
      GemmPlanTest.Strided a = tr.a(), b = tr.b(), c = tr.c();
      MatmulPrecision prec = precisions[rnd.nextInt(precisions.length)];
      GemmPlan p = plan(prec, batch, a.view(), b.view(), c.view());
      TcPlan t = TcPlan.of(p, prec, TcPlan.Mode.PACKED, OPTIN);
      GemmPlanTest.Strided first = p.swapped() ? b : a, second = p.swapped() ? a : b;
      boolean split = t.split();
      double[] pa = pack(t.a(), first, p.k(), t.kp(), t.a().segments(), t.a().loSegment(), false);
      double[] pb = pack(t.b(), second, p.k(), t.kp(), t.b().segments(), t.b().loSegment(), false);
      if (split) assertEquals(List.of(TcPlan.A_LO_SEGMENT, TcPlan.B_LO_SEGMENT), List.of(t.a().loSegment(), t.b().loSegment()));
      int rowElems = t.rowBytes() / t.elementBytes();
      assertEquals(split ? 3 * t.kp() : t.kp(), rowElems);
      long strideA = t.a().gemmStrideBytes() / t.elementBytes(), strideB = t.b().gemmStrideBytes() / t.elementBytes();
      double[] out = new double[c.data().length];
      for (int z = 0; z < p.batch(); z++)
        for (int i = 0; i < p.m(); i++)
          for (int j = 0; j < p.n(); j++) {
            double s = 0;
            for (int kk = 0; kk < rowElems; kk++) s += pa[(int) (z * strideA + (long) i * rowElems + kk)] * pb[(int) (z * strideB + (long) j * rowElems + kk)];
            out[(int) (c.offset() + z * p.c().batchStride() + (long) i * p.c().ld() + j)] = s;
          }
      for (int z = 0; z < batch; z++)
        for (int i = 0; i < m; i++)
          for (int j = 0; j < n; j++) {
            double e = 0, magnitude = 0;
            for (int kk = 0; kk < k; kk++) {
              e += a.get(z, i, kk) * b.get(z, kk, j);
              magnitude += Math.abs(a.get(z, i, kk) * b.get(z, kk, j));
            }
            // a_lo b_lo < 2^-22 |a b|
            double tol = split ? 0x1p-21 * magnitude + 1e-12 : 1e-12;
            assertEquals(e, out[c.index(z, i, j)], tol, "trial " + trial + " " + p + " " + t);
          }
    }
  }

  /**
   * tc2_pack: dst[z][r][k] = src[offset + z * bs + r * rs + k * ks] inside R x K, else 0; split
   * (loSegment >= 0): rows of `segments` segments, the low part (x - hi) in loSegment, hi = tf32(x)
   * (or x truncated to TF32) in the others.
   */
  static double[] pack(TcPlan.Pack pk, GemmPlanTest.Strided src, int k, int kp, int segments, int loSegment, boolean truncateHi) {
    int rowElems = segments * kp;
    double[] dst = new double[pk.count() * pk.paddedRows() * rowElems];
    for (int z = 0; z < pk.count(); z++)
      for (int r = 0; r < pk.paddedRows(); r++)
        for (int kk = 0; kk < kp; kk++)
          if (r < pk.rows() && kk < k) {
            double x = src.data()[(int) (src.offset() + z * pk.batchStride() + r * pk.rowStride() + kk * pk.kStride())];
            int row = (z * pk.paddedRows() + r) * rowElems;
            if (loSegment < 0) {
              dst[row + kk] = x;
            } else {
              double hi = truncateHi ? truncated(x) : tf32(x);
              for (int seg = 0; seg < segments; seg++) dst[row + seg * kp + kk] = seg == loSegment ? x - hi : hi;
            }
          }
    return dst;
  }

  /** A float cut to TF32's 10 mantissa bits, as the tensor core reads float32 operands. */
  static double truncated(double x) {
    return Float.intBitsToFloat(Float.floatToRawIntBits((float) x) & 0xffffe000);
  }

  /** cvt.rna.tf32.f32 of a finite float: 10 mantissa bits, ties away from zero. */
  static double tf32(double x) {
    int bits = Float.floatToRawIntBits((float) x);
    return Float.intBitsToFloat((bits + 0x1000) & 0xffffe000);
  }

  /** gemm.cu's swz: byte offset of logical 16-byte chunk c of row r. */
  static int swz(int r, int c) {
    return r * 128 + ((c ^ (r & 7)) << 4);
  }

  /**
   * Fills swizzled A and B tiles with element ids, emulates every ldmatrix.x4 of one warp (lanes
   * 8j..8j+7 address matrix j; lane l gets word l % 4 of row l / 4) and checks each register
   * against the mma fragment layout (PTX ISA, m16n8k16 BF16 and m16n8k8 TF32).
   */
  @Test
  void ldmatrixFragmentsMatchTheMmaLayout() {
    for (int es : new int[] {2, 4}) {
      int perRow = 128 / es;
      // Element (row, k) of a tile is at byte swz(row, k*es/16) + (k*es) % 16; record its id row*1000+k.
      int[] aTile = new int[128 * 128 / es], bTile = new int[256 * 128 / es];
      for (int r = 0; r < 128; r++) for (int kk = 0; kk < perRow; kk++) aTile[(swz(r, kk * es / 16) + (kk * es) % 16) / es] = r * 1000 + kk;
      for (int r = 0; r < 256; r++) for (int kk = 0; kk < perRow; kk++) bTile[(swz(r, kk * es / 16) + (kk * es) % 16) / es] = r * 1000 + kk;
      for (int warp = 0; warp < 8; warp++) {
        int wm = (warp / 4) * 64, wn = (warp % 4) * 64;
        for (int step = 0; step < 4; step++) {
          final int ks = step;
          int kb = ks * 32 / es; // first k element of this mma step
          for (int mi = 0; mi < 4; mi++) {
            final int fmi = mi;
            int[][][] regs = ldmatrix(aTile, es, (lj, lr) -> swz(wm + fmi * 16 + (lj & 1) * 8 + lr, 2 * ks + (lj >> 1)));
            for (int lane = 0; lane < 32; lane++) {
              int g = lane / 4, t = lane % 4;
              for (int j = 0; j < 4; j++) {
                int row = wm + mi * 16 + g + ((j & 1) == 1 ? 8 : 0);
                if (es == 2) {
                  int k0 = kb + 2 * t + (j >= 2 ? 8 : 0);
                  assertArrayEquals(new int[] {row * 1000 + k0, row * 1000 + k0 + 1}, regs[lane][j], "bf16 A a" + j);
                } else {
                  int k0 = kb + t + (j >= 2 ? 4 : 0);
                  assertArrayEquals(new int[] {row * 1000 + k0}, regs[lane][j], "tf32 A a" + j);
                }
              }
            }
          }
          for (int np = 0; np < 4; np++) {
            final int fnp = np;
            int[][][] regs = ldmatrix(bTile, es, (lj, lr) -> swz(wn + fnp * 16 + (lj >> 1) * 8 + lr, 2 * ks + (lj & 1)));
            for (int lane = 0; lane < 32; lane++) {
              int g = lane / 4, t = lane % 4;
              for (int j = 0; j < 4; j++) {
                int ni = 2 * np + j / 2, reg = j % 2; // r[0], r[1] -> bf[2np][0..1]; r[2], r[3] -> bf[2np+1][0..1]
                int n = wn + ni * 8 + g;
                if (es == 2) {
                  int k0 = kb + 2 * t + (reg == 1 ? 8 : 0);
                  assertArrayEquals(new int[] {n * 1000 + k0, n * 1000 + k0 + 1}, regs[lane][j], "bf16 B b" + reg);
                } else {
                  int k0 = kb + t + (reg == 1 ? 4 : 0);
                  assertArrayEquals(new int[] {n * 1000 + k0}, regs[lane][j], "tf32 B b" + reg);
                }
              }
            }
          }
        }
      }
    }
  }

  interface RowAddress {
    int of(int lj, int lr);
  }

  /** regs[lane][j] = the elements (ids) in lane's register j after ldmatrix.x4 with the given per-lane row addresses. */
  static int[][][] ldmatrix(int[] tile, int es, RowAddress addr) {
    int[][][] regs = new int[32][4][];
    for (int lane = 0; lane < 32; lane++) {
      for (int j = 0; j < 4; j++) {
        int rowAddr = addr.of(j, lane / 4); // supplied by lane 8j + lane/4
        assertEquals(0, rowAddr % 16);
        int word = rowAddr + 4 * (lane % 4);
        int[] e = new int[4 / es];
        for (int q = 0; q < e.length; q++) e[q] = tile[(word + q * es) / es];
        regs[lane][j] = e;
      }
    }
    return regs;
  }
}

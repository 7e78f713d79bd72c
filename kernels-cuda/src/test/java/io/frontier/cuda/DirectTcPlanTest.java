package io.frontier.cuda;

import static io.frontier.cuda.GemmPlanTest.colMajor;
import static io.frontier.cuda.GemmPlanTest.rowMajor;
import static org.junit.jupiter.api.Assertions.*;

import io.frontier.tensor.DType;
import org.junit.jupiter.api.Test;

/** When the direct TF32 kernels (gemm_direct.cu) take a product, and with which kernel and grid. */
class DirectTcPlanTest {
  static final int SMS = 132, OPTIN = 227 * 1024;

  static GemmPlan tf32(int batch, GemmPlan.View a, GemmPlan.View b, GemmPlan.View c) {
    return GemmPlan.of(DType.FLOAT32, MatmulPrecision.TF32, SMS, batch, a, b, c);
  }

  @Test
  void kernelPerLayoutAndRounding() {
    GemmPlan nn = tf32(1, rowMajor(300, 64), rowMajor(64, 520), rowMajor(300, 520));
    DirectTcPlan d = DirectTcPlan.of(nn, MatmulPrecision.TF32, TcPlan.Mode.DIRECT, OPTIN);
    assertEquals("gemm_tcd_tf32_nn", d.kernel());
    // 3 tile rows of 128 x 3 tile columns of 256.
    assertEquals(new LaunchConfig(9, 1, 1, 256, 1, 153600), d.launch());
    assertEquals(153600, DirectTcPlan.SHARED_BYTES);
    assertEquals("gemm_tcdz_tf32_nn", DirectTcPlan.of(nn, MatmulPrecision.TF32, TcPlan.Mode.DIRECT_TRUNCATED, OPTIN).kernel());
    GemmPlan tt = tf32(1, colMajor(300, 64), colMajor(64, 520), rowMajor(300, 520));
    assertEquals("gemm_tcd_tf32_tt", DirectTcPlan.of(tt, MatmulPrecision.TF32, TcPlan.Mode.DIRECT, OPTIN).kernel());
    GemmPlan nt = tf32(1, rowMajor(300, 64), colMajor(64, 520), rowMajor(300, 520));
    assertEquals("gemm_tcd_tf32_nt", DirectTcPlan.of(nt, MatmulPrecision.TF32, TcPlan.Mode.DIRECT, OPTIN).kernel());
  }

  @Test
  void batchesBeyondTheGridLimitLoop() {
    GemmPlan p = tf32(70_000, new GemmPlan.View(8, 4, 4, 1, 32, 0), new GemmPlan.View(4, 8, 8, 1, 32, 0),
        new GemmPlan.View(8, 8, 8, 1, 64, 0));
    DirectTcPlan d = DirectTcPlan.of(p, MatmulPrecision.TF32, TcPlan.Mode.DIRECT, OPTIN);
    assertEquals(new LaunchConfig(1, GemmPlan.MAX_GRID_Y, 1, 256, 1, 153600), d.launch());
  }

  @Test
  void otherModesPrecisionsAndCardsTakeAnotherPath() {
    GemmPlan p = tf32(1, rowMajor(512, 512), rowMajor(512, 512), rowMajor(512, 512));
    for (TcPlan.Mode m : new TcPlan.Mode[] {TcPlan.Mode.AUTO, TcPlan.Mode.SIMPLE, TcPlan.Mode.PACKED, TcPlan.Mode.CUBLAS}) {
      assertNull(DirectTcPlan.of(p, MatmulPrecision.TF32, m, OPTIN), m.toString());
    }
    assertNull(DirectTcPlan.of(p, MatmulPrecision.TF32, TcPlan.Mode.DIRECT, 99 * 1024), "sm_86 / sm_89 shared memory");
    GemmPlan bf16 = GemmPlan.of(DType.FLOAT32, MatmulPrecision.BF16, SMS, 1, rowMajor(512, 512), rowMajor(512, 512), rowMajor(512, 512));
    assertNull(DirectTcPlan.of(bf16, MatmulPrecision.BF16, TcPlan.Mode.DIRECT, OPTIN));
    GemmPlan fp32 = GemmPlan.of(DType.FLOAT32, MatmulPrecision.HIGHEST, SMS, 1, rowMajor(512, 512), rowMajor(512, 512), rowMajor(512, 512));
    assertNull(DirectTcPlan.of(fp32, MatmulPrecision.HIGHEST, TcPlan.Mode.DIRECT, OPTIN));
    GemmPlan fp64 = GemmPlan.of(DType.FLOAT64, MatmulPrecision.TF32, SMS, 1, rowMajor(512, 512), rowMajor(512, 512), rowMajor(512, 512));
    assertNull(DirectTcPlan.of(fp64, MatmulPrecision.TF32, TcPlan.Mode.DIRECT, OPTIN));
  }

  /** cp.async copies 16 bytes: an operand whose rows, offset or batch stride break 16-byte alignment goes to the packed path. */
  @Test
  void unalignedOperandsArePacked() {
    GemmPlan oddLd = tf32(1, rowMajor(600, 67), rowMajor(67, 520), rowMajor(600, 520));
    assertFalse(oddLd.a().vec());
    assertNull(DirectTcPlan.of(oddLd, MatmulPrecision.TF32, TcPlan.Mode.DIRECT, OPTIN));
    assertNotNull(TcPlan.of(oddLd, MatmulPrecision.TF32, TcPlan.Mode.DIRECT, OPTIN), "DIRECT falls back as AUTO does");
    GemmPlan offset = tf32(1, new GemmPlan.View(300, 64, 64, 1, 0, 2), rowMajor(64, 520), rowMajor(300, 520));
    assertNull(DirectTcPlan.of(offset, MatmulPrecision.TF32, TcPlan.Mode.DIRECT, OPTIN));
    GemmPlan stride = tf32(2, new GemmPlan.View(300, 64, 64, 1, 300 * 64 + 2, 0), rowMajor(64, 520),
        new GemmPlan.View(300, 520, 520, 1, 300 * 520, 0));
    assertNull(DirectTcPlan.of(stride, MatmulPrecision.TF32, TcPlan.Mode.DIRECT, OPTIN));
    // An unaligned output is fine: the epilogue checks its own (8-byte) alignment.
    GemmPlan oddC = tf32(1, rowMajor(300, 64), rowMajor(64, 521), rowMajor(300, 521));
    assertNull(DirectTcPlan.of(oddC, MatmulPrecision.TF32, TcPlan.Mode.DIRECT, OPTIN), "B's rows of 521 are unaligned");
    GemmPlan oddOut = tf32(1, rowMajor(300, 64), rowMajor(64, 520), new GemmPlan.View(300, 520, 523, 1, 0, 0));
    assertNotNull(DirectTcPlan.of(oddOut, MatmulPrecision.TF32, TcPlan.Mode.DIRECT, OPTIN));
  }

  @Test
  void modeNames() {
    assertEquals(TcPlan.Mode.DIRECT, TcPlan.Mode.parse("direct"));
    assertEquals(TcPlan.Mode.DIRECT_TRUNCATED, TcPlan.Mode.parse("direct-truncated"));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TcPlan.Mode.parse("pack-free"));
    assertTrue(e.getMessage().contains("direct-truncated") && e.getMessage().contains("pack-free"), e.getMessage());
  }
}

package io.frontier.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

/** AttentionPlan's variants, shared-memory sizes (attention.cu's tile layout) and grids, without a GPU. */
class AttentionPlanTest {
  private static final int H100_OPTIN = 232_448;

  @Test
  void headDimPicksTheVariant() {
    assertEquals(64, AttentionPlan.of(1, 4, H100_OPTIN).maxD());
    assertEquals(64, AttentionPlan.of(64, 4, H100_OPTIN).maxD());
    assertEquals(128, AttentionPlan.of(65, 4, H100_OPTIN).maxD());
    assertEquals(128, AttentionPlan.of(128, 4, H100_OPTIN).maxD());
    assertNull(AttentionPlan.of(129, 4, H100_OPTIN), "no kernel past 128");
    assertEquals(64, AttentionPlan.of(64, 8, H100_OPTIN).maxD());
    assertNull(AttentionPlan.of(65, 8, H100_OPTIN), "float64 has no d128 variant");
    assertEquals("attn_bwd_dq_f32_d128", AttentionPlan.of(100, 4, H100_OPTIN).kernel("bwd_dq", "f32"));
  }

  /**
   * Tiles of 32 rows of D rounded up to 16 bytes plus 16 bytes (68 floats at D 64): q, k, v and a
   * (32, 36) scratch forward; q, gradOut, k, v and the scratch for dq; dk/dv two scratches and 64
   * row statistics.
   */
  @Test
  void sharedMemoryFollowsTheKernelsLayout() {
    AttentionPlan p = AttentionPlan.of(64, 4, H100_OPTIN);
    assertEquals(4 * (3 * 32 * 68 + 32 * 36), p.forwardShared());
    assertEquals(4 * (4 * 32 * 68 + 32 * 36), p.dqShared());
    assertEquals(4 * (4 * 32 * 68 + 2 * 32 * 36 + 64), p.dkdvShared());
    assertEquals(44_288, p.dkdvShared(), "the GPT's heads fit the default 48 KB");
    assertEquals(8 * (4 * 32 * 34 + 2 * 32 * 34 + 64), AttentionPlan.of(31, 8, H100_OPTIN).dkdvShared(), "float64: D 31 rounds to 32, + 2");
    assertEquals(4 * (3 * 32 * 8 + 32 * 36), AttentionPlan.of(1, 4, H100_OPTIN).forwardShared(), "D 1 takes a 16-byte chunk");
    assertNull(AttentionPlan.of(128, 4, 48 << 10), "D 128 needs more than 48 KB");
  }

  @Test
  void gridsRunPairsAlongXAndRowTilesAlongY() {
    LaunchConfig c = AttentionPlan.grid(256, 256, 1000);
    assertEquals(256, c.gridX());
    assertEquals(8, c.gridY());
    assertEquals(128, c.blockX());
    assertEquals(1000, c.sharedBytes());
    assertEquals(2, AttentionPlan.grid(1, 33, 0).gridY());
    assertEquals(3, AttentionPlan.deltaGrid(17).gridX());
    assertEquals(256, AttentionPlan.deltaGrid(17).blockX());
  }
}

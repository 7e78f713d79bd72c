package io.frontier.cuda;

/**
 * The direct tensor-core path of a TF32 product (gemm_direct.cu): {@code gemm_tcd_tf32_*} reads
 * both float32 operands in place, in any of the four layouts, rounds them to TF32 as it loads
 * its fragments, and needs no pack kernels; {@code gemm_tcdz_tf32_*} is the same kernel without
 * the rounding (the tensor core then truncates). Pure Java (tested without a GPU); built from a
 * {@link GemmPlan} of the register-staged TF32 kernels, whose operand roles (after any swap) and
 * arguments it keeps.
 *
 * <p>It runs when {@code frontier.cuda.gemm} is {@code direct} (or {@code direct-truncated}),
 * the precision is TF32, both operands are 16-byte aligned (GemmPlan's vec flags) and the card
 * gives a block {@link #SHARED_BYTES} of shared memory; otherwise the product takes the packed
 * path as in {@code auto}. Not yet the default: the kernels have run only in the host emulation
 * (HostEmulationTest), not on a GPU.
 */
record DirectTcPlan(String kernel, LaunchConfig launch) {
  /**
   * Block tile (m x n), threads, and dynamic shared memory: 3 stages of (128 + 256) x 32 floats
   * plus, for an m/n-contiguous operand, 8 floats of padding per k-row (gemm_direct.cu's SMEM; the
   * same for every layout).
   */
  static final int TILE_M = 128, TILE_N = 256, THREADS = 256;
  static final int SHARED_BYTES = 3 * 32 * (TILE_M + 8 + TILE_N + 8) * 4;

  /** The direct plan for {@code p}, or null when the product should take another path (see the class comment). */
  static DirectTcPlan of(GemmPlan p, MatmulPrecision precision, TcPlan.Mode mode, int maxSharedOptin) {
    if (mode != TcPlan.Mode.DIRECT && mode != TcPlan.Mode.DIRECT_TRUNCATED) return null;
    if (precision != MatmulPrecision.TF32 || !p.kernel().startsWith(GemmPlan.Family.TF32.prefix + "_")) return null;
    if (!p.a().vec() || !p.b().vec() || maxSharedOptin < SHARED_BYTES) return null;
    if (p.m() < 1 || p.n() < 1 || p.inner() != 1) return null; // one batch dim only (gemm_direct.cu)
    long tiles = LaunchConfig.ceilDiv(p.m(), TILE_M) * LaunchConfig.ceilDiv(p.n(), TILE_N);
    if (tiles > Integer.MAX_VALUE) return null;
    String layouts = p.kernel().substring(GemmPlan.Family.TF32.prefix.length()); // "_nn", "_nt", ...
    String kernel = (mode == TcPlan.Mode.DIRECT ? "gemm_tcd_tf32" : "gemm_tcdz_tf32") + layouts;
    return new DirectTcPlan(kernel, new LaunchConfig((int) tiles, Math.min(p.batch(), GemmPlan.MAX_GRID_Y), 1, THREADS, 1, SHARED_BYTES));
  }
}

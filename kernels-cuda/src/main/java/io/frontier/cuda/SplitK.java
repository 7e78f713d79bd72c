package io.frontier.cuda;

import io.frontier.tensor.Grad;
import io.frontier.tensor.Tensor;
import io.frontier.tensor.backend.Backend;
import io.frontier.tensor.backend.ReduceOp;

/**
 * Split-K for a product whose output has too few tiles to occupy the GPU but whose K is long: the
 * weight gradients of a linear layer (dW = dY^T X, out x in, K = the number of tokens). In the GPT
 * training step (H200, 2026-11-27) the eight 512 x 512 ones ran on 8 of 132 multiprocessors, and all
 * 32 weight gradients took 11.4 of the 27 ms our TF32 GEMMs took per step.
 *
 * <p>The k range is cut into {@code splits} chunks of {@code chunk} (a multiple of 32) plus a
 * shorter {@code tail} chunk when k is not a multiple: the full chunks run as one batched product
 * into a float workspace (splits (+1), M, N) (the chunks are views: splitting k needs no copy, in
 * any operand layout), the tail as one more product into the workspace's last matrix, and a sum
 * over the workspace's first dimension writes the output. The sum runs in a fixed order, so the
 * result is deterministic; it differs from the unsplit product's by float32 rounding only.
 */
record SplitK(int splits, int chunk, int tail) {
  /** Never fewer k per chunk than this: a block needs a few k tiles to pay for its prologue and epilogue. */
  static final int MIN_CHUNK = 256;
  static final int MAX_SPLITS = 32;
  /** The workspace (partial products) never takes more than this. */
  static final long MAX_WORKSPACE_BYTES = 256L << 20;

  /** Matrices in the workspace: the full chunks, and one more for the tail. */
  int workspaceMatrices() {
    return splits + (tail > 0 ? 1 : 0);
  }

  /**
   * How to split a product of {@code batch} (M x K) @ (K x N) matrices whose kernel has tiles of
   * {@code tileM x tileN}, or null when it should run unsplit: a batch above 1 (its blocks
   * already fill the grid's second dimension), an output with at least half a wave of tiles, or
   * a K too short to give two chunks of {@link #MIN_CHUNK}. The number of chunks doubles while the
   * blocks still fit in one wave ({@code multiprocessors}, one block of these kernels each) and the
   * workspace stays under {@link #MAX_WORKSPACE_BYTES}.
   */
  static SplitK of(int m, int n, int k, int batch, int tileM, int tileN, int multiprocessors, int elementBytes) {
    if (batch != 1 || m < 1 || n < 1) return null;
    long tiles = LaunchConfig.ceilDiv(m, tileM) * LaunchConfig.ceilDiv(n, tileN);
    if (2 * tiles > multiprocessors) return null;
    int s = 1;
    long matrixBytes = (long) m * n * elementBytes;
    while (2 * s <= MAX_SPLITS && tiles * 2 * s <= multiprocessors && k / (2 * s) >= MIN_CHUNK
        && (2L * s + 1) * matrixBytes <= MAX_WORKSPACE_BYTES) { // + 1: a tail's matrix
      s *= 2;
    }
    if (s == 1) return null;
    int chunk = (int) (LaunchConfig.ceilDiv(LaunchConfig.ceilDiv(k, s), 32) * 32);
    int full = k / chunk, tail = k - full * chunk;
    return new SplitK(full, chunk, tail);
  }

  /** A batched product {@code out = a @ b} of 3-D views. */
  interface Product {
    void run(Tensor a, Tensor b, Tensor out);
  }

  /**
   * Runs {@code out (1, M, N) = a (1, M, K) @ b (1, K, N)} as this plan says: {@code product}
   * computes the chunks (a batch of {@link #splits}, then the tail), {@code backend} sums them.
   * Returns the workspace, for the caller to release.
   */
  Tensor run(Backend backend, Tensor a, Tensor b, Tensor out, Product product) {
    int m = a.size(1), n = b.size(2), k = a.size(2);
    if (a.size(0) != 1 || b.size(0) != 1 || k != (long) splits * chunk + tail) {
      throw new IllegalArgumentException("split-K of " + splits + " x " + chunk + " + " + tail + " for a " + java.util.Arrays.toString(a.shape())
          + " @ " + java.util.Arrays.toString(b.shape()) + " product");
    }
    Tensor work = Tensor.empty(out.dtype(), out.device(), workspaceMatrices(), m, n);
    try (Grad.Scope ignored = Grad.noGrad()) {
      int covered = splits * chunk;
      // (1, M, K) -> (M, splits, chunk) -> (splits, M, chunk); (1, K, N) -> (splits, chunk, N): views in any layout
      Tensor as = a.narrow(2, 0, covered).view(m, splits, chunk).permute(1, 0, 2);
      Tensor bs = b.narrow(1, 0, covered).view(splits, chunk, n);
      product.run(as, bs, work.narrow(0, 0, splits));
      if (tail > 0) product.run(a.narrow(2, covered, tail), b.narrow(1, covered, tail), work.narrow(0, splits, 1));
      backend.reduce(ReduceOp.SUM, work, new int[] {0}, out);
    }
    return work;
  }
}

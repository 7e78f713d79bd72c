package io.frontier.cuda;

import io.frontier.tensor.Tensor;
import io.frontier.tensor.backend.BlockedLu;

/**
 * {@link BlockedLu}'s two steps on the device (linalg.cu): a panel's LU with partial pivoting,
 * {@code linalg_lu_panel}, one block per matrix; the row swaps, {@code linalg_lu_swap}, a thread
 * per (matrix, column). Both queue their launch and return.
 */
final class CudaLuSteps implements BlockedLu.Steps {
  private final Launcher launcher;

  CudaLuSteps(Launcher launcher) {
    this.launcher = launcher;
  }

  @Override
  public void factorPanel(Tensor lu, int k, int width, Tensor pivots, Tensor info) {
    int batch = lu.size(0), n = lu.size(1);
    if (batch == 0 || width == 0) return;
    launcher.launch("linalg_lu_panel_" + CudaLinalg.suffix(lu.dtype()), CudaLinalg.matrixLaunch(batch), batch, n, k, width,
        CudaTensors.ptr(lu), CudaTensors.ptr(pivots), CudaTensors.ptr(info));
  }

  @Override
  public void swapRows(Tensor m, Tensor pivots, int k, int width, int skipFrom, int skipCount) {
    LaunchConfig launch = swapLaunch(m.size(0), m.size(2) - skipCount);
    if (launch == null || width == 0) return;
    int rows = m.size(1), cols = m.size(2);
    launcher.launch("linalg_lu_swap_" + CudaLinalg.suffix(m.dtype()), launch, m.size(0), cols, CudaTensors.ptr(m), (long) cols,
        (long) rows * cols, skipFrom, skipCount, CudaTensors.ptr(pivots), (long) pivots.size(1), k, width);
  }

  /** A thread per (matrix, swapped column), grid-stride past {@link CudaLinalg#MAX_BLOCKS}; null when there are none. */
  static LaunchConfig swapLaunch(int batch, int columns) {
    long threads = (long) batch * columns;
    if (threads <= 0) return null;
    int blocks = (int) Math.min(LaunchConfig.ceilDiv(threads, CudaLinalg.THREADS), CudaLinalg.MAX_BLOCKS);
    return new LaunchConfig(blocks, 1, 1, CudaLinalg.THREADS, 1, 0);
  }
}

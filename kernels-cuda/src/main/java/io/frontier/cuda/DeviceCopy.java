package io.frontier.cuda;

import static jcuda.driver.JCudaDriver.cuMemcpyDtoDAsync;

import io.frontier.tensor.Tensor;

/**
 * The driver's own device-to-device copy ({@code cuMemcpyDtoDAsync}) of one dense tensor into
 * another, queued on the backend's stream. Benchmarks use it as the bandwidth peer every
 * memory-bound kernel is held against: it moves the same bytes with no arithmetic.
 */
public final class DeviceCopy {
  private DeviceCopy() {}

  /** Copies the bytes of {@code src} into {@code dst}: both contiguous CUDA tensors of one dtype and element count. */
  public static void copy(Tensor src, Tensor dst) {
    if (src.dtype() != dst.dtype() || src.numel() != dst.numel()) {
      throw new IllegalArgumentException("DeviceCopy needs the same dtype and element count, got " + src.dtype() + "[" + src.numel()
          + "] -> " + dst.dtype() + "[" + dst.numel() + "]");
    }
    if (!src.isContiguous() || !dst.isContiguous()) throw new IllegalArgumentException("DeviceCopy needs contiguous tensors");
    if (!(dst.backend() instanceof CudaBackend backend) || src.backend() != backend) {
      throw new IllegalArgumentException("DeviceCopy needs two tensors on the same CUDA device, got " + src.device() + " -> " + dst.device());
    }
    copyBytes(backend.context(), src, dst);
  }

  /** The byte copy itself, for two dense views of one dtype and element count (checked by the caller). */
  static void copyBytes(CudaContext ctx, Tensor src, Tensor dst) {
    long bytes = (long) src.numel() * src.dtype().itemSize();
    if (bytes == 0 || ctx.isDry()) return;
    ctx.makeCurrent();
    CudaContext.check(cuMemcpyDtoDAsync(CudaTensors.ptr(dst), CudaTensors.ptr(src), bytes, ctx.stream()),
        "cuMemcpyDtoDAsync(" + bytes + " bytes)");
  }
}

package io.frontier.cuda;

import static jcuda.driver.JCudaDriver.cuMemcpyDtoH;
import static jcuda.driver.JCudaDriver.cuMemsetD32Async;

import jcuda.Pointer;
import jcuda.driver.CUdeviceptr;

/**
 * Errors found inside kernels (an index out of range, an integer division by zero). A kernel
 * cannot throw, so it records the first error in a device word pair {@code {code, detail}} (see
 * {@code frontier_report} in common.cuh); the host reads the pair whenever it synchronises with
 * the stream anyway (a copy to the host, {@link CudaBackend#synchronize()}) and throws there. The
 * op's result is then garbage, as after PyTorch's device-side assert, but the context stays usable.
 */
final class DeviceErrors {

  /** The codes of common.cuh's FRONTIER_ERR_* constants. */
  enum Code {
    NONE(0, null),
    INDEX_GATHER(1, "gather"),
    INDEX_SCATTER(2, "scatter"),
    INDEX_SELECT(3, "indexSelect"),
    INDEX_ADD(4, "indexAdd"),
    INT_DIV_ZERO(5, "floorDivide/remainder"),
    CROSS_ENTROPY(6, "crossEntropy");

    final int value;
    final String op;

    Code(int value, String op) {
      this.value = value;
      this.op = op;
    }

    static Code of(int v) {
      for (Code c : values()) if (c.value == v) return c;
      throw new IllegalStateException("unknown device error code " + v);
    }
  }

  private final CudaContext ctx;
  private final CUdeviceptr flag;
  private final int[] host = new int[2];

  DeviceErrors(CudaContext ctx) {
    this.ctx = ctx;
    this.flag = ctx.allocator().allocate(8).handle();
    if (ctx.isDry()) return;
    CudaContext.check(cuMemsetD32Async(flag, 0, 2, ctx.stream()), "cuMemsetD32Async(error flag)");
  }

  /** The device address kernels report to ({@code int*}). */
  CUdeviceptr pointer() {
    return flag;
  }

  /** Reads and clears the flag; the caller has just synchronised the stream. Throws on an error. */
  void checkAfterSync() {
    if (ctx.isDry()) return;
    ctx.makeCurrent();
    // A blocking copy on the legacy stream; our stream is idle, the caller synchronised it.
    CudaContext.check(cuMemcpyDtoH(Pointer.to(host), flag, 8), "reading the device error flag");
    if (host[0] == 0) return;
    Code code = Code.of(host[0]);
    int detail = host[1];
    CudaContext.check(cuMemsetD32Async(flag, 0, 2, ctx.stream()), "clearing the device error flag");
    throw exception(code, detail, ctx.ordinal());
  }

  static RuntimeException exception(Code code, int detail, int device) {
    return switch (code) {
      case INT_DIV_ZERO -> new ArithmeticException(code.op + ": integer division by zero (found by a kernel on cuda:" + device + ")");
      case NONE -> new IllegalStateException("no error");
      case CROSS_ENTROPY -> new IndexOutOfBoundsException(code.op + ": the target of row " + detail
          + " is out of bounds for the number of classes and is not the ignore index (found by a kernel on cuda:" + device
          + "; the op's output is undefined)");
      default -> new IndexOutOfBoundsException(code.op + ": index " + detail + " is out of bounds (found by a kernel on cuda:" + device
          + "; the op's output is undefined)");
    };
  }
}

package io.frontier.cuda;

/** A CUDA call failed; the message names the kernel or driver call and its launch configuration. */
public final class CudaKernelException extends RuntimeException {
  public CudaKernelException(String message, Throwable cause) {
    super(message, cause);
  }

  public CudaKernelException(String message) {
    super(message);
  }
}

package io.frontier.cuda;

/**
 * Turns the failure that stopped the CUDA backend from starting into the one line that
 * {@code ./frontier info} and the log print. Pure string work, tested without a GPU.
 */
final class FallbackReason {
  private FallbackReason() {}

  static String describe(Throwable t) {
    String msg = String.valueOf(t.getMessage());
    if (t instanceof UnsatisfiedLinkError || t instanceof NoClassDefFoundError) {
      if (msg.contains("libcuda.so")) return "libcuda.so.1 not found (no NVIDIA driver on this machine)";
      return "JCuda's native library did not load: " + firstLine(msg);
    }
    if (msg.contains("CUDA_ERROR_NO_DEVICE")) return "no CUDA device visible (CUDA_ERROR_NO_DEVICE)";
    if (msg.contains("CUDA_ERROR_INSUFFICIENT_DRIVER")) {
      return "the NVIDIA driver is too old for CUDA 13.0 kernels (need driver 580 or newer; CUDA_ERROR_INSUFFICIENT_DRIVER)";
    }
    return firstLine(msg);
  }

  private static String firstLine(String s) {
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }
}

package io.frontier.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import io.frontier.tensor.Backends;
import io.frontier.tensor.Device;
import org.junit.jupiter.api.Test;

/** The one line that says why Frontier runs on the CPU. */
class FallbackReasonTest {

  @Test
  void namesTheMissingDriverLibrary() {
    UnsatisfiedLinkError e = new UnsatisfiedLinkError(
        "Error while loading native library \"JCudaDriver-12.6.0-linux-x86_64\"\n  libcuda.so.1: cannot open shared object file: No such file or directory");
    assertEquals("libcuda.so.1 not found (no NVIDIA driver on this machine)", FallbackReason.describe(e));
  }

  @Test
  void namesAMissingDeviceAndAnOldDriver() {
    assertEquals("no CUDA device visible (CUDA_ERROR_NO_DEVICE)",
        FallbackReason.describe(new CudaKernelException("cuInit failed: CUDA_ERROR_NO_DEVICE")));
    assertTrue(FallbackReason.describe(new CudaKernelException("cuInit failed: CUDA_ERROR_INSUFFICIENT_DRIVER")).contains("driver 580"));
  }

  @Test
  void keepsOnlyTheFirstLineOfOtherFailures() {
    assertEquals("CUDA_ERROR_NO_BINARY_FOR_GPU: the committed kernel fatbin did not load",
        FallbackReason.describe(new CudaKernelException("CUDA_ERROR_NO_BINARY_FOR_GPU: the committed kernel fatbin did not load\nmore")));
  }

  @Test
  void withoutAGpuTheRegistryReportsCudaUnavailableWithAReason() {
    assumeFalse(Backends.isAvailable(Device.Type.CUDA), "a GPU is present: the backend loaded");
    Backends.Status cuda = Backends.status().stream().filter(s -> s.name().equals("cuda")).findFirst().orElseThrow();
    assertTrue(!cuda.available() && !cuda.detail().isBlank(), cuda.toString());
  }
}

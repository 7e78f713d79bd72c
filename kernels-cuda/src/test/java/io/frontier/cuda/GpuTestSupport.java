package io.frontier.cuda;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.frontier.tensor.Backends;
import io.frontier.tensor.DType;
import io.frontier.tensor.Device;
import io.frontier.tensor.Generator;
import io.frontier.tensor.Tensor;

/**
 * Helpers for the GPU-tagged parity tests: every CUDA result is compared with the CPU backend's on
 * the same inputs. Outputs handed to a kernel are poisoned first (NaN, Long.MIN_VALUE, true) so an
 * element the kernel forgot to write fails the comparison.
 */
public final class GpuTestSupport {
  static final Device CUDA = Device.cuda(0);

  private GpuTestSupport() {}

  /** Skips (not fails) the calling test when no CUDA backend is usable, saying why. */
  static CudaBackend requireCuda() {
    boolean ok = Backends.isAvailable(Device.Type.CUDA);
    String why = Backends.status().stream().filter(s -> s.name().equals("cuda")).map(Backends.Status::detail).findFirst().orElse("?");
    assumeTrue(ok, "no usable CUDA backend: " + why);
    return CudaBackend.loaded().orElseThrow();
  }

  /**
   * True on the dry device ({@code -Dfrontier.cuda.dry=true}): kernels are not run, so values are
   * not compared (every launch is still checked against its kernel's signature). The "dry-launch"
   * surefire execution runs every GPU test so, for its launch sites: a test that checks values
   * other than through {@link #assertMatches} starts with {@link #requireRealDevice}.
   */
  public static boolean dry() {
    return CudaBackend.loaded().map(b -> b.context().isDry()).orElse(false);
  }

  /** Skips the calling test on the dry device: it checks what only a running kernel can show (a device-side error, a timing). */
  static void requireRealDevice() {
    assumeTrue(!dry(), "needs kernels that run: the dry device runs none");
  }

  /** An uninitialised-looking CUDA tensor: every element holds a poison value. */
  static Tensor poisoned(DType dtype, int... shape) {
    Tensor t = Tensor.empty(dtype, CUDA, shape);
    switch (dtype) {
      case FLOAT32, FLOAT64 -> t.fill_(Double.NaN);
      case INT64 -> t.fill_(Long.MIN_VALUE);
      case BOOL -> t.fill_(1L);
    }
    return t;
  }

  /** Uniform values in [lo, hi) of the dtype (int64: integers in [lo, hi)), on the CPU. */
  static Tensor random(Generator g, DType dtype, double lo, double hi, int... shape) {
    Tensor u = Tensor.rand(g, DType.FLOAT64, shape).mul(hi - lo).add(lo);
    if (dtype == DType.INT64) return u.floor().to(DType.INT64);
    if (dtype == DType.BOOL) return u.gt((lo + hi) / 2);
    return u.to(dtype);
  }

  /**
   * Asserts that a CUDA result matches the CPU reference elementwise: same shape and dtype,
   * |a - e| <= atol + rtol |e|, NaN where and only where the reference has NaN, infinities equal.
   */
  static void assertMatches(String what, Tensor expectedCpu, Tensor actualCuda, double rtol, double atol) {
    assertArrayEquals(expectedCpu.shape(), actualCuda.shape(), what + ": shape");
    if (expectedCpu.dtype() != actualCuda.dtype()) fail(what + ": dtype " + actualCuda.dtype() + ", expected " + expectedCpu.dtype());
    if (dry()) return; // no values on the dry device
    Tensor actual = actualCuda.to(Device.CPU);
    if (expectedCpu.dtype() == DType.INT64 || expectedCpu.dtype() == DType.BOOL) {
      long[] e = expectedCpu.to(DType.INT64).contiguous().toLongArray();
      long[] a = actual.to(DType.INT64).contiguous().toLongArray();
      for (int i = 0; i < e.length; i++) {
        if (e[i] != a[i]) fail(what + ": element " + i + " is " + a[i] + ", expected " + e[i]);
      }
      return;
    }
    double[] e = expectedCpu.to(DType.FLOAT64).contiguous().toDoubleArray();
    double[] a = actual.to(DType.FLOAT64).contiguous().toDoubleArray();
    for (int i = 0; i < e.length; i++) {
      boolean ok = Double.isNaN(e[i]) ? Double.isNaN(a[i])
          : Double.isInfinite(e[i]) ? e[i] == a[i]
          : Math.abs(a[i] - e[i]) <= atol + rtol * Math.abs(e[i]);
      if (!ok) fail(what + ": element " + i + " is " + a[i] + ", expected " + e[i] + " (rtol " + rtol + ", atol " + atol + ")");
    }
  }

  /** ||a - e|| / ||e|| over all elements, the METHOD.md measure for matrix products. */
  static double relativeError(Tensor expectedCpu, Tensor actualCuda) {
    if (dry()) return 0; // no values on the dry device
    double[] e = expectedCpu.to(DType.FLOAT64).contiguous().toDoubleArray();
    double[] a = actualCuda.to(Device.CPU).to(DType.FLOAT64).contiguous().toDoubleArray();
    double num = 0, den = 0;
    for (int i = 0; i < e.length; i++) {
      if (Double.isNaN(a[i])) return Double.NaN;
      num += (a[i] - e[i]) * (a[i] - e[i]);
      den += e[i] * e[i];
    }
    return Math.sqrt(num) / Math.max(Math.sqrt(den), Double.MIN_NORMAL);
  }
}

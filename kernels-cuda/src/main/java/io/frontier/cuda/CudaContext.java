package io.frontier.cuda;

import static jcuda.driver.JCudaDriver.*;

import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.ConcurrentHashMap;
import jcuda.Pointer;
import jcuda.driver.CUcontext;
import jcuda.driver.CUdevice;
import jcuda.driver.CUdevice_attribute;
import jcuda.driver.CUdeviceptr;
import jcuda.driver.CUfunction;
import jcuda.driver.CUmodule;
import jcuda.driver.CUresult;
import jcuda.driver.CUstream;
import jcuda.driver.JCudaDriver;

/**
 * One CUDA device as Frontier uses it: its primary context, the one stream every kernel and copy
 * is queued on, the kernel module loaded from the committed fatbin, and the caching allocator.
 *
 * <p>The driver API binds a context to a thread; {@link #makeCurrent()} binds it lazily on each
 * thread that touches the device.
 */
public final class CudaContext {

  static final String FATBIN_RESOURCE = "/io/frontier/cuda/frontier_kernels.fatbin";
  /** The sm_90a-only kernels (wgmma, gemm_wgmma.cu), a module of their own: loaded on compute capability 9.0 only. */
  static final String SM90A_FATBIN_RESOURCE = "/io/frontier/cuda/frontier_kernels_sm90a.fatbin";
  /** Names of the kernels that live in the sm_90a module. */
  static final String SM90A_KERNEL_PREFIX = "gemm_wg_";

  private final int ordinal;
  private final CUdevice device = new CUdevice();
  private final CUcontext context = new CUcontext();
  private final CUstream stream = new CUstream();
  private final CUmodule module = new CUmodule();
  /** The sm_90a module, or null (then {@link #wgmmaUnavailable} says why). */
  private final CUmodule sm90aModule;
  private final String wgmmaUnavailable;
  private final ConcurrentHashMap<String, CUfunction> functions = new ConcurrentHashMap<>();
  /** Kernels whose dynamic shared-memory limit has been set ({@link #setMaxDynamicShared}), and the limit. */
  private final ConcurrentHashMap<String, Integer> sharedLimits = new ConcurrentHashMap<>();
  /** The dynamic shared memory a kernel may take without {@link #setMaxDynamicShared}. */
  static final int DEFAULT_DYNAMIC_SHARED = 48 << 10;
  private final ThreadLocal<Boolean> current = ThreadLocal.withInitial(() -> Boolean.FALSE);
  private final CachingAllocator<CUdeviceptr> allocator;
  private final DeviceErrors errors;
  private final KernelProfiler profiler = new KernelProfiler(this);
  private final String name;
  private final int ccMajor;
  private final int ccMinor;
  private final int multiprocessors;
  private final int maxSharedPerBlockOptin;
  private final long totalMemory;
  private final int driverVersion;
  private final int l2CacheBytes;
  /** A dry device's record of its launches, or null for a real device. */
  private final DryRun dry;

  /** Starts the device: every failure surfaces as an exception whose message {@link FallbackReason} turns into one line. */
  CudaContext(int ordinal) {
    this.ordinal = ordinal;
    this.dry = null;
    JCudaDriver.setExceptionsEnabled(false);
    check(cuInit(0), "cuInit");
    int[] count = {0};
    check(cuDeviceGetCount(count), "cuDeviceGetCount");
    if (count[0] <= ordinal) {
      throw new CudaKernelException("CUDA_ERROR_NO_DEVICE: " + count[0] + " CUDA device(s) visible, need device " + ordinal);
    }
    check(cuDeviceGet(device, ordinal), "cuDeviceGet");
    check(cuDevicePrimaryCtxRetain(context, device), "cuDevicePrimaryCtxRetain");
    makeCurrent();
    byte[] nameBytes = new byte[256];
    check(cuDeviceGetName(nameBytes, nameBytes.length, device), "cuDeviceGetName");
    int len = 0;
    while (len < nameBytes.length && nameBytes[len] != 0) len++;
    name = new String(nameBytes, 0, len, java.nio.charset.StandardCharsets.US_ASCII);
    ccMajor = attribute(CUdevice_attribute.CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MAJOR);
    ccMinor = attribute(CUdevice_attribute.CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MINOR);
    multiprocessors = attribute(CUdevice_attribute.CU_DEVICE_ATTRIBUTE_MULTIPROCESSOR_COUNT);
    maxSharedPerBlockOptin = attribute(CUdevice_attribute.CU_DEVICE_ATTRIBUTE_MAX_SHARED_MEMORY_PER_BLOCK_OPTIN);
    long[] total = {0};
    check(cuDeviceTotalMem(total, device), "cuDeviceTotalMem");
    totalMemory = total[0];
    int[] version = {0};
    check(cuDriverGetVersion(version), "cuDriverGetVersion");
    driverVersion = version[0];
    l2CacheBytes = attribute(CUdevice_attribute.CU_DEVICE_ATTRIBUTE_L2_CACHE_SIZE);
    check(cuStreamCreate(stream, jcuda.driver.CUstream_flags.CU_STREAM_NON_BLOCKING), "cuStreamCreate");
    byte[] image = readFatbin(FATBIN_RESOURCE);
    int rc = cuModuleLoadData(module, image);
    if (rc != CUresult.CUDA_SUCCESS) {
      throw new CudaKernelException(CUresult.stringFor(rc) + ": the committed kernel fatbin did not load on " + name
          + " (sm_" + ccMajor + ccMinor + "; it carries sm_80/86/89/90 and compute_80 PTX, and needs driver 580 or newer, this one is "
          + driverVersionString(driverVersion) + ")");
    }
    String unsupported = wgmmaUnsupported(ccMajor, ccMinor);
    if (unsupported == null) {
      CUmodule wg = new CUmodule();
      int wrc = cuModuleLoadData(wg, readFatbin(SM90A_FATBIN_RESOURCE));
      sm90aModule = wrc == CUresult.CUDA_SUCCESS ? wg : null;
      wgmmaUnavailable = sm90aModule != null ? null : "frontier_kernels_sm90a.fatbin did not load: " + CUresult.stringFor(wrc);
    } else {
      sm90aModule = null;
      wgmmaUnavailable = unsupported;
    }
    // A collection costs milliseconds: let garbage reach an eighth of the card before asking for one.
    allocator = new CachingAllocator<>(new DriverMemory(), Math.max(CachingAllocator.GC_EVERY_BYTES, totalMemory / 8));
    errors = new DeviceErrors(this);
  }

  /**
   * A dry device ({@code -Dfrontier.cuda.dry=true}): no driver, no memory, no kernel runs. It
   * describes itself as an H100 (compute capability 9.0, 132 SMs, the wgmma module "loaded"), so
   * every op takes the launch path it would take there; each launch is checked against
   * kernels.signatures and recorded ({@link #dryRun()}), copies do nothing and reads give zeros.
   * For testing the launch sites' argument lists without a GPU (DryLaunchTest).
   */
  static CudaContext dry() {
    return new CudaContext(new DryRun());
  }

  private CudaContext(DryRun dry) {
    this.dry = dry;
    ordinal = 0;
    name = "dry CUDA device (no kernels run; launches are checked against kernels.signatures)";
    ccMajor = 9;
    ccMinor = 0;
    multiprocessors = 132;
    maxSharedPerBlockOptin = 232448;
    totalMemory = 80L << 30;
    driverVersion = 13000;
    l2CacheBytes = 50 << 20;
    sm90aModule = new CUmodule();
    wgmmaUnavailable = null;
    allocator = new CachingAllocator<>(new DryMemory(), CachingAllocator.GC_EVERY_BYTES);
    errors = new DeviceErrors(this);
  }

  /** The dynamic shared memory a launch of {@code kernel} may take: as set by {@link #setMaxDynamicShared}, else the default 48 KiB. */
  int dynamicSharedLimit(String kernel) {
    return sharedLimits.getOrDefault(kernel, DEFAULT_DYNAMIC_SHARED);
  }

  /** The dry device's record of launches, or null for a real device. */
  DryRun dryRun() {
    return dry;
  }

  boolean isDry() {
    return dry != null;
  }

  /** Binds the context to the calling thread (once per thread). */
  void makeCurrent() {
    if (dry != null || current.get()) return;
    check(cuCtxSetCurrent(context), "cuCtxSetCurrent");
    current.set(Boolean.TRUE);
  }

  /**
   * Sets a kernel's dynamic shared-memory limit to {@code bytes} ({@code
   * CU_FUNC_ATTRIBUTE_MAX_DYNAMIC_SHARED_SIZE_BYTES}), once per kernel and context: a launch above
   * the default 48 KB needs it.
   */
  void setMaxDynamicShared(String kernel, int bytes) {
    if (sharedLimits.putIfAbsent(kernel, bytes) == null && dry == null) {
      check(cuFuncSetAttribute(function(kernel), jcuda.driver.CUfunction_attribute.CU_FUNC_ATTRIBUTE_MAX_DYNAMIC_SHARED_SIZE_BYTES, bytes),
          "cuFuncSetAttribute(" + kernel + ", max dynamic shared memory)");
    }
  }

  CUfunction function(String kernel) {
    CUfunction f = functions.get(kernel);
    if (f != null) return f;
    makeCurrent();
    boolean sm90a = kernel.startsWith(SM90A_KERNEL_PREFIX);
    if (sm90a && sm90aModule == null) throw new CudaKernelException("kernel '" + kernel + "' is unavailable: " + wgmmaUnavailable);
    CUfunction fn = new CUfunction();
    int rc = cuModuleGetFunction(fn, sm90a ? sm90aModule : module, kernel);
    if (rc != CUresult.CUDA_SUCCESS) {
      throw new CudaKernelException("kernel '" + kernel + "' is not in " + (sm90a ? "frontier_kernels_sm90a.fatbin" : "the fatbin") + " ("
          + CUresult.stringFor(rc) + "); rebuild with kernels-cuda/build-kernels.sh");
    }
    functions.putIfAbsent(kernel, fn);
    return fn;
  }

  /** Waits for every queued kernel and copy, then reports a failed index check, if any. */
  public void synchronize() {
    if (dry != null) return;
    makeCurrent();
    check(cuStreamSynchronize(stream), "cuStreamSynchronize (an earlier kernel failed; run with -Dfrontier.cuda.sync=true to name it)");
    errors.checkAfterSync();
  }

  /** Per-kernel device time, off until {@link KernelProfiler#start()}. */
  public KernelProfiler profiler() {
    return profiler;
  }

  /** The device word pair kernels report index and division errors to (common.cuh, frontier_report). */
  public CUdeviceptr errorFlag() {
    return errors.pointer();
  }

  CUstream stream() {
    return stream;
  }

  public CachingAllocator<CUdeviceptr> allocator() {
    return allocator;
  }

  public int ordinal() {
    return ordinal;
  }

  public String name() {
    return name;
  }

  /** Compute capability as {@code major * 10 + minor} (90 for an H100). */
  public int computeCapability() {
    return ccMajor * 10 + ccMinor;
  }

  public int multiprocessors() {
    return multiprocessors;
  }

  public int maxSharedPerBlockOptin() {
    return maxSharedPerBlockOptin;
  }

  public long totalMemory() {
    return totalMemory;
  }

  public int driverVersion() {
    return driverVersion;
  }

  /** The L2 cache's size in bytes (50 MiB on an H100). */
  public int l2CacheBytes() {
    return l2CacheBytes;
  }

  /** Whether the wgmma kernels (sm_90a module) loaded: on compute capability 9.0 only. */
  public boolean hasWgmma() {
    return sm90aModule != null;
  }

  /** Why the wgmma kernels are unavailable, or null when {@link #hasWgmma()}. */
  public String wgmmaUnavailable() {
    return wgmmaUnavailable;
  }

  /** One line for {@code ./frontier info}. */
  public String describe() {
    return name + " (sm_" + ccMajor + ccMinor + ", " + multiprocessors + " SMs, " + (totalMemory >> 20) + " MiB, CUDA driver "
        + driverVersionString(driverVersion) + "; wgmma: " + (hasWgmma() ? "loaded" : wgmmaUnavailable) + ")";
  }

  /**
   * Why a card of this compute capability cannot run the sm_90a module, or null when it can:
   * sm_90a machine code runs on compute capability 9.0 exactly (not on 10.x or 12.x, which lack wgmma).
   */
  static String wgmmaUnsupported(int major, int minor) {
    return major == 9 && minor == 0 ? null : "wgmma needs compute capability 9.0 (sm_90a), this card is sm_" + major + minor;
  }

  static String driverVersionString(int v) {
    return (v / 1000) + "." + (v % 1000) / 10;
  }

  private int attribute(int attr) {
    int[] v = {0};
    check(cuDeviceGetAttribute(v, attr, device), "cuDeviceGetAttribute");
    return v[0];
  }

  static void check(int rc, String what) {
    if (rc != CUresult.CUDA_SUCCESS) throw new CudaKernelException(what + " failed: " + CUresult.stringFor(rc));
  }

  private static byte[] readFatbin(String resource) {
    try (InputStream in = CudaContext.class.getResourceAsStream(resource)) {
      if (in == null) throw new CudaKernelException("kernel fatbin " + resource + " missing from the class path");
      byte[] bytes = in.readAllBytes();
      // cuModuleLoadData reads the image as a C buffer; keep a terminating zero as the driver docs advise for PTX.
      return java.util.Arrays.copyOf(bytes, bytes.length + 1);
    } catch (IOException e) {
      throw new CudaKernelException("cannot read " + resource + ": " + e.getMessage(), e);
    }
  }

  /** cuMemAlloc / cuMemFree behind the caching allocator. */
  private final class DriverMemory implements DeviceMemory<CUdeviceptr> {
    @Override
    public CUdeviceptr allocate(long bytes) {
      makeCurrent();
      CUdeviceptr p = new CUdeviceptr();
      int rc = cuMemAlloc(p, bytes);
      if (rc == CUresult.CUDA_ERROR_OUT_OF_MEMORY) return null;
      check(rc, "cuMemAlloc(" + bytes + ")");
      return p;
    }

    @Override
    public void free(CUdeviceptr handle) {
      makeCurrent();
      check(cuMemFree(handle), "cuMemFree");
    }

    @Override
    public void synchronize() {
      CudaContext.this.synchronize();
    }
  }

  /** A dry device's memory: handles that point nowhere (address 0), never freed. */
  private static final class DryMemory implements DeviceMemory<CUdeviceptr> {
    @Override
    public CUdeviceptr allocate(long bytes) {
      return new CUdeviceptr();
    }

    @Override
    public void free(CUdeviceptr handle) {}

    @Override
    public void synchronize() {}
  }

  /** A pointer to a kernel argument of one of the types Launcher accepts. */
  static Pointer argPointer(Object arg) {
    if (arg instanceof CUdeviceptr p) return Pointer.to(p);
    if (arg instanceof Integer i) return Pointer.to(new int[] {i});
    if (arg instanceof Long l) return Pointer.to(new long[] {l});
    if (arg instanceof Float f) return Pointer.to(new float[] {f});
    if (arg instanceof Double d) return Pointer.to(new double[] {d});
    if (arg instanceof Byte b) return Pointer.to(new byte[] {b});
    if (arg instanceof int[] s) return Pointer.to(s);
    throw new IllegalArgumentException("unsupported kernel argument type " + (arg == null ? "null" : arg.getClass().getName()));
  }
}

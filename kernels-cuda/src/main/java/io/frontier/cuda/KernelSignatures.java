package io.frontier.cuda;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import jcuda.driver.CUdeviceptr;

/**
 * Every kernel's parameters as the compiled PTX declares them (the resource {@code
 * kernels.signatures}, which build-kernels.sh writes beside the fatbins), and the check of a
 * launch's Java arguments against them. The driver copies each parameter's bytes from wherever its
 * argument points, whatever the argument's type: an Integer where the kernel takes a 64-bit
 * pointer reads four bytes past the value, an argument too few reads garbage. So {@link Launcher}
 * refuses such a launch by name before it reaches the driver, and a test drives the launch sites
 * without a GPU (DryLaunchTest).
 *
 * <p>Kinds: a PTX type ({@code u32 s32 f32 u64 s64 f64 u8 u16}) or {@code bN}, a struct of N bytes
 * passed by value. Then {@code @N}: the kernel's {@code __launch_bounds__} cap its blocks at N
 * threads (PTX's {@code .maxntid}); and {@code rN}: a thread uses N registers (the most over the
 * targets, from ptxas). A block larger than the bound, or whose threads need more registers than
 * an SM has, is refused too, as the driver would refuse it. Java arguments (Launcher's): Integer for u32/s32, Float for f32, Long or a
 * CUdeviceptr for u64/s64 (PTX does not tell a pointer from a 64-bit integer), Double for f64, Byte
 * for u8, and an int[] of N / 4 words for bN.
 */
final class KernelSignatures {
  static final String RESOURCE = "/io/frontier/cuda/kernels.signatures";

  private final Map<String, String[]> kinds;
  /** Threads a block may have, where __launch_bounds__ caps it. */
  private final Map<String, Integer> maxThreads;
  /** Registers a thread uses. */
  private final Map<String, Integer> registers;
  /** Registers of an SM (and the most a block may have) on compute capability 8.0-9.0. */
  static final int SM_REGISTERS = 65536;

  KernelSignatures(Map<String, String[]> kinds, Map<String, Integer> maxThreads, Map<String, Integer> registers) {
    this.kinds = Collections.unmodifiableMap(kinds);
    this.maxThreads = Collections.unmodifiableMap(maxThreads);
    this.registers = Collections.unmodifiableMap(registers);
  }

  /** The committed signatures (loaded once). */
  static KernelSignatures committed() {
    return Committed.INSTANCE;
  }

  private static final class Committed {
    static final KernelSignatures INSTANCE = load();

    private static KernelSignatures load() {
      try (InputStream in = KernelSignatures.class.getResourceAsStream(RESOURCE)) {
        if (in == null) throw new CudaKernelException("kernel signatures " + RESOURCE + " missing from the class path");
        return parse(new String(in.readAllBytes(), StandardCharsets.US_ASCII));
      } catch (IOException e) {
        throw new CudaKernelException("cannot read " + RESOURCE + ": " + e.getMessage(), e);
      }
    }
  }

  /** Lines "name kind..." ('#' starts a comment line). */
  static KernelSignatures parse(String text) {
    Map<String, String[]> kinds = new HashMap<>();
    Map<String, Integer> maxThreads = new HashMap<>();
    Map<String, Integer> registers = new HashMap<>();
    for (String line : text.split("\n")) {
      String l = line.strip();
      if (l.isEmpty() || l.startsWith("#")) continue;
      String[] f = l.split("\\s+");
      int end = f.length;
      // trailing @N (threads a block at most) and rN (registers a thread), in either order
      while (end > 1 && (f[end - 1].startsWith("@") || f[end - 1].startsWith("r"))) {
        String t = f[--end];
        try {
          (t.startsWith("@") ? maxThreads : registers).put(f[0], Integer.parseInt(t.substring(1)));
        } catch (NumberFormatException e) {
          throw new IllegalArgumentException("kernel signatures: bad '" + t + "' of " + f[0]);
        }
      }
      String[] params = java.util.Arrays.copyOfRange(f, 1, end);
      for (String k : params) {
        if (bytes(k) < 0) throw new IllegalArgumentException("kernel signatures: unknown parameter kind '" + k + "' of " + f[0]);
      }
      if (kinds.put(f[0], params) != null) throw new IllegalArgumentException("kernel signatures: " + f[0] + " listed twice");
    }
    return new KernelSignatures(kinds, maxThreads, registers);
  }

  Set<String> kernels() {
    return kinds.keySet();
  }

  /** The kinds of a kernel's parameters, or null for a kernel not listed. */
  String[] of(String kernel) {
    String[] k = kinds.get(kernel);
    return k == null ? null : k.clone();
  }

  /**
   * Null when {@code args} fit the kernel's parameters one for one; otherwise what is wrong, naming
   * the kernel, the argument and both types.
   */
  String mismatch(String kernel, Object[] args) {
    String[] params = kinds.get(kernel);
    if (params == null) return "kernel '" + kernel + "' has no signature in kernels.signatures (not in the fatbins; rebuild with kernels-cuda/build-kernels.sh)";
    if (params.length != args.length) {
      return kernel + " takes " + params.length + " arguments (" + String.join(" ", params) + "), the launch passed " + args.length + " ("
          + describe(args) + ")";
    }
    for (int i = 0; i < params.length; i++) {
      if (!fits(params[i], args[i])) {
        return kernel + ": argument " + i + " is " + describe(args[i]) + " where the kernel takes " + params[i] + " (" + String.join(" ", params)
            + ")";
      }
    }
    return null;
  }

  /** Null when a block of {@code threads} is within the kernel's __launch_bounds__ (or it has none); otherwise what is wrong. */
  String tooManyThreads(String kernel, int threads) {
    Integer max = maxThreads.get(kernel);
    return max == null || threads <= max ? null : kernel + ": a block of " + threads + " threads, where its __launch_bounds__ allow at most " + max;
  }

  /**
   * Null when a block of {@code threads} fits an SM's registers at the kernel's count; otherwise
   * what is wrong (the driver refuses such a launch: too many resources requested). The count is
   * the most over the targets, so only the dry device, which stands for any of them, checks it.
   */
  String tooManyRegisters(String kernel, int threads) {
    Integer regs = registers.get(kernel);
    // registers are allocated to a warp in units of 256, 8 a thread
    long need = regs == null ? 0 : (long) threads * ((regs + 7) / 8 * 8);
    if (need > SM_REGISTERS) {
      return kernel + ": a block of " + threads + " threads at " + regs + " registers a thread needs " + need + " registers, more than the "
          + SM_REGISTERS + " of an SM";
    }
    return null;
  }

  private static boolean fits(String kind, Object arg) {
    return switch (kind) {
      case "u32", "s32" -> arg instanceof Integer;
      case "f32" -> arg instanceof Float;
      case "u64", "s64" -> arg instanceof Long || arg instanceof CUdeviceptr;
      case "f64" -> arg instanceof Double;
      case "u8" -> arg instanceof Byte;
      default -> kind.startsWith("b") && arg instanceof int[] words && 4L * words.length == bytes(kind);
    };
  }

  /** A parameter kind's size in bytes, or -1 for a kind this class does not know. */
  static long bytes(String kind) {
    switch (kind) {
      case "u8":
        return 1;
      case "u16":
        return 2;
      case "u32":
      case "s32":
      case "f32":
        return 4;
      case "u64":
      case "s64":
      case "f64":
        return 8;
      default:
        if (kind.length() > 1 && kind.charAt(0) == 'b' && kind.substring(1).chars().allMatch(Character::isDigit)) return Long.parseLong(kind.substring(1));
        return -1;
    }
  }

  private static String describe(Object[] args) {
    StringBuilder b = new StringBuilder();
    for (Object a : args) b.append(b.length() == 0 ? "" : " ").append(describe(a));
    return b.toString();
  }

  private static String describe(Object a) {
    if (a == null) return "null";
    if (a instanceof int[] w) return "int[" + w.length + "] (b" + 4L * w.length + ")";
    if (a instanceof CUdeviceptr) return "a CUdeviceptr";
    return "a " + a.getClass().getSimpleName();
  }
}

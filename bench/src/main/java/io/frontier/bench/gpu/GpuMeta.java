package io.frontier.bench.gpu;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The header of a GPU result file: the card, its drivers, the Java runtime and, once the peer ran,
 * the torch versions.
 *
 * @param device {@code CudaContext.describe()}: name, sm, SMs, memory and CUDA driver version
 * @param driver the NVIDIA kernel driver's version (from /proc/driver/nvidia/version or nvidia-smi)
 * @param torch the peer's "torch", "cuda", "device" and "driver_cuda", empty when it did not run
 */
record GpuMeta(
    String date,
    String mode,
    String card,
    String device,
    String driver,
    String cudaDriver,
    long l2Bytes,
    String javaVersion,
    String timing,
    Map<String, String> torch) {

  static final String TIMING = "CUDA events on the stream; first call alone, warm-up pass, then samples of k calls "
      + "(>= 1 ms each, after one untimed call); value = median over samples of the time per call; "
      + "inputs rotate over sets spanning 2x L2";

  GpuMeta {
    torch = Map.copyOf(torch);
  }

  GpuMeta withTorch(Map<String, String> info) {
    return new GpuMeta(date, mode, card, device, driver, cudaDriver, l2Bytes, javaVersion, timing, info);
  }

  static GpuMeta of(String mode, String card, String device, String cudaDriver, long l2Bytes) {
    return new GpuMeta(LocalDate.now().toString(), mode, card, device, nvidiaDriverVersion(), cudaDriver, l2Bytes,
        System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")", TIMING, Map.of());
  }

  private static final Pattern KERNEL_MODULE = Pattern.compile("Kernel Module(?: for \\S+)?\\s+([0-9][0-9.]+)");

  /** "580.95.05", from the kernel module's version file, else from nvidia-smi, else "unknown". */
  static String nvidiaDriverVersion() {
    try {
      String v = parseProcVersion(Files.readString(Path.of("/proc/driver/nvidia/version")));
      if (v != null) return v;
    } catch (IOException | RuntimeException e) {
      // not there in containers without the proc entry; nvidia-smi below
    }
    try {
      Process p = new ProcessBuilder("nvidia-smi", "--query-gpu=driver_version", "--format=csv,noheader").redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes()).trim();
      if (p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0 && !out.isEmpty()) return out.lines().findFirst().orElse(out);
    } catch (IOException e) {
      // no nvidia-smi
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return "unknown";
  }

  /** The version in /proc/driver/nvidia/version's first line ("NVRM version: NVIDIA UNIX x86_64 Kernel Module  580.95.05  ..."). */
  static String parseProcVersion(String text) {
    Matcher m = KERNEL_MODULE.matcher(text);
    return m.find() ? m.group(1) : null;
  }
}

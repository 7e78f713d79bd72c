package io.frontier.bench.cli;

import io.frontier.tensor.cpu.VectorSupport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.stream.Stream;

/** Facts about the machine and session that a result file carries in its header. */
record RunMeta(
    String date,
    String javaVersion,
    String javaVendor,
    String cpuModel,
    int cores,
    int vectorBits,
    String mode,
    String jmh) {

  static RunMeta current(String mode, Timing timing) {
    return new RunMeta(
        LocalDate.now().toString(),
        System.getProperty("java.version"),
        System.getProperty("java.vendor"),
        readCpuModel(),
        Runtime.getRuntime().availableProcessors(),
        VectorSupport.preferredBits(),
        mode,
        timing.toString());
  }

  /** The "model name" line of /proc/cpuinfo, or "unknown" where it cannot be read. */
  static String readCpuModel() {
    try (Stream<String> lines = Files.lines(Path.of("/proc/cpuinfo"))) {
      return lines
          .filter(l -> l.startsWith("model name"))
          .map(l -> l.substring(l.indexOf(':') + 1).trim())
          .findFirst()
          .orElse("unknown");
    } catch (IOException | RuntimeException e) {
      return "unknown";
    }
  }

  /** "jdk17": the JDK part of result file names. */
  String jdkTag() {
    return "jdk" + Runtime.version().feature();
  }
}

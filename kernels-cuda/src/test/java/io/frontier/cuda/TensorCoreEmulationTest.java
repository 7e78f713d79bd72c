package io.frontier.cuda;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The tensor-core product kernels (gemm.cu's packed gemm_tc_*, gemm_direct.cu's gemm_tcd(z)_tf32_*)
 * run on the CPU: src/test/cuda/emulate_gemm.cpp compiles the real kernel sources with g++ against
 * host stand-ins for cp.async, ldmatrix and mma.sync (tensor_core_emulated.h) and checks them
 * against a float64 product on partial tiles, k tails, padded rows, broadcast batches and grid
 * loops. Needs g++ and the CUDA headers (for cuda_bf16.h); skipped, not failed, without them.
 */
class TensorCoreEmulationTest {

  @Test
  void tensorCoreKernelsMatchTheFloat64ProductOnTheHost() throws Exception {
    Path include = cudaInclude();
    assumeTrue(include != null, "no CUDA headers (set CUDA_HOME)");
    assumeTrue(available("g++", "--version"), "g++ is not on the PATH");
    Path exe = Files.createTempFile("emulate_gemm", "");
    try {
      String compile = run(600, "g++", "-std=c++17", "-O2", "-pthread", "-w", "-I" + include, "-Isrc/main/cuda", "-Isrc/test/cuda",
          "src/test/cuda/emulate_gemm.cpp", "-o", exe.toString());
      assertTrue(compile.startsWith("exit 0\n"), "g++ failed:\n" + compile);
      String out = run(600, exe.toString());
      assertTrue(out.startsWith("exit 0\n") && out.contains("PASS: 0 failure(s)"), "emulated kernels failed:\n" + out);
      long cases = out.lines().filter(l -> l.startsWith("ok ")).count();
      assertTrue(cases >= 40, "only " + cases + " cases ran:\n" + out);
    } finally {
      Files.deleteIfExists(exe);
    }
  }

  /** The CUDA include folder: $CUDA_HOME/include, else /usr/local/cuda/include; null when neither has cuda_bf16.h. */
  static Path cudaInclude() {
    String home = System.getenv("CUDA_HOME");
    for (String dir : new String[] {home == null ? null : home + "/include", "/usr/local/cuda/include"}) {
      if (dir != null && Files.isRegularFile(Path.of(dir, "cuda_bf16.h"))) return Path.of(dir);
    }
    return null;
  }

  /** "exit N\n" followed by the command's output (stdout and stderr), or "timed out ..." and the output so far. */
  static String run(int timeoutSeconds, String... command) throws IOException, InterruptedException {
    Path log = Files.createTempFile("emulate_gemm", ".log");
    try {
      Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
      boolean done = p.waitFor(timeoutSeconds, TimeUnit.SECONDS);
      if (!done) p.destroyForcibly().waitFor();
      String output = Files.readString(log, StandardCharsets.UTF_8);
      return (done ? "exit " + p.exitValue() : "timed out after " + timeoutSeconds + " s") + "\n" + output;
    } finally {
      Files.deleteIfExists(log);
    }
  }

  static boolean available(String... command) {
    try {
      return run(30, command).startsWith("exit 0\n");
    } catch (IOException | InterruptedException e) {
      return false;
    }
  }
}

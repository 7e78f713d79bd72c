package io.frontier.bench.gpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The programs bench/gpu/device-run.sh runs on the GPU machine (GpuBench, GptStepBench,
 * AttentionBench), end to end on the dry CUDA device ({@code -Dfrontier.cuda.dry=true}: nothing
 * runs, every launch is checked against its kernel's signature and shared-memory limit, timers read
 * the host clock), each in a JVM of its own, as there: a program that would fail on the GPU for a
 * reason the CPU can see (a launch that does not fit its kernel, a missing module, a bad option)
 * fails here instead of in the GPU machine's few minutes. Their figures mean nothing here.
 */
class GpuProgramsRunDryTest {

  /** Runs {@code main} in a dry JVM with this test's class path; returns its output, having asserted exit status 0. */
  private static String runDry(Path dir, String main, List<String> props, String... args) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "--add-modules",
        "jdk.incubator.vector", "-Xmx2g", "-Dfrontier.cuda.dry=true"));
    cmd.addAll(props);
    cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), main));
    cmd.addAll(List.of(args));
    Path log = dir.resolve(main.substring(main.lastIndexOf('.') + 1) + ".log");
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    boolean done = p.waitFor(240, TimeUnit.SECONDS);
    if (!done) p.destroyForcibly();
    String out = Files.readString(log, StandardCharsets.UTF_8);
    assertTrue(done, main + " did not finish in 240 s:\n" + tail(out));
    assertEquals(0, p.exitValue(), main + " failed:\n" + tail(out));
    // (a peer that cannot start is reported as skipped, with its exception: that is no failure of ours)
    for (String line : out.split("\n")) {
      assertFalse(line.contains("Exception") && !line.contains("skipped"), main + " printed an exception:\n" + tail(out));
    }
    return out;
  }

  private static String tail(String s) {
    return s.length() <= 4000 ? s : s.substring(s.length() - 4000);
  }

  @Test
  void gpuBenchRunsEveryCase(@TempDir Path dir) throws Exception {
    String out = runDry(dir, "io.frontier.bench.gpu.GpuBench", List.of(), "--no-torch", "--out", dir.resolve("gpu-bench").toString());
    assertTrue(out.contains("dry CUDA device"), out);
    assertTrue(out.contains("matmul (GFLOP/s, median)") && out.contains("memory-bound"), out);
    assertTrue(Files.exists(dir.resolve("gpu-bench.json")) && Files.exists(dir.resolve("gpu-bench.md")));
  }

  @Test
  void gptStepBenchRunsEveryPrecisionAndItsProfiles(@TempDir Path dir) throws Exception {
    String out = runDry(dir, "io.frontier.bench.gpu.GptStepBench", List.of("-Dgptstep.torch=false"));
    for (String precision : List.of("HIGHEST", "TF32 ", "TF32X3")) {
      assertTrue(out.contains("gpt-step frontier " + precision), precision + " step missing:\n" + tail(out));
    }
    // the profiles list the launches the dry device counted: the fused attention and the one-stage 3xTF32 product among them
    assertTrue(out.contains("gpt-profile TF32X3 kernel gemm_wg_tf32x3 ") && out.contains("gpt-profile TF32X3 kernel attn_fwd_f32_d64 "), tail(out));
  }

  @Test
  void attentionBenchRunsEveryShape(@TempDir Path dir) throws Exception {
    String out = runDry(dir, "io.frontier.bench.gpu.AttentionBench", List.of(), "--python", "/nonexistent/python3");
    assertTrue(out.contains("4x8x1024x128   frontier-fused-dropout0.1"), tail(out));
  }
}

package io.frontier.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Where nvcc is on the PATH, the sources must compile for every target with no error, no ptxas
 * warning and no register spill (build-kernels.sh --check). Skipped, not failed, without nvcc.
 */
class KernelBuildTest {

  @Test
  void everyKernelCompilesWithoutSpills() throws Exception {
    assumeTrue(nvccAvailable(), "nvcc is not on the PATH");
    Process p = new ProcessBuilder("bash", "build-kernels.sh", "--check").redirectErrorStream(true).start();
    String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(10, TimeUnit.MINUTES)) p.destroyForcibly();
    assertEquals(0, p.exitValue(), "build-kernels.sh --check failed:\n" + log);
  }

  static boolean nvccAvailable() {
    try {
      Process p = new ProcessBuilder("nvcc", "--version").redirectErrorStream(true).start();
      p.getInputStream().readAllBytes();
      return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (IOException | InterruptedException e) {
      return false;
    }
  }
}

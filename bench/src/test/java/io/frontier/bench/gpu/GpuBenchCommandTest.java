package io.frontier.bench.gpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import io.frontier.bench.cli.FrontierCli;
import io.frontier.tensor.Backends;
import io.frontier.tensor.Device;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code frontier gpu-bench} in-process: usage errors, and the clear skip without a GPU. */
class GpuBenchCommandTest {
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    CommandLine cl = FrontierCli.commandLine();
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    return cl.execute(args);
  }

  @Test
  void withoutACudaBackendItSaysWhyAndSucceeds() {
    assumeFalse(Backends.isAvailable(Device.Type.CUDA), "a GPU is here: the benchmark would run");
    assertEquals(0, run("gpu-bench", "--quick"));
    assertTrue(out.toString().startsWith("gpu-bench: skipped: no CUDA backend ("), out.toString());
  }

  @Test
  void onlyTakesMatmulOrMemory() {
    assertEquals(2, run("gpu-bench", "--only", "softmax"));
    assertTrue(err.toString().contains("--only must be matmul or memory, not 'softmax'"), err.toString());
  }

  @Test
  void budgetTakesTwoPositiveNumbers() {
    assertEquals(2, run("gpu-bench", "--budget", "80"));
    assertTrue(err.toString().contains("--budget takes two positive numbers"), err.toString());
    assertEquals(2, run("gpu-bench", "--budget", "80,-1"));
  }

  @Test
  void optionsSelectThePlan() {
    CommandLine cl = FrontierCli.commandLine();
    cl.parseArgs("gpu-bench", "--quick", "--only", "matmul", "--budget", "10,5");
    GpuPlan plan = ((GpuBench) cl.getSubcommands().get("gpu-bench").getCommand()).plan();
    assertEquals("quick", plan.mode());
    assertEquals(GpuPlan.quick().matmulSizes(), plan.matmulSizes());
    assertTrue(plan.memoryBytes().isEmpty());
    assertEquals(10.0, plan.frontierSeconds());
    assertEquals(5.0, plan.torchSeconds());
  }

  @Test
  void theHelpListsTheCases() {
    assertEquals(0, run("gpu-bench", "--help"));
    assertTrue(out.toString().contains("cuMemcpyDtoDAsync"), out.toString());
  }
}

package io.frontier.bench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The commands run in-process; nothing here starts JMH (bad arguments are refused before it would). */
class CommandLineTest {

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    CommandLine cl = FrontierCli.commandLine();
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    return cl.execute(args);
  }

  @Test
  void infoPrintsTheJavaVersionAndTheCpuBackend() {
    assertEquals(0, run("info"));
    String text = out.toString();
    assertTrue(text.contains(System.getProperty("java.version")), text);
    assertTrue(text.lines().anyMatch(l -> l.trim().startsWith("cpu ") && l.contains("available")), text);
    assertTrue(text.contains("cores"), text);
  }

  @Test
  void anUnknownOptionIsAUsageError() {
    assertEquals(2, run("bench", "--fast"));
    assertTrue(err.toString().contains("Unknown option: '--fast'"), err.toString());
  }

  @Test
  void aThreadsListWithANonNumberIsAUsageError() {
    assertEquals(2, run("bench", "--threads", "1,x"));
    assertTrue(err.toString().contains("--threads"), err.toString());
  }

  @Test
  void aThreadsListWithZeroIsAUsageError() {
    assertEquals(2, run("bench", "--threads", "0,2"));
    assertTrue(err.toString().contains("bad --threads list [0, 2]"), err.toString());
  }

  @Test
  void aFilterThatMatchesNothingIsAUsageError() {
    assertEquals(2, run("bench", "--filter", "nosuchbench"));
    assertTrue(err.toString().contains("matches none of [matmul, elementwise, percall, autograd, attention, linalg, adamw, steps, optimizers, hypervolume, gp, mgda]"), err.toString());
  }

  @Test
  void noCommandIsAUsageError() {
    assertEquals(2, run());
    assertTrue(err.toString().contains("Missing required subcommand"), err.toString());
  }
}

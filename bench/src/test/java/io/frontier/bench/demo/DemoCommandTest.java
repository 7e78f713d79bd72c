package io.frontier.bench.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.frontier.bench.cli.FrontierCli;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class DemoCommandTest {
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    CommandLine cl = FrontierCli.commandLine();
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    return cl.execute(args);
  }

  @Test
  void optionsParseWithDefaultsAndOverrides() {
    Nsga2Demo n = new Nsga2Demo();
    new CommandLine(n).parseArgs();
    assertEquals(Nsga2Demo.ProblemName.zdt1, n.problem);
    assertEquals(250, n.generations);
    new CommandLine(n).parseArgs("--problem", "dtlz2", "--generations", "7", "--seed", "5", "--out", "x");
    assertEquals(Nsga2Demo.ProblemName.dtlz2, n.problem);
    assertEquals(2, n.problem.create().objectives());
    assertEquals(7, n.generations);
    assertEquals(5, n.seed);
    assertEquals(Path.of("x"), n.out);

    MgdaDemo m = new MgdaDemo();
    new CommandLine(m).parseArgs();
    assertEquals(MgdaDemo.ProblemName.quadratic, m.problem);
    assertEquals(100, m.steps());
    assertEquals(0.1, m.lr());
    new CommandLine(m).parseArgs("--problem", "mlp");
    assertEquals(400, m.steps());
    assertEquals(0.02, m.lr());

    PdeDemo d = new PdeDemo();
    new CommandLine(d).parseArgs();
    assertEquals(false, d.quick);
    new CommandLine(d).parseArgs("--quick", "--out", "y");
    assertTrue(d.quick);
    assertEquals(Path.of("y"), d.out);
  }

  @Test
  void helpListsEveryDemo() {
    assertEquals(0, run("demo", "--help"));
    for (String name : new String[] {"nsga2", "mgda", "pde", "bo", "rlhf"}) assertTrue(out.toString().contains(name), out.toString());
  }

  @Test
  void badValuesAreUsageErrors() {
    assertEquals(2, run("demo", "nsga2", "--problem", "zdt9"));
    assertTrue(err.toString().contains("zdt9"), err.toString());
    assertEquals(2, run("demo", "nsga2", "--population", "1"));
    assertTrue(err.toString().contains("--population must be >= 2"), err.toString());
    assertEquals(2, run("demo", "mgda", "--steps", "0"));
    assertTrue(err.toString().contains("--steps must be at least 1"), err.toString());
    assertEquals(2, run("demo", "mgda", "--lr", "-1"));
    assertTrue(err.toString().contains("--lr must be positive"), err.toString());
  }

  @Test
  void rlhfDemoTrainsEachMethodAndWritesAPng(@TempDir Path dir) throws Exception {
    RlhfDemo d = new RlhfDemo();
    new CommandLine(d).parseArgs();
    assertEquals(java.util.List.of(RlhfDemo.Method.values()), d.methods);
    assertEquals(60, d.steps);
    assertEquals(0, run("demo", "rlhf", "--methods", "dpo,ppo", "--steps", "10", "--every", "5", "--out", dir.toString()), err.toString());
    String text = out.toString();
    assertTrue(text.contains("dpo    step   5") && text.contains("ppo    step  10") && !text.contains("remax") && text.contains("rlhf.png"), text);
    // the initial policy says the rewarded token about once in 6; both methods must have taught it
    for (String method : new String[] {"dpo ", "ppo "}) {
      String line = text.lines().filter(l -> l.startsWith(method) && l.contains("step  10")).findFirst().orElseThrow();
      double reward = Double.parseDouble(line.replaceAll(".*reward ([0-9.]+),.*", "$1"));
      assertTrue(reward > 3.0, line);
    }
    assertTrue(ImageIO.read(dir.resolve("rlhf.png").toFile()).getWidth() > 0);
    assertEquals(2, run("demo", "rlhf", "--steps", "0"));
    assertTrue(err.toString().contains("--steps must be at least 1"), err.toString());
  }

  @Test
  void nsga2WritesAPngOfTheFront(@TempDir Path dir) throws Exception {
    assertEquals(0, run("demo", "nsga2", "--problem", "zdt3", "--generations", "10", "--population", "20", "--every", "5",
        "--out", dir.toString()), err.toString());
    String text = out.toString();
    assertTrue(text.contains("generation    5") && text.contains("generation   10") && text.contains("nsga2-zdt3.png"), text);
    assertPng(dir.resolve("nsga2-zdt3.png"));
  }

  @Test
  void mgdaOnQuadraticsEndsOnTheAnalyticFront(@TempDir Path dir) throws Exception {
    MgdaDemo m = new MgdaDemo();
    new CommandLine(m).parseArgs("--starts", "5", "--steps", "200", "--seed", "3", "--out", dir.toString());
    double[][] reached = m.run(new PrintWriter(out, true));
    assertEquals(5, reached.length);
    // The front of |x - a|^2, |x - b|^2 is sqrt(f1) + sqrt(f2) = |a - b| = sqrt(8).
    for (double[] f : reached) assertEquals(Math.sqrt(8), Math.sqrt(f[0]) + Math.sqrt(f[1]), 1e-6, out.toString());
    assertPng(dir.resolve("mgda-quadratic.png"));
  }

  @Test
  void mgdaOnASharedTrunkRunsAndWritesAPng(@TempDir Path dir) throws Exception {
    assertEquals(0, run("demo", "mgda", "--problem", "mlp", "--starts", "2", "--steps", "30", "--out", dir.toString()), err.toString());
    assertTrue(out.toString().contains("start  2:"), out.toString());
    assertPng(dir.resolve("mgda-mlp.png"));
  }

  @Test
  void pdeQuickFindsTheGapAndFillsIt(@TempDir Path dir) throws Exception {
    PdeDemo d = new PdeDemo();
    new CommandLine(d).parseArgs("--quick", "--out", dir.toString());
    PdeDemo.Summary s = d.run(new PrintWriter(out, true));
    // NonConvexFrontTest checks the same case on the full grid; the coarse one keeps its shape.
    assertTrue(s.gapHi() - s.gapLo() > 0.5, out.toString());
    assertTrue(s.inside() >= 3, out.toString());
    assertTrue(s.insideAboveHull() > 0.03, out.toString());
    assertTrue(s.insideError() < 1e-4, out.toString());
    assertTrue(s.referenceAboveHull() > 0.03, out.toString());
    assertTrue(out.toString().contains("summary: the weighted sum leaves") && out.toString().contains("pde-nonconvex.png"), out.toString());
    assertPng(dir.resolve("pde-nonconvex.png"));
  }

  private static void assertPng(Path png) throws Exception {
    assertTrue(Files.size(png) > 1000, png + " is too small");
    var image = ImageIO.read(png.toFile());
    assertEquals(700, image.getWidth());
    assertEquals(550, image.getHeight());
  }

  @Test
  void boOptionsDefaultByProblem() {
    BoDemo b = new BoDemo();
    new CommandLine(b).parseArgs();
    assertEquals(BoDemo.ProblemName.branin, b.problem);
    assertEquals(40, b.budget());
    assertEquals(5, b.initial());
    assertEquals(1, b.seeds);
    new CommandLine(b).parseArgs("--problem", "hartmann6", "--seeds", "10");
    assertEquals(100, b.budget());
    assertEquals(10, b.initial());
    assertEquals(10, b.seeds);
    assertEquals(2, run("demo", "bo", "--budget", "1"));
    assertTrue(err.toString().contains("--budget must be at least 2"), err.toString());
    assertEquals(2, run("demo", "bo", "--seeds", "0"));
    assertTrue(err.toString().contains("--seeds must be at least 1"), err.toString());
  }

  @Test
  void boOnBraninPrintsProgressAndWritesTheRegretPlot(@TempDir Path dir) throws Exception {
    assertEquals(0, run("demo", "bo", "--budget", "12", "--initial", "5", "--out", dir.toString()), err.toString());
    String text = out.toString();
    assertTrue(text.contains("evaluation  12") && text.contains("random search") && text.contains("bo-branin.png"), text);
    assertPng(dir.resolve("bo-branin.png"));
  }
}

package io.frontier.bench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Medians, unit conversion and peer ratios on synthetic JMH results. */
class ResultsTest {

  private static final RunMeta META = new RunMeta("2026-11-27", "17.0.15", "Debian", "AMD EPYC", 2, 512, "full", "1 fork");

  @Test
  void medianOfOddCountIsTheMiddleValueAndOfEvenCountTheMeanOfTheTwoMiddle() {
    assertEquals(3.0, Row.median(new double[] {5, 1, 3}));
    assertEquals(2.5, Row.median(new double[] {4, 1, 3, 2}));
  }

  @Test
  void matmulRowIsTheMedianOfPerIterationGflops() {
    // n = 1000: 2e9 flops per call; 1 s, 2 s, 4 s, 0.5 s, 0.25 s per call -> 2, 1, 0.5, 4, 8 GFLOP/s
    Measured m = matmul("frontier", 1000, 1, 1, 2, 4, 0.5, 0.25);

    Row row = BenchSpecs.matmulRow(m);

    assertEquals(2.0, row.value(), 1e-12); // the mean of the iterations would be 3.1
    assertEquals(0.5, row.min(), 1e-12);
    assertEquals(8.0, row.max(), 1e-12);
    assertEquals("GFLOP/s", row.unit());
    assertEquals(List.of(1000, 1000, 1000), row.shape());
    assertEquals("float32", row.dtype());
  }

  @Test
  void attentionRowsNameTheImplAndShape() {
    Row fused = BenchSpecs.attentionRow(new Measured("fused", Map.of("shape", "16x4x64x32", "threads", "2"), new double[] {2e-3}));
    assertEquals("attention-fwd-bwd", fused.op());
    assertEquals("frontier-fused", fused.impl());
    assertEquals(List.of(16, 4, 64, 32), fused.shape());
    assertEquals(2000.0, fused.value(), 1e-9);
    assertEquals("frontier-ops", BenchSpecs.attentionRow(new Measured("ops", Map.of("shape", "4x8x256x64", "threads", "1"), new double[] {1e-3})).impl());
    assertThrows(IllegalArgumentException.class, () -> io.frontier.bench.jmh.AttentionBenchmark.dims("4x8x256"));
  }

  @Test
  void fusedStepRowsCountTheStepsReadsAndWrites() {
    int n = 1 << 20;
    // AdamW: 28n bytes; 1 ms per call -> 29.36 GB/s
    Row step = BenchSpecs.fusedStepRow(new Measured("step", Map.of("optimizer", "adamw", "n", "" + n, "threads", "1"), new double[] {1e-3}));
    Row copy = BenchSpecs.fusedStepRow(new Measured("arraycopy", Map.of("optimizer", "adamw", "n", "" + n, "threads", "1"), new double[] {1e-3}));
    assertEquals(28.0 * n / 1e-3 / 1e9, step.value(), 1e-9);
    assertEquals("frontier", step.impl());
    assertEquals("adamw-step", step.op());
    assertEquals(List.of(n), step.shape());
    assertEquals("arraycopy", copy.impl());
    // SGD with momentum: p, grad and the buffer read, p and the buffer written: 20n bytes
    Row sgd = BenchSpecs.fusedStepRow(new Measured("step", Map.of("optimizer", "sgd", "n", "" + n, "threads", "2"), new double[] {1e-3}));
    assertEquals("sgd-step", sgd.op());
    assertEquals(20.0 * n / 1e-3 / 1e9, sgd.value(), 1e-9);
  }

  @Test
  void gpRowsAreMillisecondsPerCallWithShapeNAndD() {
    Row fit = BenchSpecs.gpRow(new Measured("fit", Map.of("n", "500", "threads", "2"), new double[] {0.25, 0.5, 0.75}));
    assertEquals("gp-fit", fit.op());
    assertEquals(500.0, fit.value(), 1e-9);
    assertEquals("ms", fit.unit());
    assertEquals(List.of(500, 6), fit.shape());
    assertEquals("gp-predict-mean-std", BenchSpecs.gpRow(new Measured("predictMeanStd", Map.of("n", "100", "threads", "1"), new double[] {1e-3})).op());
  }

  @Test
  void elementwiseRowsCountBytesReadAndWritten() {
    int n = 1 << 20;
    // add moves 12n bytes; 1 ms per call -> 12.58 GB/s
    Row add = BenchSpecs.elementwiseRow(new Measured("frontier", Map.of("op", "add", "n", "" + n, "threads", "2"), new double[] {1e-3}));
    // softmax moves 8n bytes on a (n/1024, 1024) tensor
    Row softmax = BenchSpecs.elementwiseRow(new Measured("arraycopy", Map.of("op", "softmax", "n", "" + n, "threads", "1"), new double[] {1e-3}));

    assertEquals(12.0 * n / 1e-3 / 1e9, add.value(), 1e-9);
    assertEquals(List.of(n), add.shape());
    assertEquals(8.0 * n / 1e-3 / 1e9, softmax.value(), 1e-9);
    assertEquals(List.of(n / 1024, 1024), softmax.shape());
    assertEquals("arraycopy", softmax.impl());
  }

  @Test
  void ratiosCompareFrontierWithEachPeerInTheSameCellOnly() {
    List<Row> rows = List.of(
        BenchSpecs.matmulRow(matmul("frontier", 256, 1, 0.001)),
        BenchSpecs.matmulRow(matmul("ejml", 256, 1, 0.01)),
        BenchSpecs.matmulRow(matmul("naive", 256, 1, 0.04)),
        BenchSpecs.matmulRow(matmul("ejml", 256, 2, 0.005))); // no frontier row at 2 threads

    List<Results.Ratio> ratios = Results.ratios(rows);

    assertEquals(2, ratios.size());
    assertEquals(10.0, ratioFor(ratios, "ejml"), 1e-9);
    assertEquals(40.0, ratioFor(ratios, "naive"), 1e-9);
  }

  @Test
  void markdownStatesMediansAndRatiosPerOp() {
    List<Row> rows = List.of(
        BenchSpecs.matmulRow(matmul("ejml", 256, 1, 0.01, 0.02, 0.01)),
        BenchSpecs.matmulRow(matmul("frontier", 256, 1, 0.001, 0.001, 0.002)),
        BenchSpecs.elementwiseRow(new Measured("frontier", Map.of("op", "exp", "n", "1048576", "threads", "1"), new double[] {1e-3})),
        BenchSpecs.elementwiseRow(new Measured("arraycopy", Map.of("op", "exp", "n", "1048576", "threads", "1"), new double[] {5e-4})));

    String md = MarkdownReport.render(META, rows);

    assertTrue(md.contains("## matmul (GFLOP/s)"), md);
    assertTrue(md.contains("## exp (GB/s)"), md);
    // medians: frontier 2*256^3/0.001 s = 33.55 GFLOP/s, ejml 2*256^3/0.01 s = 3.36 GFLOP/s
    assertTrue(md.contains("| frontier | float32 | 256x256x256 | 1 | 33.55 | 16.78-33.55 |"), md);
    assertTrue(md.contains("| ejml | float32 | 256x256x256 | 1 | 3.36 | 1.68-3.36 |"), md);
    assertTrue(md.contains("| impl | dtype | shape | threads | impl/ejml |"), md);
    assertTrue(md.contains("| frontier | float32 | 256x256x256 | 1 | 10.00 |"), md);
    assertTrue(md.contains("| frontier | float32 | 1048576 | 1 | 0.50 |"), md);
    // frontier's row comes before its peers
    assertTrue(md.indexOf("| frontier | float32 | 256") < md.indexOf("| ejml | float32 | 256"), md);
  }

  @Test
  void frontierVariantsGetTheirOwnRatiosAgainstThePeers() {
    List<Row> rows = List.of(
        BenchSpecs.elementwiseRow(new Measured("frontier", Map.of("op", "add", "n", "1048576", "threads", "1"), new double[] {2e-3})),
        BenchSpecs.elementwiseRow(new Measured("inPlace", Map.of("op", "add", "n", "1048576", "threads", "1"), new double[] {1e-3})),
        BenchSpecs.elementwiseRow(new Measured("arraycopy", Map.of("op", "add", "n", "1048576", "threads", "1"), new double[] {1e-3})));

    List<Results.Ratio> ratios = Results.ratios(rows);

    assertEquals(2, ratios.size(), "frontier and frontier-inplace each against arraycopy, not against each other");
    assertEquals(0.5, ratios.stream().filter(r -> r.frontier().equals("frontier")).findFirst().orElseThrow().value(), 1e-12);
    assertEquals(1.0, ratios.stream().filter(r -> r.frontier().equals("frontier-inplace")).findFirst().orElseThrow().value(), 1e-12);
  }

  private static Measured matmul(String impl, int n, int threads, double... seconds) {
    return new Measured("matmul", Map.of("impl", impl, "n", "" + n, "dtype", "float32", "threads", "" + threads), seconds);
  }

  private static double ratioFor(List<Results.Ratio> ratios, String peer) {
    return ratios.stream().filter(r -> r.peer().equals(peer)).findFirst().orElseThrow().value();
  }
}

package io.frontier.bench.gpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.frontier.bench.cli.Row;
import java.io.IOException;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Summaries, fractions of the copy peer and the file formats, on synthetic GPU rows. */
class GpuReportTest {
  private static final int N = 16 << 20; // 64 MB of float32
  private static final GpuMeta META = new GpuMeta("2026-11-28", "full", "NVIDIA H100 80GB HBM3",
      "NVIDIA H100 80GB HBM3 (sm_90, 132 SMs, 81079 MiB, CUDA driver 13.0)", "580.95.05", "13.0", 50L << 20, "25.0.1 (Eclipse Adoptium)",
      GpuMeta.TIMING, Map.of("torch", "2.11.0+cu130", "cuda", "13.0", "device", "NVIDIA H100 80GB HBM3"));

  private static Row row(String op, String impl, String dtype, List<Integer> shape, String unit, double value) {
    return Row.of(op, "cuda", impl, dtype, shape, 1, unit, new double[] {value});
  }

  private static List<Row> rows() {
    return List.of(
        row("memcpy_dtod", "cuda-driver", "float32", List.of(N), "GB/s", 3000),
        row("exp", "frontier", "float32", List.of(N), "GB/s", 2700),
        row("exp", "torch", "float32", List.of(N), "GB/s", 2850),
        row("softmax", "frontier", "float32", List.of(N / 4096, 4096), "GB/s", 1500),
        row("sum", "torch", "float32", List.of(N), "GB/s", 3300),
        row("matmul", "frontier", "tf32", List.of(4096, 4096, 4096), "GFLOP/s", 300000),
        row("matmul", "cublas", "tf32", List.of(4096, 4096, 4096), "GFLOP/s", 375000),
        row("matmul", "frontier-direct", "tf32", List.of(4096, 4096, 4096), "GFLOP/s", 187500),
        row("matmul", "torch", "tf32", List.of(4096, 4096, 4096), "GFLOP/s", 400000),
        row("matmul", "torch", "bf16", List.of(4096, 4096, 4096), "GFLOP/s", 600000),
        row("matmul", "frontier-product-kernels", "bf16", List.of(4096, 4096, 4096), "GFLOP/s", 500000),
        row("matmul", "frontier-wgmma", "bf16", List.of(4096, 4096, 4096), "GFLOP/s", 450000),
        row("matmul", "cublas", "float32", List.of(4096, 4096, 4096), "GFLOP/s", 52000),
        row("matmul", "torch", "float32", List.of(4096, 4096, 4096), "GFLOP/s", 50000),
        row("matmul", "frontier", "tf32x3", List.of(4096, 4096, 4096), "GFLOP/s", 78000),
        row("matmul-error", "frontier", "float32", List.of(1024, 1024, 1024), "relative error", 1.5e-7),
        row("matmul-error", "frontier", "tf32x3", List.of(1024, 1024, 1024), "relative error", 1.9e-7));
  }

  @Test
  void memorySummaryHoldsEachOpAgainstTheCopyPeerAndTorch() {
    List<List<String>> lines = GpuReport.memoryLines(rows());
    assertEquals(List.of("op", "size", "frontier", "of memcpy", "torch", "of memcpy", "frontier/torch"), lines.get(0));
    assertEquals(List.of("memcpy_dtod (driver)", "64 MB", "3000", "1.00", "-", "-", "-"), lines.get(1));
    assertEquals(List.of("exp", "64 MB", "2700", "0.90", "2850", "0.95", "0.95"), lines.get(2));
    assertEquals(List.of("softmax", "64 MB", "1500", "0.50", "-", "-", "-"), lines.get(3), "softmax's 2-D shape has the same size");
    assertEquals(List.of("sum", "64 MB", "-", "-", "3300", "1.10", "-"), lines.get(4));
    assertEquals(5, lines.size());
  }

  @Test
  void matmulSummaryPairsFrontierWithCublasAndTorchAtTheSamePrecision() {
    List<List<String>> lines = GpuReport.matmulLines(rows());
    assertEquals(List.of("dtype", "n", "frontier", "min-max", "cublas", "frontier/cublas", "torch", "frontier/torch"), lines.get(0));
    assertEquals(List.of("float32", "4096", "-", "-", "52000", "-", "50000", "-"), lines.get(1));
    assertEquals(List.of("tf32", "4096", "300000", "300000-300000", "375000", "0.80", "400000", "0.75"), lines.get(2));
    assertEquals(List.of("tf32 direct", "4096", "187500", "187500-187500", "375000", "0.50", "400000", "0.47"), lines.get(3));
    assertEquals(List.of("bf16", "4096", "-", "-", "-", "-", "600000", "-"), lines.get(4));
    assertEquals(List.of("bf16 product-kernels", "4096", "500000", "500000-500000", "-", "-", "600000", "0.83"), lines.get(5),
        "the product kernels timed without the packs, after the default");
    assertEquals(List.of("bf16 wgmma", "4096", "450000", "450000-450000", "-", "-", "600000", "0.75"), lines.get(6));
    assertEquals(List.of("tf32x3", "4096", "78000", "78000-78000", "52000", "1.50", "50000", "1.56"), lines.get(7),
        "3xTF32 against the float32 peers");
    assertEquals(8, lines.size(), "no line for the direct-truncated, tf32 wgmma or tf32 product-kernels series, which have no rows");
  }

  @Test
  void accuracySummaryListsEachPrecisionsError() {
    List<List<String>> lines = GpuReport.accuracyLines(rows());
    assertEquals(List.of(List.of("dtype", "n", "relative error"), List.of("float32", "1024", "1.50e-07"), List.of("tf32x3", "1024", "1.90e-07")),
        lines);
    assertTrue(GpuReport.markdown(META, rows(), List.of()).contains("## matmul accuracy"));
  }

  @Test
  void textAndMarkdownNameTheCardDriversAndNotes() {
    List<String> notes = List.of("frontier: skipped matmul float32 8192: predicted 2.000 s per call does not fit the 1 s left");
    String text = GpuReport.text(META, rows(), notes);
    String md = GpuReport.markdown(META, rows(), notes);
    for (String s : List.of(text, md)) {
      assertTrue(s.contains("NVIDIA H100 80GB HBM3"), s);
      assertTrue(s.contains("NVIDIA driver 580.95.05, CUDA driver API 13.0"), s);
      assertTrue(s.contains("2.11.0+cu130"), s);
      assertTrue(s.contains(notes.get(0)), s);
    }
    assertTrue(md.contains("| exp | 64 MB | 2700 | 0.90 | 2850 | 0.95 | 0.95 |"), md);
    assertTrue(md.contains("| matmul | frontier | tf32 | 4096x4096x4096 | 300000 | GFLOP/s |"), md);
  }

  @Test
  @SuppressWarnings("unchecked")
  void jsonKeepsTheRowSchemaAndDescribesTheCard() throws IOException {
    StringWriter w = new StringWriter();
    GpuReport.writeJson(META, rows(), List.of("a note"), w);
    Map<String, Object> root;
    try (JsonParser p = new JsonFactory().createParser(w.toString())) {
      root = (Map<String, Object>) read(p, p.nextToken());
    }
    assertEquals(List.of("meta", "notes", "rows"), List.copyOf(root.keySet()));
    Map<String, Object> meta = (Map<String, Object>) root.get("meta");
    assertEquals("NVIDIA H100 80GB HBM3", meta.get("card"));
    assertEquals("580.95.05", meta.get("driver_version"));
    assertEquals("13.0", meta.get("cuda_driver"));
    assertEquals("2.11.0+cu130", ((Map<String, Object>) meta.get("torch")).get("torch"));
    assertEquals(List.of("a note"), root.get("notes"));
    List<Object> rows = (List<Object>) root.get("rows");
    assertEquals(rows().size(), rows.size());
    Map<String, Object> first = (Map<String, Object>) rows.get(0);
    assertEquals(List.of("op", "backend", "impl", "dtype", "shape", "threads", "value", "unit"), List.copyOf(first.keySet()));
    assertEquals("cuda", first.get("backend"));
  }

  /** The value starting at token {@code t}: a map, a list, or a scalar as text. */
  private static Object read(JsonParser p, JsonToken t) throws IOException {
    if (t == JsonToken.START_OBJECT) {
      Map<String, Object> m = new LinkedHashMap<>();
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        m.put(name, read(p, p.nextToken()));
      }
      return m;
    }
    if (t == JsonToken.START_ARRAY) {
      List<Object> l = new ArrayList<>();
      for (JsonToken e = p.nextToken(); e != JsonToken.END_ARRAY; e = p.nextToken()) l.add(read(p, e));
      return l;
    }
    return p.getText();
  }

  @Test
  void theDriverVersionComesFromTheKernelModuleLine() {
    assertEquals("580.95.05", GpuMeta.parseProcVersion(
        "NVRM version: NVIDIA UNIX x86_64 Kernel Module  580.95.05  Tue Sep 30 10:00:00 UTC 2025\nGCC version:  gcc 12\n"));
    assertEquals("580.65.06", GpuMeta.parseProcVersion("NVRM version: NVIDIA UNIX Open Kernel Module for x86_64  580.65.06  Release Build"));
    assertEquals(null, GpuMeta.parseProcVersion("garbage"));
  }
}

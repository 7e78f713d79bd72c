package io.frontier.bench.gpu;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.frontier.bench.cli.JsonReport;
import io.frontier.bench.cli.Results;
import io.frontier.bench.cli.Row;
import io.frontier.bench.cli.TextTable;
import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The console table, JSON and Markdown of a GPU run. JSON rows keep the schema of
 * {@link JsonReport} (op, backend "cuda", impl, dtype, shape, threads 1, value, unit); the meta
 * describes the card. For matmul rows dtype is the precision the product runs at: float32
 * (HIGHEST; torch with TF32 off), tf32, bf16 (Frontier: float32 tensors at BF16
 * precision; torch: bfloat16 tensors), tf32x3 (Frontier's float32-accurate 3xTF32, compared with
 * cuBLAS's and torch's float32 rows). The summaries add each memory-bound op's fraction of the
 * driver's device-to-device copy of the same size and Frontier's ratio to cuBLAS (matmul, same
 * process) and to torch.
 */
final class GpuReport {
  private GpuReport() {}

  static void writeJson(GpuMeta m, List<Row> rows, List<String> notes, Writer out) throws IOException {
    try (JsonGenerator g = new JsonFactory().createGenerator(out)) {
      g.useDefaultPrettyPrinter();
      g.writeStartObject();
      g.writeObjectFieldStart("meta");
      g.writeStringField("date", m.date());
      g.writeStringField("mode", m.mode());
      g.writeStringField("card", m.card());
      g.writeStringField("device", m.device());
      g.writeStringField("driver_version", m.driver());
      g.writeStringField("cuda_driver", m.cudaDriver());
      g.writeNumberField("l2_bytes", m.l2Bytes());
      g.writeStringField("java_version", m.javaVersion());
      g.writeStringField("timing", m.timing());
      g.writeObjectFieldStart("torch");
      for (Map.Entry<String, String> e : m.torch().entrySet()) g.writeStringField(e.getKey(), e.getValue());
      g.writeEndObject();
      g.writeEndObject();
      g.writeArrayFieldStart("notes");
      for (String n : notes) g.writeString(n);
      g.writeEndArray();
      g.writeArrayFieldStart("rows");
      for (Row r : rows) JsonReport.writeRow(g, r);
      g.writeEndArray();
      g.writeEndObject();
    }
  }

  /** The console report: header, matmul and memory summaries, notes. */
  static String text(GpuMeta m, List<Row> rows, List<String> notes) {
    StringBuilder s = new StringBuilder();
    s.append(header(m, "")).append('\n');
    List<List<String>> mm = matmulLines(rows);
    if (mm.size() > 1) s.append("matmul (GFLOP/s, median)\n").append(textTable(mm)).append('\n');
    List<List<String>> acc = accuracyLines(rows);
    if (acc.size() > 1) s.append("matmul accuracy (relative error against float64)\n").append(textTable(acc)).append('\n');
    List<List<String>> mem = memoryLines(rows);
    if (mem.size() > 1) s.append("memory-bound (GB/s = bytes read + written / time, median)\n").append(textTable(mem)).append('\n');
    if (!notes.isEmpty()) {
      s.append("notes\n");
      notes.forEach(n -> s.append("  ").append(n).append('\n'));
    }
    return s.toString();
  }

  static String markdown(GpuMeta m, List<Row> rows, List<String> notes) {
    StringBuilder md = new StringBuilder();
    md.append("# Frontier GPU benchmarks, ").append(m.date()).append(" (").append(m.mode()).append(")\n\n");
    md.append(header(m, "- ")).append('\n');
    List<List<String>> mm = matmulLines(rows);
    if (mm.size() > 1) {
      md.append("## matmul (GFLOP/s = 2n^3 / t)\n\n");
      md.append("dtype is the precision of the product: float32 (Frontier HIGHEST, torch with TF32 off), tf32, ")
          .append("bf16 (Frontier: float32 tensors at MatmulPrecision.BF16; torch: bfloat16 tensors), ")
          .append("tf32x3 (Frontier's float32-accurate MatmulPrecision.TF32X3; its cublas and torch columns are their float32 rows). ")
          .append("cublas is cuBLAS through JCublas in the same process on the same inputs (float32 and tf32; absent when ")
          .append("libcublas.so.12 does not load, see notes).\n\n");
      table(md, mm);
    }
    List<List<String>> acc = accuracyLines(rows);
    if (acc.size() > 1) {
      md.append("\n## matmul accuracy (relative Frobenius error against the float64 product of the same float32 inputs)\n\n");
      table(md, acc);
    }
    List<List<String>> mem = memoryLines(rows);
    if (mem.size() > 1) {
      md.append("\n## memory-bound (GB/s = bytes read + written / t)\n\n");
      md.append("Bytes per element: copy, exp, softmax (rows of 4096), layer_norm (rows of 4096) 8; add 12; sum 4; ")
          .append("cross_entropy (rows of 50257, logits read once) 4; adamw 28. \"of memcpy\" is the fraction of the ")
          .append("driver's cuMemcpyDtoDAsync of the same size measured in this run (sum only reads, so it can exceed 1).\n\n");
      table(md, mem);
    }
    md.append("\n## all rows (median and min-max over samples)\n\n");
    md.append("| op | impl | dtype | shape | median | unit | min-max |\n|---|---|---|---|---:|---|---|\n");
    for (Row r : rows) {
      md.append("| ").append(String.join(" | ", r.op(), r.impl(), r.dtype(), r.shapeText(), Results.fmt(r.value()), r.unit(), Results.range(r)))
          .append(" |\n");
    }
    if (!notes.isEmpty()) {
      md.append("\n## notes\n\n");
      notes.forEach(n -> md.append("- ").append(n).append('\n'));
    }
    return md.toString();
  }

  private static String header(GpuMeta m, String bullet) {
    StringBuilder s = new StringBuilder();
    s.append(bullet).append("card: ").append(m.card()).append('\n');
    s.append(bullet).append("device: ").append(m.device()).append('\n');
    s.append(bullet).append("NVIDIA driver ").append(m.driver()).append(", CUDA driver API ").append(m.cudaDriver())
        .append(", L2 ").append(m.l2Bytes() >> 20).append(" MiB\n");
    s.append(bullet).append("Java ").append(m.javaVersion()).append('\n');
    s.append(bullet).append("torch: ").append(m.torch().isEmpty() ? "not measured (see notes)"
        : m.torch().get("torch") + ", CUDA " + m.torch().get("cuda") + ", " + m.torch().get("device")).append('\n');
    s.append(bullet).append("date ").append(m.date()).append(", mode ").append(m.mode()).append('\n');
    s.append(bullet).append("timing: ").append(m.timing()).append('\n');
    return s.toString();
  }

  /** Header and one line per (precision, n): Frontier, its range, cuBLAS, Frontier/cuBLAS, torch, Frontier/torch. */
  static List<List<String>> matmulLines(List<Row> rows) {
    List<List<String>> out = new ArrayList<>();
    out.add(List.of("dtype", "n", "frontier", "min-max", "cublas", "frontier/cublas", "torch", "frontier/torch"));
    // Our TF32 products run through several kernel paths: the default (wgmma on compute capability
    // 9.0, else packed mma.sync), the default's product kernels timed alone (no packs), the direct
    // kernels, and the tensor-core path the default is not.
    String[][] series = {{"float32", FrontierRuns.IMPL}, {"tf32", FrontierRuns.IMPL}, {"tf32", FrontierRuns.PRODUCT_KERNELS},
        {"tf32", FrontierRuns.DIRECT}, {"tf32", FrontierRuns.DIRECT_TRUNCATED}, {"tf32", FrontierRuns.WGMMA}, {"tf32", FrontierRuns.MMA_SYNC},
        {"bf16", FrontierRuns.IMPL}, {"bf16", FrontierRuns.PRODUCT_KERNELS}, {"bf16", FrontierRuns.WGMMA}, {"bf16", FrontierRuns.MMA_SYNC},
        {"tf32x3", FrontierRuns.IMPL}, {"tf32x3", FrontierRuns.PRODUCT_KERNELS}, {"tf32x3", FrontierRuns.WGMMA}, {"tf32x3", FrontierRuns.MMA_SYNC}};
    for (String[] s : series) {
      String dtype = s[0], impl = s[1];
      // 3xTF32 is float32-accurate: its peers are cuBLAS's and torch's FP32 products
      String peerDtype = dtype.equals("tf32x3") ? "float32" : dtype;
      String label = impl.equals(FrontierRuns.IMPL) ? dtype : dtype + " " + impl.substring(FrontierRuns.IMPL.length() + 1);
      TreeSet<Integer> sizes = new TreeSet<>();
      rows.stream().filter(r -> r.op().equals("matmul") && r.dtype().equals(dtype)
          && (impl.equals(FrontierRuns.IMPL) || r.impl().equals(impl))).forEach(r -> sizes.add(r.shape().get(0)));
      for (int n : sizes) {
        Optional<Row> f = find(rows, "matmul", impl, dtype, (long) n * n * n);
        Optional<Row> cb = find(rows, "matmul", FrontierRuns.CUBLAS, peerDtype, (long) n * n * n);
        Optional<Row> t = find(rows, "matmul", "torch", peerDtype, (long) n * n * n);
        out.add(List.of(label, String.valueOf(n), f.map(r -> Results.fmt(r.value())).orElse("-"), f.map(Results::range).orElse("-"),
            cb.map(r -> Results.fmt(r.value())).orElse("-"), ratio(f, cb), t.map(r -> Results.fmt(r.value())).orElse("-"), ratio(f, t)));
      }
    }
    return out;
  }

  /** Header and one line per precision and size of the {@link FrontierRuns#ERROR_OP} rows: the relative error. */
  static List<List<String>> accuracyLines(List<Row> rows) {
    List<List<String>> out = new ArrayList<>();
    out.add(List.of("dtype", "n", "relative error"));
    for (Row r : rows) {
      if (r.op().equals(FrontierRuns.ERROR_OP)) {
        out.add(List.of(r.dtype(), String.valueOf(r.shape().get(0)), String.format(java.util.Locale.ROOT, "%.2e", r.value())));
      }
    }
    return out;
  }

  /** Header and one line per (size, op): Frontier (the driver for memcpy), its fraction of memcpy, torch and its fraction, Frontier/torch. */
  static List<List<String>> memoryLines(List<Row> rows) {
    List<List<String>> out = new ArrayList<>();
    out.add(List.of("op", "size", "frontier", "of memcpy", "torch", "of memcpy", "frontier/torch"));
    TreeSet<Long> sizes = new TreeSet<>();
    // cross-entropy rows cover whole rows of the vocabulary, slightly under their size's n
    for (Row r : rows) {
      if (r.unit().equals("GB/s") && !MemoryOp.of(r.op()).vocabularyRows()) sizes.add(numel(r));
    }
    for (long n : sizes) {
      String size = GpuPlan.sizeLabel(n * Float.BYTES);
      Optional<Row> peer = find(rows, MemoryOp.MEMCPY_DTOD.opName(), FrontierRuns.DRIVER, "float32", n);
      for (MemoryOp op : MemoryOp.values()) {
        if (op == MemoryOp.MEMCPY_DTOD) {
          peer.ifPresent(p -> out.add(List.of("memcpy_dtod (driver)", size, Results.fmt(p.value()), "1.00", "-", "-", "-")));
          continue;
        }
        Optional<Row> f = find(rows, op.opName(), FrontierRuns.IMPL, "float32", op.elements(n));
        Optional<Row> t = find(rows, op.opName(), "torch", "float32", op.elements(n));
        if (f.isEmpty() && t.isEmpty()) continue;
        out.add(List.of(op.opName(), size, f.map(r -> Results.fmt(r.value())).orElse("-"), ratio(f, peer),
            t.map(r -> Results.fmt(r.value())).orElse("-"), ratio(t, peer), ratio(f, t)));
      }
    }
    return out;
  }

  private static String textTable(List<List<String>> lines) {
    TextTable t = new TextTable();
    lines.forEach(l -> t.add(l.toArray(String[]::new)));
    return t.toString();
  }

  private static void table(StringBuilder md, List<List<String>> lines) {
    md.append("| ").append(String.join(" | ", lines.get(0))).append(" |\n");
    md.append("|---|---|").append("---:|".repeat(lines.get(0).size() - 2)).append('\n');
    for (List<String> l : lines.subList(1, lines.size())) md.append("| ").append(String.join(" | ", l)).append(" |\n");
  }

  private static Optional<Row> find(List<Row> rows, String op, String impl, String dtype, long numel) {
    return rows.stream().filter(r -> r.op().equals(op) && r.impl().equals(impl) && r.dtype().equals(dtype) && numel(r) == numel).findFirst();
  }

  private static long numel(Row r) {
    long n = 1;
    for (int d : r.shape()) n *= d;
    return n;
  }

  private static String ratio(Optional<Row> a, Optional<Row> b) {
    if (a.isEmpty() || b.isEmpty() || b.get().value() == 0) return "-";
    return String.format(Locale.ROOT, "%.2f", a.get().value() / b.get().value());
  }
}

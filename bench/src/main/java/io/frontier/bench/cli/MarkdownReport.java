package io.frontier.bench.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Markdown companion of a result file: one table per op with each row's median over JMH's
 * measurement iterations (JMH's own score is their mean) and its range, then Frontier's ratio to
 * each peer measured in the same run.
 */
final class MarkdownReport {

  private MarkdownReport() {}

  static String render(RunMeta meta, List<Row> rows) {
    StringBuilder md = new StringBuilder();
    md.append("# Frontier benchmarks, ").append(meta.date()).append(" (").append(meta.mode()).append(")\n\n");
    md.append("- Java ").append(meta.javaVersion()).append(" (").append(meta.javaVendor()).append(")\n");
    md.append("- CPU: ").append(meta.cpuModel()).append(", ").append(meta.cores()).append(" cores; SIMD: ")
        .append(meta.vectorBits() > 0 ? meta.vectorBits() + "-bit Vector API" : "scalar").append('\n');
    md.append("- JMH: ").append(meta.jmh()).append('\n');
    md.append("- Each value is the **median** of the measurement iterations, each converted to the unit first; ")
        .append("the range is the slowest and fastest iteration.\n");

    for (Map.Entry<String, List<Row>> group : Results.byOp(rows).entrySet()) {
      md.append("\n## ").append(group.getKey()).append("\n\n");
      md.append("| impl | dtype | shape | threads | median | min-max |\n|---|---|---|---:|---:|---|\n");
      for (Row r : group.getValue()) {
        md.append("| ").append(String.join(" | ", r.impl(), r.dtype(), r.shapeText(), String.valueOf(r.threads()), Results.fmt(r.value()), Results.range(r)))
            .append(" |\n");
      }
      appendRatios(md, group.getValue());
    }
    return md.toString();
  }

  private static void appendRatios(StringBuilder md, List<Row> group) {
    List<Results.Ratio> ratios = Results.ratios(group);
    if (ratios.isEmpty()) return;
    List<String> peers = Results.peers(ratios);
    md.append("\nFrontier against the peers of this run (ratio of medians, same dtype, shape and threads):\n\n");
    md.append("| impl | dtype | shape | threads |");
    peers.forEach(p -> md.append(" impl/").append(p).append(" |"));
    md.append("\n|---|---|---|---:|").append("---:|".repeat(peers.size())).append('\n');
    // one line per cell, in the order of the group's rows
    Map<String, Results.Ratio> cells = new LinkedHashMap<>();
    for (Results.Ratio r : ratios) cells.putIfAbsent(r.frontier() + r.dtype() + r.shape() + r.threads(), r);
    for (Results.Ratio cell : cells.values()) {
      List<String> line = new ArrayList<>(List.of(cell.frontier(), cell.dtype(), Row.shapeText(cell.shape()), String.valueOf(cell.threads())));
      for (String p : peers) line.add(Results.ratioCell(ratios, cell, p));
      md.append("| ").append(String.join(" | ", line)).append(" |\n");
    }
  }
}

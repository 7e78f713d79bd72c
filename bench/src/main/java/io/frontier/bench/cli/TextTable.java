package io.frontier.bench.cli;

import java.util.ArrayList;
import java.util.List;

/** A plain table with columns padded to their widest cell, for the console; a header is just the first line. */
public final class TextTable {
  private final List<String[]> lines = new ArrayList<>();

  public TextTable add(String... cells) {
    lines.add(cells);
    return this;
  }

  @Override
  public String toString() {
    int[] width = new int[lines.stream().mapToInt(l -> l.length).max().orElse(0)];
    for (String[] l : lines) for (int i = 0; i < l.length; i++) width[i] = Math.max(width[i], l[i].length());
    StringBuilder s = new StringBuilder();
    for (String[] l : lines) {
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < l.length; i++) line.append(String.format("%-" + width[i] + "s", l[i])).append("  ");
      s.append(line.toString().stripTrailing()).append('\n');
    }
    return s.toString();
  }

  /** All rows, grouped by op, with the median, its unit and the iteration range. */
  static String of(List<Row> rows) {
    TextTable t = new TextTable().add("op", "impl", "dtype", "shape", "threads", "median", "unit", "min-max");
    for (List<Row> group : Results.byOp(rows).values()) {
      for (Row r : group) {
        t.add(r.op(), r.impl(), r.dtype(), r.shapeText(), String.valueOf(r.threads()), Results.fmt(r.value()), r.unit(), Results.range(r));
      }
    }
    return t.toString();
  }
}

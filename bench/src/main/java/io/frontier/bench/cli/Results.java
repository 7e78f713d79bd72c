package io.frontier.bench.cli;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/** Grouping, ordering and peer ratios of result rows, shared by the console and Markdown reports. */
public final class Results {

  static final String FRONTIER = "frontier";

  /**
   * Frontier's median over a peer's median for one (dtype, shape, threads) cell of one op, e.g.
   * frontier/ejml for matmul or frontier/arraycopy for add. Above 1, Frontier is ahead on rate units.
   */
  record Ratio(String frontier, String op, String dtype, List<Integer> shape, int threads, String peer, double value) {}

  /** Frontier's own rows: "frontier" and variants such as "frontier-inplace". */
  static boolean isFrontier(String impl) {
    return impl.startsWith(FRONTIER);
  }

  /** Orders rows by dtype, shape (element by element), threads, then Frontier before its peers. */
  static final Comparator<Row> ORDER =
      Comparator.comparing(Row::dtype)
          .thenComparing(Row::shape, Results::compareShapes)
          .thenComparingInt(Row::threads)
          .thenComparing(r -> isFrontier(r.impl()) ? " " + r.impl() : r.impl());

  private Results() {}

  /** Rows grouped by op and unit ("matmul (GFLOP/s)"), groups in order of first appearance, rows in {@link #ORDER}. */
  static Map<String, List<Row>> byOp(List<Row> rows) {
    Map<String, List<Row>> groups = new LinkedHashMap<>();
    for (Row r : rows) groups.computeIfAbsent(r.op() + " (" + r.unit() + ")", k -> new ArrayList<>()).add(r);
    groups.values().forEach(g -> g.sort(ORDER));
    return groups;
  }

  /** Every Frontier row of {@code rows} against every peer row with the same op, unit, dtype, shape and threads. */
  static List<Ratio> ratios(List<Row> rows) {
    List<Ratio> out = new ArrayList<>();
    for (Row f : rows) {
      if (!isFrontier(f.impl())) continue;
      for (Row p : rows) {
        if (isFrontier(p.impl()) || !sameCell(f, p)) continue;
        out.add(new Ratio(f.impl(), f.op(), f.dtype(), f.shape(), f.threads(), p.impl(), f.value() / p.value()));
      }
    }
    return out;
  }

  /** The peers that appear in {@code ratios}, sorted. */
  static List<String> peers(List<Ratio> ratios) {
    TreeSet<String> peers = new TreeSet<>();
    ratios.forEach(r -> peers.add(r.peer()));
    return List.copyOf(peers);
  }

  private static boolean sameCell(Row a, Row b) {
    return a.op().equals(b.op())
        && a.unit().equals(b.unit())
        && a.dtype().equals(b.dtype())
        && a.shape().equals(b.shape())
        && a.threads() == b.threads();
  }

  private static int compareShapes(List<Integer> a, List<Integer> b) {
    for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
      int c = Integer.compare(a.get(i), b.get(i));
      if (c != 0) return c;
    }
    return Integer.compare(a.size(), b.size());
  }

  /** Three significant digits or more: 1234, 148.2, 12.34, 0.835. */
  public static String fmt(double v) {
    if (!Double.isFinite(v)) return String.valueOf(v);
    double a = Math.abs(v);
    String pattern = a >= 1000 ? "%.0f" : a >= 100 ? "%.1f" : a >= 1 ? "%.2f" : "%.3g";
    return String.format(Locale.ROOT, pattern, v);
  }

  public static String range(Row r) {
    return fmt(r.min()) + "-" + fmt(r.max());
  }

  /** The ratio in one cell, or "-" when that peer was not measured there. */
  static String ratioCell(List<Ratio> ratios, Ratio key, String peer) {
    return ratios.stream()
        .filter(r -> r.peer().equals(peer) && r.frontier().equals(key.frontier()) && r.dtype().equals(key.dtype())
            && r.shape().equals(key.shape()) && r.threads() == key.threads())
        .findFirst()
        .map(r -> String.format(Locale.ROOT, "%.2f", r.value()))
        .orElse("-");
  }
}

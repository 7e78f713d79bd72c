package io.frontier.bench.algoperf;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPInputStream;

/** The workloads' data files, shipped in the jar under /algoperf (see README.md there). */
final class Resources {
  private Resources() {}

  static String text(String name) {
    try (InputStream in = open(name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The rows of a gzipped CSV of numbers. */
  static double[][] gzipCsv(String name) {
    List<double[]> rows = new ArrayList<>();
    try (BufferedReader r = new BufferedReader(new InputStreamReader(new GZIPInputStream(open(name)), StandardCharsets.US_ASCII))) {
      for (String line; (line = r.readLine()) != null; ) {
        if (!line.isBlank()) rows.add(Arrays.stream(line.split(",")).mapToDouble(Double::parseDouble).toArray());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return rows.toArray(new double[0][]);
  }

  private static InputStream open(String name) {
    InputStream in = Resources.class.getResourceAsStream("/algoperf/" + name);
    if (in == null) throw new IllegalStateException("missing resource /algoperf/" + name);
    return in;
  }
}

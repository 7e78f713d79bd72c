package io.frontier.bench.cli;

import io.frontier.bench.jmh.HypervolumeBenchmark;
import io.frontier.multiobjective.pareto.Hypervolume;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The DEAP peer of {@code frontier bench --deap}: writes HypervolumeBenchmark's 3-D sphere points
 * (n = 10^3, 10^4, 10^5, seed 42) to text files, runs the bundled {@code peers/deap_peers.py} on
 * them with a Python that has python3-deap (DEAP's C hypervolume, minimisation, the same reference
 * point), and turns its JSON lines into rows with impl "deap". Each DEAP value is checked against
 * {@link Hypervolume#of} on the same points (relative difference above 1e-9 is reported). Optional:
 * without Python or DEAP the bench prints a note and goes on.
 */
final class DeapPeers {
  static final int[] SIZES = {1000, 10000, 100000};
  private static final Pattern HV = Pattern.compile("\"hv\":\\s*([-+0-9.eE]+)");

  private DeapPeers() {}

  static List<Row> run(String python, boolean quick, PrintWriter err) {
    List<Path> temporary = new ArrayList<>();
    try {
      Path script = Files.createTempFile("frontier-deap-peers", ".py");
      temporary.add(script);
      try (InputStream in = DeapPeers.class.getResourceAsStream("/peers/deap_peers.py")) {
        if (in == null) throw new IOException("peers/deap_peers.py is missing from the jar");
        Files.copy(in, script, StandardCopyOption.REPLACE_EXISTING);
      }
      double[] ref = HypervolumeBenchmark.REFERENCE;
      List<String> cmd = new ArrayList<>(List.of(python, script.toString()));
      if (quick) cmd.add("--quick");
      cmd.add(ref[0] + "," + ref[1] + "," + ref[2]);
      double[] ours = new double[SIZES.length];
      for (int s = 0; s < SIZES.length; s++) {
        double[][] points = HypervolumeBenchmark.pointSets(SIZES[s])[0];
        ours[s] = Hypervolume.of(points, ref);
        Path file = Files.createTempFile("frontier-hv-points-" + SIZES[s], ".txt");
        temporary.add(file);
        try (Writer w = Files.newBufferedWriter(file)) {
          for (double[] p : points) w.write(p[0] + " " + p[1] + " " + p[2] + "\n");
        }
        cmd.add(SIZES[s] + ":" + file);
      }
      Process process = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
      List<Row> rows = new ArrayList<>();
      try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
        for (String line = out.readLine(); line != null; line = out.readLine()) {
          if (line.isBlank()) continue;
          Row row = TorchPeers.parse(line);
          rows.add(row);
          Matcher m = HV.matcher(line);
          int s = rows.size() - 1;
          if (m.find() && s < SIZES.length) {
            double theirs = Double.parseDouble(m.group(1));
            if (Math.abs(theirs - ours[s]) > 1e-9 * Math.abs(ours[s])) {
              err.println("note: DEAP's hypervolume " + theirs + " differs from frontier's " + ours[s] + " at n = " + SIZES[s]);
            }
          }
        }
      }
      int code = process.waitFor();
      if (code != 0) err.println("note: DEAP peers exited with code " + code + " after " + rows.size() + " rows (is python3-deap installed for " + python + "?)");
      return rows;
    } catch (IOException e) {
      err.println("note: DEAP peers skipped: " + e.getMessage());
      return List.of();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return List.of();
    } finally {
      for (Path p : temporary) p.toFile().delete();
    }
  }
}

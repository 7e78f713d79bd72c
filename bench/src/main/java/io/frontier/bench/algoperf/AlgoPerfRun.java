package io.frontier.bench.algoperf;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The external-tuning protocol over every (workload, submission) pair: {@code studies} studies of
 * {@code trials} trials each. Study k of every pair draws its hyperparameters with seed
 * {@code seed + k}; trial t of it initialises and shuffles with seed {@code 1000 * (seed + k) + t}.
 */
public final class AlgoPerfRun {

  /** Told after every trial (a progress bar). */
  @FunctionalInterface
  public interface Listener {
    void trialDone(Workload w, Submission s, int study, int trial, TrialResult result);
  }

  /** The studies of one submission on one workload. */
  public record Cell(String workload, String submission, List<Study> studies) {
    public Spread seconds() {
      return Spread.of(studies.stream().mapToDouble(Study::seconds).toArray());
    }

    public Spread steps() {
      return Spread.of(studies.stream().mapToDouble(Study::steps).toArray());
    }
  }

  /** Untimed steps each submission runs on each workload before its trials, so that JIT warm-up is not charged to the first. */
  static final int WARMUP_STEPS = 100;

  private AlgoPerfRun() {}

  public static int trialCount(List<Workload> workloads, List<Submission> submissions, int studies, int trials) {
    return workloads.size() * submissions.size() * studies * trials;
  }

  /** Cells in workload-major order. */
  public static List<Cell> run(List<Workload> workloads, List<Submission> submissions, int studies, int trials, long seed, Listener listener) {
    if (studies < 1 || trials < 1) throw new IllegalArgumentException("need at least 1 study and 1 trial, got " + studies + " and " + trials);
    Objects.requireNonNull(listener);
    List<Cell> cells = new ArrayList<>();
    for (Workload w : workloads) {
      for (Submission s : submissions) {
        TrialRunner.warmUp(w, s, WARMUP_STEPS);
        List<Study> done = new ArrayList<>();
        for (int k = 0; k < studies; k++) {
          long studySeed = seed + k;
          List<TrialResult> results = new ArrayList<>();
          List<Map<String, Double>> points = s.space().sample(trials, studySeed);
          for (int t = 0; t < trials; t++) {
            TrialResult r = TrialRunner.run(w, s, new LinkedHashMap<>(points.get(t)), 1000 * studySeed + t);
            results.add(r);
            listener.trialDone(w, s, k, t, r);
          }
          done.add(new Study(studySeed, results));
        }
        cells.add(new Cell(w.name(), s.name(), done));
      }
    }
    return cells;
  }
}

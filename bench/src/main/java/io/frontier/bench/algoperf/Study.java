package io.frontier.bench.algoperf;

import java.util.List;

/**
 * One tuning study: a submission's trials on a workload with hyperparameters from one seed. Its
 * score is its best trial's: the one that reached the target in the fewest training seconds (its
 * steps go with it); a study none of whose trials reached the target scores infinity.
 */
public record Study(long seed, List<TrialResult> trials) {

  public Study {
    trials = List.copyOf(trials);
  }

  /** The index of the best trial, -1 when none reached the target. */
  public int bestTrial() {
    int best = -1;
    for (int i = 0; i < trials.size(); i++) {
      TrialResult t = trials.get(i);
      if (t.reached() && (best < 0 || t.seconds() < trials.get(best).seconds())) best = i;
    }
    return best;
  }

  public double seconds() {
    int b = bestTrial();
    return b < 0 ? Double.POSITIVE_INFINITY : trials.get(b).seconds();
  }

  /** The best trial's steps, as a double so that a study that never reached the target is infinity. */
  public double steps() {
    int b = bestTrial();
    return b < 0 ? Double.POSITIVE_INFINITY : trials.get(b).steps();
  }
}

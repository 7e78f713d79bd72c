package io.frontier.optim.schedule;

/**
 * torch's OneCycleLR, with the group's base lr as {@code max_lr}: from {@code max / divFactor} up
 * to {@code max} over the first {@code pctStart} of {@code totalSteps}, then down to
 * {@code max / divFactor / finalDivFactor} (three-phase: back down to {@code max / divFactor} over
 * as many steps, then to the minimum), each phase annealed by cosine or linearly. The phase
 * boundaries and the arithmetic are torch's, so the lrs agree to rounding.
 *
 * <p>Momentum is not cycled (torch's {@code cycle_momentum=False}): a scheduler here sets only
 * "lr". As in torch, steps up to {@code totalSteps} are defined (the last one extrapolates the
 * final phase by one step) and later ones throw.
 */
public record OneCycleLR(long totalSteps, double pctStart, Anneal anneal, double divFactor, double finalDivFactor, boolean threePhase)
    implements LrSchedule {

  public enum Anneal { COS, LINEAR }

  public OneCycleLR {
    Checks.positive("totalSteps", totalSteps);
    Checks.inRange("pctStart", pctStart, 0, 1);
    if (anneal == null) throw new IllegalArgumentException("invalid anneal: null (COS or LINEAR)");
    Checks.positive("divFactor", divFactor);
    Checks.positive("finalDivFactor", finalDivFactor);
    double start = 0;
    for (double end : phaseEnds(totalSteps, pctStart, threePhase)) {
      if (!(end > start)) {
        throw new IllegalArgumentException("invalid pctStart: " + pctStart + " (with totalSteps " + totalSteps + " a phase of the cycle would span no steps)");
      }
      start = end;
    }
  }

  /** torch's defaults: cosine annealing, two phases, pctStart 0.3, divFactor 25, finalDivFactor 1e4. */
  public OneCycleLR(long totalSteps) {
    this(totalSteps, 0.3, Anneal.COS, 25.0, 1e4, false);
  }

  /** The step at which each phase ends (torch's {@code end_step}); the first starts at 0. */
  private static double[] phaseEnds(long totalSteps, double pctStart, boolean threePhase) {
    double warm = pctStart * totalSteps - 1;
    return threePhase
        ? new double[] {warm, 2 * pctStart * totalSteps - 2, totalSteps - 1}
        : new double[] {warm, totalSteps - 1};
  }

  @Override
  public double lr(double baseLr, long step) {
    if (step > totalSteps) throw new IllegalStateException("OneCycleLR: step " + step + " is past totalSteps " + totalSteps);
    double initial = baseLr / divFactor;
    double min = initial / finalDivFactor;
    double[] from = threePhase ? new double[] {initial, baseLr, initial} : new double[] {initial, baseLr};
    double[] to = threePhase ? new double[] {baseLr, initial, min} : new double[] {baseLr, min};
    double[] ends = phaseEnds(totalSteps, pctStart, threePhase);
    double start = 0;
    for (int i = 0; ; i++) {
      if (step <= ends[i] || i == ends.length - 1) return anneal(from[i], to[i], (step - start) / (ends[i] - start));
      start = ends[i];
    }
  }

  private double anneal(double start, double end, double pct) {
    if (anneal == Anneal.LINEAR) return (end - start) * pct + start;
    double cosOut = Math.cos(Math.PI * pct) + 1;
    return end + (start - end) / 2.0 * cosOut;
  }
}

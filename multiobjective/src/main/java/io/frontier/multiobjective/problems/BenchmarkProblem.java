package io.frontier.multiobjective.problems;

/**
 * Base of the benchmark problems: bounds storage, argument checks and the analytic Pareto front.
 */
public abstract class BenchmarkProblem implements Problem {

    private final String name;
    private final int objectives;
    private final double[] lower;
    private final double[] upper;

    protected BenchmarkProblem(String name, int objectives, double[] lower, double[] upper) {
        if (objectives < 2) {
            throw new IllegalArgumentException(name + ": needs at least 2 objectives, got " + objectives);
        }
        this.name = name;
        this.objectives = objectives;
        this.lower = lower.clone();
        this.upper = upper.clone();
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final int dimensions() {
        return lower.length;
    }

    @Override
    public final int objectives() {
        return objectives;
    }

    @Override
    public final double[] lowerBounds() {
        return lower.clone();
    }

    @Override
    public final double[] upperBounds() {
        return upper.clone();
    }

    @Override
    public final double[] evaluate(double[] x) {
        if (x == null || x.length != lower.length) {
            throw new IllegalArgumentException(name + ": expected " + lower.length
                    + " decision variables, got " + (x == null ? "null" : x.length));
        }
        return compute(x);
    }

    /** Objective values for a vector of the right length. */
    protected abstract double[] compute(double[] x);

    /**
     * About {@code points} points of the analytic Pareto front (objective space), deterministic
     * (regular grids). For more than two objectives the count is rounded to a full grid.
     *
     * @throws IllegalArgumentException if {@code points < 2}
     */
    public abstract double[][] paretoFront(int points);

    /** Checks the requested number of front points. */
    protected final void checkPoints(int points) {
        if (points < 2) {
            throw new IllegalArgumentException(name + ": paretoFront needs at least 2 points, got " + points);
        }
    }

    @Override
    public String toString() {
        return name + "(n=" + dimensions() + ", m=" + objectives + ")";
    }
}

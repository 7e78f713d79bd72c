package io.frontier.tensor;

/**
 * A seeded source of random numbers built on Philox4x32-10 ({@link io.frontier.tensor.backend.Philox}),
 * so that every backend draws the same values for the same seed and offset.
 *
 * <h2>The stream, exactly</h2>
 * The generator holds a 64-bit {@code seed} and a 64-bit {@code offset}, counted in 128-bit blocks.
 * Block {@code b} is {@code philox4x32_10(counter = (lo32(b), hi32(b), 0, 0), key = (lo32(seed),
 * hi32(seed)))}, four 32-bit words {@code w0..w3}. A draw of {@code n} values starting at offset
 * {@code o} maps value {@code i} (row-major order) to words as follows, then advances the offset by
 * {@code ceil(n / perBlock)}:
 * <ul>
 *   <li>float32 uniform (4 per block): block {@code o + i/4}, word {@code w[i%4]}, value
 *       {@code (w >>> 8) * 2^-24} in [0, 1).
 *   <li>float64 uniform (2 per block): block {@code o + i/2}, words {@code (hi, lo) = (w[2(i%2)],
 *       w[2(i%2)+1])}, value {@code ((hi << 21) | (lo >>> 11)) * 2^-53} in [0, 1).
 *   <li>float32 normal (4 per block): block {@code o + i/4}; the pair {@code j = (i%4)/2} uses words
 *       {@code (w[2j], w[2j+1])}: {@code u1 = ((w[2j] >>> 8) + 1) * 2^-24} in (0, 1],
 *       {@code u2 = (w[2j+1] >>> 8) * 2^-24}; Box-Muller in float64, {@code sqrt(-2 ln u1) cos(2 pi u2)}
 *       for even {@code i}, {@code ... sin(2 pi u2)} for odd {@code i}, rounded to float32.
 *   <li>float64 normal (2 per block): block {@code o + i/2}; {@code u1} = the 53-bit value of
 *       {@code (w0, w1)} plus {@code 2^-53} (in (0, 1]), {@code u2} = the 53-bit value of
 *       {@code (w2, w3)}; cos for even {@code i}, sin for odd.
 * </ul>
 * Uniform values are bit-exact across backends; normal values agree to the rounding of the
 * device's {@code log}, {@code cos} and {@code sin}. {@code randint}, {@code bernoulli} and
 * {@code multinomial} are derived from the float64 uniform stream (see {@link Sampling}).
 *
 * <p>Thread-safe: reserving offsets is synchronized.
 */
public final class Generator {
  /** The default seed of a fresh default generator (PyTorch uses the same constant). */
  public static final long DEFAULT_SEED = 67280421310721L;

  private static final Generator DEFAULT = new Generator(DEFAULT_SEED);

  /** A snapshot of a generator, for checkpoints. */
  public record State(long seed, long offset) {}

  private long seed;
  private long offset;

  public Generator(long seed) {
    this.seed = seed;
  }

  /** The global generator that the seedless factories ({@code Tensor.rand(3)}) use. */
  public static Generator defaultGenerator() {
    return DEFAULT;
  }

  /** Reseeds the global generator, as {@code torch.manual_seed}. */
  public static void manualSeedDefault(long seed) {
    DEFAULT.manualSeed(seed);
  }

  /** Resets to {@code seed} at offset 0. */
  public synchronized Generator manualSeed(long seed) {
    this.seed = seed;
    this.offset = 0;
    return this;
  }

  public synchronized long seed() {
    return seed;
  }

  public synchronized long offset() {
    return offset;
  }

  public synchronized State state() {
    return new State(seed, offset);
  }

  public synchronized void setState(State state) {
    this.seed = state.seed();
    this.offset = state.offset();
  }

  /** Reserves {@code blocks} counter blocks and returns the state at which they start. */
  synchronized State reserve(long blocks) {
    if (blocks < 0) throw new IllegalArgumentException("reserve: negative block count " + blocks);
    State s = new State(seed, offset);
    offset += blocks;
    return s;
  }
}

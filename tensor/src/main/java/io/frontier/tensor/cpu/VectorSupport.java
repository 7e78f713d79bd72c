package io.frontier.tensor.cpu;

/**
 * Whether the Vector API ({@code jdk.incubator.vector}) may be used. Classes that import it are
 * only loaded after this says yes, so an application started without
 * {@code --add-modules jdk.incubator.vector} runs the scalar kernels and gets one log line.
 *
 * <p>The system property {@code frontier.vector=false} forces the scalar path (for comparisons).
 */
public final class VectorSupport {
  private static final String MODULE = "jdk.incubator.vector";
  private static final boolean DISABLED = "false".equalsIgnoreCase(System.getProperty("frontier.vector"));
  private static final boolean READABLE = ModuleLayer.boot().findModule(MODULE).isPresent();
  private static final boolean AVAILABLE = READABLE && !DISABLED;

  static {
    if (!AVAILABLE) {
      System.getLogger("io.frontier.tensor")
          .log(System.Logger.Level.INFO, "Frontier CPU kernels use the scalar path: " + reason());
    }
  }

  private VectorSupport() {}

  /** True when the Vector API kernels are in use. */
  public static boolean available() {
    return AVAILABLE;
  }

  /** One line on why the Vector API is not used, or a description of what is used. */
  public static String reason() {
    if (DISABLED) return "disabled by -Dfrontier.vector=false";
    if (!READABLE) return MODULE + " is not readable (start the JVM with --add-modules " + MODULE + ")";
    return "Vector API in use";
  }

  /** Bits of the preferred vector shape (512 on AVX-512), or 0 without the Vector API. */
  public static int preferredBits() {
    return AVAILABLE ? VectorShapes.preferredBits() : 0;
  }
}

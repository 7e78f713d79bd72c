package io.frontier.cuda;

/**
 * How an elementwise kernel of elementwise.cu walks its operands: the {@code mode} argument
 * (EW_STRIDED, EW_LINEAR, EW_VECTOR) and the {@code scalars} bit mask. Pure Java so that it is
 * tested without a GPU.
 *
 * <ul>
 *   <li>{@link #LINEAR}: the output is dense and every input is dense or a broadcast scalar (one
 *       element seen through stride 0, as the frontend passes {@code x.add(2.0)}'s operand); bit k
 *       of {@code scalars} marks input k as such a scalar.
 *   <li>{@link #VECTOR}: as {@link #LINEAR}, and every dense operand starts at an element offset
 *       that is a multiple of the vector width V, so each thread moves V elements per access.
 *       Storage blocks come from cuMemAlloc (256-byte aligned), and V elements of an operand are
 *       at most 16 bytes, so offset % V == 0 is the pointer alignment the kernel needs.
 *   <li>{@link #STRIDED}: anything else; every operand through its {@link StridedDesc}.
 * </ul>
 */
record ElementwiseLayout(int mode, int scalars) {
  static final int STRIDED = 0;
  static final int LINEAR = 1;
  static final int VECTOR = 2;

  /** Elements per vector access for kernels whose widest operand is {@code itemSize} bytes: 16 bytes of them. */
  static int vectorWidth(int itemSize) {
    return 16 / itemSize;
  }

  /**
   * @param width the vector width V of the kernel
   * @param outDesc the output's {@link StridedDesc}, {@code outOffset} its storage offset
   * @param inDescs the inputs' descriptors, in the kernel's order, {@code inOffsets} their offsets
   * @param scalarInputs whether the kernel takes a {@code scalars} mask (unary kernels do not:
   *     a broadcast input sends them down the strided path)
   */
  static ElementwiseLayout choose(int width, int[] outDesc, long outOffset, int[][] inDescs, long[] inOffsets,
      boolean scalarInputs) {
    if (!StridedDesc.isDense(outDesc)) return new ElementwiseLayout(STRIDED, 0);
    int scalars = 0;
    boolean aligned = outOffset % width == 0;
    for (int k = 0; k < inDescs.length; k++) {
      if (scalarInputs && isBroadcastScalar(inDescs[k])) {
        scalars |= 1 << k;
      } else if (StridedDesc.isDense(inDescs[k])) {
        aligned &= inOffsets[k] % width == 0;
      } else {
        return new ElementwiseLayout(STRIDED, 0);
      }
    }
    return new ElementwiseLayout(aligned ? VECTOR : LINEAR, scalars);
  }

  /** One element repeated: after merging, a single dimension of stride 0. */
  static boolean isBroadcastScalar(int[] desc) {
    return desc[0] == 1 && desc[1 + StridedDesc.MAX_DIMS] == 0;
  }

  /**
   * The launch over {@code n} elements: one thread per element, or per V elements when
   * vectorised, in blocks of {@link LaunchConfig#ELEMENTWISE_BLOCK}, at most as many blocks as the
   * device holds at once ({@code residentPerSm} per multiprocessor). The kernels loop grid-stride,
   * so with a full device every block gets the same share and none waits for a second wave.
   */
  LaunchConfig config(long n, int width, int residentPerSm, int multiprocessors) {
    long threads = mode == VECTOR ? LaunchConfig.ceilDiv(n, width) : n;
    long blocks = Math.max(1, LaunchConfig.ceilDiv(threads, LaunchConfig.ELEMENTWISE_BLOCK));
    long cap = (long) Math.max(1, residentPerSm) * Math.max(1, multiprocessors);
    return LaunchConfig.of1d((int) Math.min(blocks, cap), LaunchConfig.ELEMENTWISE_BLOCK);
  }
}

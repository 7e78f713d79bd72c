package io.frontier.cuda;

/**
 * How float32 matrix products may use the tensor cores, as {@code torch.set_float32_matmul_precision}.
 * The default is {@link #HIGHEST}: plain FP32 arithmetic, the precision the CPU backend has; the
 * system property {@code frontier.cuda.matmulPrecision} ({@link #parse}) sets another one for a
 * whole run, and {@link CudaBackend#setMatmulPrecision} changes it at any time.
 */
public enum MatmulPrecision {
  /** FP32 FMA on the CUDA cores ({@code "highest"}). */
  HIGHEST,
  /** TF32 tensor-core products (10-bit mantissa inputs), FP32 accumulation ({@code "high"}). */
  TF32,
  /** BF16 tensor-core products (8-bit mantissa inputs), FP32 accumulation ({@code "medium"}). */
  BF16,
  /**
   * Float32-accurate products on the TF32 tensor cores ("3xTF32", as CUTLASS's): each operand is
   * split into a TF32 high part and a TF32 low part ({@code x = hi + lo}), and the product sums
   * {@code a_hi b_hi + a_hi b_lo + a_lo b_hi} with FP32 accumulation. The dropped {@code a_lo b_lo}
   * and lo's rounding are below 2^-21 of each term (2^-20 where wgmma reads a high part in place,
   * truncated), so the error is about FP32 FMA's: the host emulation measures 0.7 to 2.7e-7 of
   * relative error where the SIMT kernel's is 0.7 to 3.1e-7 on the same products (at most 1.6
   * times it). At peak rates three TF32 products take less time than one FP32 product on the CUDA
   * cores (A100: 156 against 19.5 TFLOP/s; H100 SXM: 495 against 67). Products too small for the
   * packed tensor-core path run on the FP32 SIMT kernels, as {@link #HIGHEST}; through cuBLAS
   * ({@code frontier.cuda.gemm=cublas}) this precision runs as HIGHEST. Not IEEE FP32: the terms
   * are summed in another order, and a finite operand that rounds to infinity as TF32 (within half
   * a TF32 step of {@code Float.MAX_VALUE}) makes the product infinite.
   */
  TF32X3;

  /**
   * A precision by name, as the system property {@code frontier.cuda.matmulPrecision} gives it:
   * this enum's names in any case, or torch's {@code "highest"}, {@code "high"} (TF32) and
   * {@code "medium"} (BF16).
   *
   * @throws IllegalArgumentException naming the accepted values
   */
  public static MatmulPrecision parse(String name) {
    String v = name.trim().toLowerCase(java.util.Locale.ROOT);
    return switch (v) {
      case "highest" -> HIGHEST;
      case "high", "tf32" -> TF32;
      case "medium", "bf16" -> BF16;
      case "tf32x3" -> TF32X3;
      default -> throw new IllegalArgumentException(
          "frontier.cuda.matmulPrecision must be highest, high (tf32), medium (bf16) or tf32x3, got '" + name + "'");
    };
  }

  /** {@code frontier.cuda.matmulPrecision}, or {@link #HIGHEST} where it is unset. */
  static MatmulPrecision fromProperty() {
    String v = System.getProperty("frontier.cuda.matmulPrecision");
    return v == null ? HIGHEST : parse(v);
  }
}

package io.frontier.cuda;

/**
 * How float32 matrix products may use the tensor cores, as {@code torch.set_float32_matmul_precision}.
 * The default is {@link #HIGHEST}: plain FP32 arithmetic, the precision the CPU backend has.
 */
public enum MatmulPrecision {
  /** FP32 FMA on the CUDA cores ({@code "highest"}). */
  HIGHEST,
  /** TF32 tensor-core products (10-bit mantissa inputs), FP32 accumulation ({@code "high"}). */
  TF32,
  /** BF16 tensor-core products (8-bit mantissa inputs), FP32 accumulation ({@code "medium"}). */
  BF16
}

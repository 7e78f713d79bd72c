package io.frontier.cuda;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jcuda.driver.CUdeviceptr;
import org.junit.jupiter.api.Test;

/** KernelSignatures: the committed PTX parameter lists, and the check of a launch's Java arguments against them. */
class KernelSignaturesTest {
  private static final KernelSignatures SIGS = KernelSignatures.parse("""
      # a comment
      k_scalars u32 f32 u64 f64 u8
      k_struct b12 u64 @128 r40
      k_none r255
      """);

  @Test
  void argumentsThatFitPassAndEachMisfitIsNamed() {
    assertNull(SIGS.mismatch("k_scalars", new Object[] {1, 2f, 3L, 4.0, (byte) 5}));
    assertNull(SIGS.mismatch("k_scalars", new Object[] {1, 2f, new CUdeviceptr(), 4.0, (byte) 5}), "a pointer is a u64");
    assertNull(SIGS.mismatch("k_struct", new Object[] {new int[3], new CUdeviceptr()}));
    assertNull(SIGS.mismatch("k_none", new Object[0]));
    assertEquals("k_scalars: argument 1 is a Double where the kernel takes f32 (u32 f32 u64 f64 u8)",
        SIGS.mismatch("k_scalars", new Object[] {1, 2.0, 3L, 4.0, (byte) 5}));
    assertEquals("k_scalars: argument 2 is a Integer where the kernel takes u64 (u32 f32 u64 f64 u8)",
        SIGS.mismatch("k_scalars", new Object[] {1, 2f, 3, 4.0, (byte) 5}));
    assertEquals("k_struct: argument 0 is int[4] (b16) where the kernel takes b12 (b12 u64)",
        SIGS.mismatch("k_struct", new Object[] {new int[4], 0L}));
    assertEquals("k_struct takes 2 arguments (b12 u64), the launch passed 1 (int[3] (b12))", SIGS.mismatch("k_struct", new Object[] {new int[3]}));
    assertTrue(SIGS.mismatch("k_nope", new Object[0]).startsWith("kernel 'k_nope' has no signature"));
    assertTrue(SIGS.mismatch("k_scalars", new Object[] {null, 2f, 3L, 4.0, (byte) 5}).contains("argument 0 is null"));
  }

  /** A kernel's __launch_bounds__ (PTX .maxntid, "@N") cap its blocks; a kernel without them is not capped here. */
  @Test
  void blocksPastTheLaunchBoundsAreNamed() {
    assertNull(SIGS.tooManyThreads("k_struct", 128));
    assertEquals("k_struct: a block of 256 threads, where its __launch_bounds__ allow at most 128", SIGS.tooManyThreads("k_struct", 256));
    assertNull(SIGS.tooManyThreads("k_scalars", 1024));
    assertArrayEquals(new String[] {"b12", "u64"}, SIGS.of("k_struct"), "the bound is no parameter");
    assertThrows(IllegalArgumentException.class, () -> KernelSignatures.parse("k u32 @x"));
    assertThrows(IllegalArgumentException.class, () -> KernelSignatures.parse("k u32 rx"));
    // 255 registers round up to 256: 256 threads fill an SM's 65536, 257 do not fit
    assertNull(SIGS.tooManyRegisters("k_none", 256));
    assertNull(SIGS.tooManyThreads("k_none", 512), "no launch bounds");
    assertEquals("k_none: a block of 512 threads at 255 registers a thread needs 131072 registers, more than the 65536 of an SM",
        SIGS.tooManyRegisters("k_none", 512));
    assertArrayEquals(new String[0], SIGS.of("k_none"), "the register count is no parameter");
    // attention.cu's kernels are bounded at their 128 threads
    assertNull(KernelSignatures.committed().tooManyThreads("attn_fwd_f32_d64", 128));
    assertTrue(KernelSignatures.committed().tooManyThreads("attn_fwd_f32_d64", 256) != null);
  }

  @Test
  void malformedSignaturesAreRefused() {
    assertThrows(IllegalArgumentException.class, () -> KernelSignatures.parse("k u31"));
    assertThrows(IllegalArgumentException.class, () -> KernelSignatures.parse("k bx"));
    assertThrows(IllegalArgumentException.class, () -> KernelSignatures.parse("k u32\nk u32"));
    assertEquals(12, KernelSignatures.bytes("b12"));
    assertEquals(-1, KernelSignatures.bytes("b"));
  }

  /** The committed file (build-kernels.sh writes it from the PTX; KernelBuildTest checks it is current where nvcc is). */
  @Test
  void theCommittedSignaturesDescribeTheKernelsJavaLaunches() {
    KernelSignatures sigs = KernelSignatures.committed();
    assertTrue(sigs.kernels().size() > 200, sigs.kernels().size() + " kernels");
    // optimizer.cu's AdamList struct (AdamList.WORDS ints) and scalars
    String[] adam = sigs.of("fused_adamw_list_f32");
    assertEquals("b" + 4 * AdamList.WORDS, adam[0]);
    assertEquals(11, adam.length);
    assertEquals("b" + 4 * ZeroList.WORDS, sigs.of("zero_list")[0]);
    // attention.cu's View: three ints, as CudaAttention.view passes them
    assertArrayEquals(new String[] {"u32", "u32", "u32", "u32", "u32", "f32", "f32", "f32", "u64", "u64", "u64", "b12", "u64", "b12", "u64", "b12",
        "u64", "b12", "u64"}, sigs.of("attn_fwd_f32_d64"));
    assertTrue(sigs.kernels().contains("gemm_wg_tf32x3"), "the sm_90a module's kernels are listed too");
  }
}

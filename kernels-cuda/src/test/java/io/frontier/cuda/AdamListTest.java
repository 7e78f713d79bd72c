package io.frontier.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import jcuda.driver.CUdeviceptr;
import org.junit.jupiter.api.Test;

/**
 * AdamList's words against optimizer.cu's struct AdamList (pointers first, then n, vec, first and
 * count) and its block split, and DeviceAddress's reading of a CUdeviceptr, without a GPU.
 */
class AdamListTest {

  @Test
  void wordsFollowTheStructLayout() {
    assertEquals(266, AdamList.WORDS, "1064 bytes: 4 x 24 pointers, then 74 ints");
    List<AdamList.Entry> entries = List.of(
        new AdamList.Entry(0x1_0000_0010L, 0x2_0000_0020L, 0x3_0000_0030L, 0x4_0000_0040L, 1003, true, 253),
        new AdamList.Entry(0xABCD_0000_1234L, 8, 16, 24, 3, false, 3));
    AdamList.Packed packed = AdamList.pack(entries, 132);
    int[] w = packed.words();
    // the param pointer array starts at word 0; tensor 1's param address is words 2 and 3 (low, high)
    assertEquals(0x10, w[0]);
    assertEquals(0x1, w[1]);
    assertEquals(0x1234, w[2]);
    assertEquals(0xABCD, w[3]);
    // grads start after 24 pointers (word 48), exp_avg at 96, exp_avg_sq at 144
    assertEquals(0x20, w[48]);
    assertEquals(0x2, w[49]);
    assertEquals(0x30, w[96]);
    assertEquals(0x40, w[144]);
    assertEquals(24, w[144 + 2]);
    int nAt = 192, vecAt = 216, firstAt = 240, countAt = 265;
    assertEquals(1003, w[nAt]);
    assertEquals(3, w[nAt + 1]);
    assertEquals(1, w[vecAt]);
    assertEquals(0, w[vecAt + 1]);
    assertEquals(0, w[firstAt]);
    assertEquals(1, w[firstAt + 1], "253 threads take one 256-thread block");
    assertEquals(2, w[firstAt + 2]);
    assertEquals(2, w[countAt]);
    assertEquals(2, packed.blocks());
  }

  /** Each tensor takes the blocks a one-tensor launch would (capped at 8 a multiprocessor); the grid is their sum. */
  @Test
  void blocksAreTheOneTensorLaunchesSideBySide() {
    List<AdamList.Entry> entries = new ArrayList<>();
    long[] threads = {1, 256, 257, 10_000_000};
    for (long t : threads) entries.add(new AdamList.Entry(0, 0, 0, 0, (int) Math.min(t * 4, Integer.MAX_VALUE), true, t));
    AdamList.Packed packed = AdamList.pack(entries, 132);
    int firstAt = 240;
    assertEquals(0, packed.words()[firstAt]);
    assertEquals(1, packed.words()[firstAt + 1]);
    assertEquals(2, packed.words()[firstAt + 2]);
    assertEquals(4, packed.words()[firstAt + 3]);
    assertEquals(4 + 132 * 8, packed.words()[firstAt + 4]);
    assertEquals(4 + 132 * 8, packed.blocks());
  }

  @Test
  void listsOfNoneOrTooManyTensorsAreRefused() {
    assertThrows(IllegalArgumentException.class, () -> AdamList.pack(List.of(), 132));
    List<AdamList.Entry> many = new ArrayList<>();
    for (int i = 0; i < 25; i++) many.add(new AdamList.Entry(0, 0, 0, 0, 1, true, 1));
    assertThrows(IllegalArgumentException.class, () -> AdamList.pack(many, 132));
  }

  /** JCuda keeps a pointer as a native address plus a byte offset; an unallocated pointer is address 0. */
  @Test
  void deviceAddressAddsTheByteOffset() {
    CUdeviceptr base = new CUdeviceptr();
    assertEquals(0, DeviceAddress.of(base));
    assertEquals(40, DeviceAddress.of(base.withByteOffset(40)));
    assertEquals(48, DeviceAddress.of(base.withByteOffset(40).withByteOffset(8)));
  }
}

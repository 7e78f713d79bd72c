package io.frontier.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** ZeroList's words against copy.cu's struct ZeroList (addresses, word counts, first blocks, count) and its block split, without a GPU. */
class ZeroListTest {

  @Test
  void wordsFollowTheStructLayout() {
    assertEquals(162, ZeroList.WORDS, "648 bytes: 32 addresses, 32 word counts, 33 firsts, the count");
    ZeroList.Packed packed = ZeroList.pack(List.of(new ZeroList.Entry(0x7_0000_0100L, 5), new ZeroList.Entry(0x8_0000_0200L, 0x1_0000_0002L)), 132);
    int[] w = packed.words();
    assertEquals(0x100, w[0]);
    assertEquals(0x7, w[1]);
    assertEquals(0x200, w[2]);
    assertEquals(0x8, w[3]);
    assertEquals(5, w[64], "word counts start after 32 addresses");
    assertEquals(0, w[65]);
    assertEquals(2, w[66]);
    assertEquals(1, w[67], "a count past 2^32 keeps its high half");
    int firstAt = 128;
    assertEquals(0, w[firstAt]);
    assertEquals(1, w[firstAt + 1], "5 words: one block");
    assertEquals(1 + 132 * 8, w[firstAt + 2], "a huge buffer: the grid-stride cap");
    assertEquals(2, w[161]);
    assertEquals(1 + 132 * 8, packed.blocks());
  }

  @Test
  void listsOfNoneOrTooManyBuffersAreRefused() {
    assertThrows(IllegalArgumentException.class, () -> ZeroList.pack(List.of(), 132));
    List<ZeroList.Entry> many = new ArrayList<>();
    for (int i = 0; i < 33; i++) many.add(new ZeroList.Entry(0, 1));
    assertThrows(IllegalArgumentException.class, () -> ZeroList.pack(many, 132));
  }
}

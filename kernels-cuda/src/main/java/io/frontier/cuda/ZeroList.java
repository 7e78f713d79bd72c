package io.frontier.cuda;

import java.util.List;

/**
 * The by-value argument of copy.cu's {@code zero_list} (C struct {@code ZeroList}): up to
 * {@value #MAX} buffers' addresses and lengths in 4-byte words, and the first block of each, as the
 * int words the launcher passes (64-bit values as low then high half). Each buffer gets the blocks a
 * grid-stride launch over its 16-byte packs would take ({@link LaunchConfig#elementwise}). Pure
 * arithmetic, tested without a GPU (ZeroListTest).
 */
final class ZeroList {
  /** Buffers a launch takes (FRONTIER_ZERO_LIST). */
  static final int MAX = 32;
  /** Struct words: MAX addresses and MAX word counts of two words each, first[MAX + 1], count. */
  static final int WORDS = 2 * MAX + 2 * MAX + (MAX + 1) + 1;

  private ZeroList() {}

  /** A buffer's address and its length in 4-byte words. */
  record Entry(long address, long words) {}

  /** The struct's words and the launch's block count. */
  record Packed(int[] words, int blocks) {}

  static Packed pack(List<Entry> entries, int multiprocessors) {
    if (entries.isEmpty() || entries.size() > MAX) throw new IllegalArgumentException("ZeroList takes 1 to " + MAX + " buffers, got " + entries.size());
    int[] w = new int[WORDS];
    int lengthsAt = 2 * MAX, firstAt = 4 * MAX, countAt = firstAt + MAX + 1;
    long first = 0;
    for (int t = 0; t < entries.size(); t++) {
      Entry e = entries.get(t);
      w[2 * t] = (int) e.address();
      w[2 * t + 1] = (int) (e.address() >>> 32);
      w[lengthsAt + 2 * t] = (int) e.words();
      w[lengthsAt + 2 * t + 1] = (int) (e.words() >>> 32);
      w[firstAt + t] = (int) first;
      first += LaunchConfig.elementwise((e.words() + 3) / 4 + 3, multiprocessors).gridX();
    }
    if (first > Integer.MAX_VALUE) throw new IllegalArgumentException("ZeroList: " + first + " blocks");
    w[firstAt + entries.size()] = (int) first;
    w[countAt] = entries.size();
    return new Packed(w, (int) first);
  }
}

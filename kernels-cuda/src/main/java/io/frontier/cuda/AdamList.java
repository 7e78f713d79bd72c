package io.frontier.cuda;

import java.util.List;

/**
 * The by-value argument of optimizer.cu's {@code fused_adamw_list_*} (C struct {@code AdamList<T>}):
 * up to {@value #MAX} tensors' parameter, gradient and moment addresses, sizes, 16-byte flags and
 * the first block of each, as the int words the launcher passes (each 64-bit address as its low
 * then high half, little-endian as the GPU reads it). Tensor t gets blocks as a one-tensor launch
 * over its threads would ({@link LaunchConfig#elementwise}), so a list launch is the one-tensor
 * launches laid side by side. Pure arithmetic, tested without a GPU (AdamListTest).
 */
final class AdamList {
  /** Tensors a launch takes (FRONTIER_ADAM_LIST). */
  static final int MAX = 24;
  /** Struct words: 4 x MAX addresses of two words, n[MAX], vec[MAX], first[MAX + 1], count. */
  static final int WORDS = 4 * MAX * 2 + MAX + MAX + (MAX + 1) + 1;

  private AdamList() {}

  /** One tensor's addresses (param, grad, exp_avg, exp_avg_sq), element count, and whether all four are 16-byte aligned. */
  record Entry(long p, long g, long m, long v, int n, boolean vec, long threads) {}

  /** The struct's words and the launch's block count. */
  record Packed(int[] words, int blocks) {}

  static Packed pack(List<Entry> entries, int multiprocessors) {
    if (entries.isEmpty() || entries.size() > MAX) throw new IllegalArgumentException("AdamList takes 1 to " + MAX + " tensors, got " + entries.size());
    int[] w = new int[WORDS];
    int nAt = 8 * MAX, vecAt = nAt + MAX, firstAt = vecAt + MAX, countAt = firstAt + MAX + 1;
    long first = 0;
    for (int t = 0; t < entries.size(); t++) {
      Entry e = entries.get(t);
      long[] addresses = {e.p(), e.g(), e.m(), e.v()};
      for (int a = 0; a < 4; a++) {
        w[2 * (a * MAX + t)] = (int) addresses[a];
        w[2 * (a * MAX + t) + 1] = (int) (addresses[a] >>> 32);
      }
      w[nAt + t] = e.n();
      w[vecAt + t] = e.vec() ? 1 : 0;
      w[firstAt + t] = (int) first;
      first += LaunchConfig.elementwise(e.threads(), multiprocessors).gridX();
    }
    if (first > Integer.MAX_VALUE) throw new IllegalArgumentException("AdamList: " + first + " blocks");
    w[firstAt + entries.size()] = (int) first;
    w[countAt] = entries.size();
    return new Packed(w, (int) first);
  }
}

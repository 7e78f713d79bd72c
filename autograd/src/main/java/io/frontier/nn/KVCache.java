package io.frontier.nn;

import io.frontier.tensor.MemoryScope;
import io.frontier.tensor.Tensor;
import java.util.List;

/**
 * The keys and values that each attention layer of a {@link GPT} has computed for the positions
 * seen so far, so that a decoding step runs the blocks on the new token alone. One {@link Entry}
 * per block; each holds {@code (B, heads, length, headWidth)} tensors that grow by concatenation.
 */
public final class KVCache {
  /** One attention layer's cached keys and values (null before the first call). */
  public static final class Entry {
    private Tensor keys;
    private Tensor values;

    /** Positions cached so far. */
    public int length() {
      return keys == null ? 0 : keys.size(2);
    }

    /** Appends the new positions' keys and values (B, H, T, D) and returns all of them, past first. */
    Tensor[] append(Tensor k, Tensor v) {
      keys = keys == null ? k : Tensor.cat(List.of(keys, k), 2);
      values = values == null ? v : Tensor.cat(List.of(values, v), 2);
      // the cache outlives the MemoryScope of the decoding step that grew it
      MemoryScope.keep(keys);
      MemoryScope.keep(values);
      return new Tensor[] {keys, values};
    }
  }

  private final Entry[] entries;

  public KVCache(int layers) {
    entries = new Entry[layers];
    for (int i = 0; i < layers; i++) entries[i] = new Entry();
  }

  public Entry layer(int i) {
    return entries[i];
  }

  public int layers() {
    return entries.length;
  }

  /** Positions cached so far (the same in every layer between calls). */
  public int length() {
    return entries[0].length();
  }
}

package io.frontier.tensor;

/**
 * PyTorch's type promotion ({@code torch.result_type}). Operands rank in three tiers: tensors with
 * at least one dimension, 0-d tensors, and wrapped Java scalars. Within the highest category
 * (bool &lt; integral &lt; floating) present, the dtype comes from the highest tier that has that
 * category, so {@code float32 tensor + float64 0-d tensor} stays float32, {@code int64 tensor + 2.5}
 * is float32 (the default float), and {@code int64 0-d + float32 tensor} is float32.
 */
final class TypePromotion {
  private TypePromotion() {}

  /** The dtype of {@code a op b} before any op-specific rule (true division, comparisons). */
  static DType resultType(Tensor a, Tensor b) {
    int tierA = tier(a);
    int tierB = tier(b);
    DType da = a.dtype();
    DType db = b.dtype();
    int cat = Math.max(da.category(), db.category());
    DType best = null;
    int bestTier = -1;
    for (int i = 0; i < 2; i++) {
      DType d = i == 0 ? da : db;
      int t = i == 0 ? tierA : tierB;
      if (d.category() != cat) continue;
      if (t > bestTier) {
        best = d;
        bestTier = t;
      } else if (t == bestTier) {
        best = DType.promote(best, d);
      }
    }
    if (bestTier == 0) {
      // only wrapped scalars carry the winning category: use that category's default type
      return cat == 2 ? DType.defaultFloat() : cat == 1 ? DType.INT64 : DType.BOOL;
    }
    return best;
  }

  /** 2 for dimensioned tensors, 1 for 0-d tensors, 0 for wrapped Java scalars. */
  private static int tier(Tensor t) {
    if (t.isWrappedScalar()) return 0;
    return t.dim() == 0 ? 1 : 2;
  }
}

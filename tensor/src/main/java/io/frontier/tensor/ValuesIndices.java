package io.frontier.tensor;

/**
 * The (values, indices) pair that {@code max(dim)}, {@code min(dim)}, {@code sort} and
 * {@code topk} return, as PyTorch's named tuples. Indices are int64.
 */
public record ValuesIndices(Tensor values, Tensor indices) {}

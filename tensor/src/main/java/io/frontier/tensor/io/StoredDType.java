package io.frontier.tensor.io;

import io.frontier.tensor.DType;

/**
 * The element types a safetensors header may name, with their byte size and the Frontier dtype
 * each loads as. Every type whose elements fill whole bytes is listed, so that a header naming
 * {@code U64} or {@code F8_E4M3} still validates and {@link Safetensors#readHeader} can describe it;
 * only those with a {@link #loadsAs} can become tensors. The sub-byte types ({@code F4},
 * {@code F6_*}) are refused outright: their ranges are not whole bytes per element.
 */
enum StoredDType {
  BOOL(1, DType.BOOL),
  U8(1, DType.INT64),
  I8(1, DType.INT64),
  F8_E5M2(1, null),
  F8_E4M3(1, null),
  F8_E8M0(1, null),
  I16(2, DType.INT64),
  U16(2, DType.INT64),
  F16(2, DType.FLOAT32),
  BF16(2, DType.FLOAT32),
  I32(4, DType.INT64),
  U32(4, DType.INT64),
  F32(4, DType.FLOAT32),
  C64(8, null),
  F64(8, DType.FLOAT64),
  I64(8, DType.INT64),
  // int64 cannot hold values at or above 2^63, and a silent wrap would corrupt them.
  U64(8, null);

  final int itemSize;
  /** The Frontier dtype the values widen to exactly, or null when Frontier has none. */
  final DType loadsAs;

  StoredDType(int itemSize, DType loadsAs) {
    this.itemSize = itemSize;
    this.loadsAs = loadsAs;
  }

  /** The stored type named {@code name}, or null when safetensors has no byte-sized type of that name. */
  static StoredDType byName(String name) {
    for (StoredDType t : values()) if (t.name().equals(name)) return t;
    return null;
  }

  /** How Frontier writes {@code dtype}: each maps to the safetensors type of the same width. */
  static StoredDType of(DType dtype) {
    return valueOf(dtype.safetensorsName());
  }

  /** The names of the types Frontier can load, for error messages. */
  static String loadableNames() {
    StringBuilder s = new StringBuilder();
    for (StoredDType t : values()) {
      if (t.loadsAs != null) s.append(s.length() == 0 ? "" : ", ").append(t.name());
    }
    return s.toString();
  }
}

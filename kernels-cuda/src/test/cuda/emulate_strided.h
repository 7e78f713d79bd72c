// Strided descriptors (common.cuh) for the emulation drivers: the views they hand the kernels.
#pragma once
#include "common.cuh"

namespace emu_strided {

// `count` items (rows) at element offsets i * stride: one dim.
inline Strided rows(int count, int stride) {
  Strided s{};
  s.ndim = 1;
  s.size[0] = count;
  s.stride[0] = stride;
  return s;
}

// A (rows, cols) view, element (r, c) at r * rowStride + c * colStride.
inline Strided dims(int rows, int cols, int rowStride, int colStride) {
  Strided s{};
  s.ndim = 2;
  s.size[0] = rows;
  s.size[1] = cols;
  s.stride[0] = rowStride;
  s.stride[1] = colStride;
  return s;
}

}  // namespace emu_strided

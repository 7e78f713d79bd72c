// Philox4x32-10 blocks of the stream io.frontier.tensor.Generator describes (the CPU reference is
// io.frontier.tensor.backend.Philox), and the uniform values made from their words: shared by
// random.cu's fills and attention.cu's dropout, so both draw what Tensor.rand draws.
#pragma once

namespace frontier_philox {

struct Words {
  unsigned int w[4];
};

// philox4x32_10(counter = (lo32(b), hi32(b), 0, 0), key = (lo32(seed), hi32(seed))).
__device__ __forceinline__ Words philox_block(unsigned long long seed, unsigned long long b) {
  const unsigned int M0 = 0xD2511F53u, M1 = 0xCD9E8D57u, W0 = 0x9E3779B9u, W1 = 0xBB67AE85u;
  unsigned int c0 = (unsigned int)b, c1 = (unsigned int)(b >> 32), c2 = 0, c3 = 0;
  unsigned int k0 = (unsigned int)seed, k1 = (unsigned int)(seed >> 32);
#pragma unroll
  for (int round = 0; round < 10; ++round) {
    if (round > 0) {
      k0 += W0;
      k1 += W1;
    }
    unsigned int hi0 = __umulhi(M0, c0), lo0 = M0 * c0;
    unsigned int hi1 = __umulhi(M1, c2), lo1 = M1 * c2;
    unsigned int n0 = hi1 ^ c1 ^ k0;
    unsigned int n2 = hi0 ^ c3 ^ k1;
    c0 = n0;
    c1 = lo1;
    c2 = n2;
    c3 = lo0;
  }
  Words r;
  r.w[0] = c0;
  r.w[1] = c1;
  r.w[2] = c2;
  r.w[3] = c3;
  return r;
}

// Philox.uniformFloat: [0, 1) from the top 24 bits.
__device__ __forceinline__ float uniform_float(unsigned int w) { return (float)(w >> 8) * 0x1.0p-24f; }
// Philox.uniformDouble: 53 bits, all of hi and the top 21 of lo.
__device__ __forceinline__ unsigned long long bits53(unsigned int hi, unsigned int lo) {
  return ((unsigned long long)hi << 21) | (unsigned long long)(lo >> 11);
}
__device__ __forceinline__ double uniform_double(unsigned int hi, unsigned int lo) { return (double)bits53(hi, lo) * 0x1.0p-53; }

}  // namespace frontier_philox

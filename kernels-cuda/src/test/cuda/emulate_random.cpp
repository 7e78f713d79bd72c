// Runs random.cu's Philox fills (random_f32, random_f64: uniform and normal) on the CPU through
// emulation.h, over a grid-stride launch (2 blocks of 64 threads, fewer than the Philox blocks)
// with odd lengths, unaligned outputs and offsets past 2^32 blocks. It prints every value's bits;
// HostEmulationTest compares them with the CPU backend's stream (RandomKernels) for the same seed
// and offset, the check RandomParityTest makes on a GPU. Uniform values must match bit for bit;
// normal ones use the host's log/sqrt where the GPU uses CUDA's (both within an ulp of Java's), so
// they agree after rounding up to an ulp (float32) or a few ulp (float64).
//
// Output: one line per case, "values <f32|f64> <uniform|normal> <seed> <offset> <n> <hex bits...>",
// and "ok" lines with "PASS: 0 failure(s)" when every element was written.
#define FRONTIER_HOST_EMULATION
#include "emulation.h"
#include "emulate_report.h"

#include <string>
#include <vector>

#include "random.cu"

namespace {

using emu_report::report;

struct Case {
  bool f64, normal;
  unsigned long long seed, offset;
  int n;
  bool aligned;  // 16-byte aligned output: full Philox blocks go out as one vector store
};

template <typename T>
void run(const Case& c) {
  // one spare element in front: an unaligned case writes from element 1
  std::vector<T> buf(c.n + 4, T(0));
  T* out = c.aligned ? buf.data() : buf.data() + 1;
  // poison: every element must be written
  for (int i = 0; i < c.n; ++i) std::memset(&out[i], 0xff, sizeof(T));
  emu::launch(2, 1, 64, 0, [&] {
    if constexpr (sizeof(T) == 4) {
      random_f32(c.n, reinterpret_cast<float*>(out), c.seed, c.offset, c.normal, c.aligned);
    } else {
      random_f64(c.n, reinterpret_cast<double*>(out), c.seed, c.offset, c.normal, c.aligned);
    }
  });
  std::string line = std::string("values ") + (c.f64 ? "f64 " : "f32 ") + (c.normal ? "normal " : "uniform ") + std::to_string(c.seed) +
                     " " + std::to_string(c.offset) + " " + std::to_string(c.n);
  bool written = true;
  for (int i = 0; i < c.n; ++i) {
    unsigned long long bits = 0;
    std::memcpy(&bits, &out[i], sizeof(T));
    written = written && bits != (sizeof(T) == 4 ? 0xffffffffull : ~0ull);
    char hex[20];
    std::snprintf(hex, sizeof hex, " %llx", bits);
    line += hex;
  }
  std::printf("%s\n", line.c_str());
  report(std::string("written ") + (c.f64 ? "f64 " : "f32 ") + (c.normal ? "normal" : "uniform") + " n " + std::to_string(c.n) +
             (c.aligned ? " aligned" : " unaligned"),
         written, written ? "" : "an element was not written");
}

}  // namespace

int main() {
  const Case cases[] = {
      {false, false, 42, 0, 1001, true},       {false, false, 42, 0, 1001, false},
      {false, true, 7, 3, 999, true},          {false, true, 7, 3, 998, false},
      {true, false, 1234567890123ULL, 5, 777, true}, {true, false, 1234567890123ULL, 5, 776, false},
      {true, true, 99, 0, 501, true},          {true, true, 99, (1ULL << 32) + 17, 500, false},
      {false, false, 0xFFFFFFFFFFFFFFFFULL, (1ULL << 40) + 3, 333, true},
  };
  for (const Case& c : cases) {
    if (c.f64) run<double>(c); else run<float>(c);
  }
  return emu_report::finish();
}

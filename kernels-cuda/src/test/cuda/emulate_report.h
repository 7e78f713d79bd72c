// One line per case for the emulation drivers (emulate_*.cpp): "ok   name: detail" or
// "FAIL name: detail", and the closing "PASS: 0 failure(s)" that HostEmulationTest looks for.
#pragma once
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>

namespace emu_report {

inline int failures = 0;

inline void report(const std::string& name, bool ok, const std::string& detail) {
  std::printf("%s %s%s%s\n", ok ? "ok  " : "FAIL", name.c_str(), detail.empty() ? "" : ": ", detail.c_str());
  std::fflush(stdout);
  if (!ok) ++failures;
}

inline std::string sci(double x) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.2e", x);
  return buf;
}

// |got - want| / max(1, |want|); NaN and infinite wants must be matched exactly, and a NaN where a
// number is wanted (an unwritten, NaN-poisoned element) is an infinite error: std::max, which the
// drivers fold errors with, would drop a NaN.
inline double rel(double got, double want) {
  if (std::isnan(want)) return std::isnan(got) ? 0 : INFINITY;
  if (std::isnan(got)) return INFINITY;
  if (std::isinf(want)) return got == want ? 0 : INFINITY;
  return std::fabs(got - want) / std::max(1.0, std::fabs(want));
}

// Prints the summary line; the driver's exit status.
inline int finish() {
  std::printf("%s: %d failure(s)\n", failures == 0 ? "PASS" : "FAIL", failures);
  return failures == 0 ? 0 : 1;
}

}  // namespace emu_report

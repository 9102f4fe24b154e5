#pragma once
// Parallel loops over agents with results that do not depend on the thread count.
#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>

#include <algorithm>
#include <cstddef>
#include <vector>

namespace clustersim::sim {

/// Agents per task: large enough to amortise scheduling, small enough to balance.
inline constexpr std::size_t kSlotGrain = 2048;

/// Calls body(begin, end) on disjoint slot ranges covering [0, n), in parallel.
template <class Body>
void for_slot_ranges(std::size_t n, Body&& body) {
  tbb::parallel_for(tbb::blocked_range<std::size_t>(0, n, kSlotGrain),
                    [&](const tbb::blocked_range<std::size_t>& r) { body(r.begin(), r.end()); });
}

/// Deterministic parallel accumulation into a small table (e.g. per region and
/// column). Slots are cut into fixed blocks; each block accumulates its own
/// partial table in parallel, then the partials are added in block order. The
/// floating-point result is therefore the same for any number of threads.
/// add(slot, double* table) adds slot's contribution into table[0..width).
template <class Add>
std::vector<double> deterministic_accumulate(std::size_t n, std::size_t width, Add&& add) {
  constexpr std::size_t kBlock = 4096;
  const std::size_t blocks = (n + kBlock - 1) / kBlock;
  std::vector<double> partial(blocks * width, 0.0);
  tbb::parallel_for(tbb::blocked_range<std::size_t>(0, blocks, 1),
                    [&](const tbb::blocked_range<std::size_t>& r) {
                      for (std::size_t b = r.begin(); b < r.end(); ++b) {
                        double* table = partial.data() + b * width;
                        const std::size_t end = std::min(n, (b + 1) * kBlock);
                        for (std::size_t s = b * kBlock; s < end; ++s) add(s, table);
                      }
                    });
  std::vector<double> total(width, 0.0);
  for (std::size_t b = 0; b < blocks; ++b) {
    for (std::size_t i = 0; i < width; ++i) total[i] += partial[b * width + i];
  }
  return total;
}

}  // namespace clustersim::sim

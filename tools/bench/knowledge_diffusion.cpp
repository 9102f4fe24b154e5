#include "tools/bench/knowledge_diffusion.hpp"

#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>

#include <algorithm>
#include <cstdint>
#include <stdexcept>

#if defined(__SSE2__)
#include <immintrin.h>
#endif

namespace clustersim::bench {

using sim::Network;
using sim::philox_words;
using sim::Purpose;
using sim::scale_to_range;

namespace {

// Smallest agent range per task: a multiple of 4 and large enough to amortise
// scheduling (TBB's auto partitioner makes ranges larger where that balances).
constexpr std::size_t kAgentBlock = 1024;
// How many agents ahead pass two prefetches a partner's vector: enough to cover
// a DRAM miss (~100 ns) at a few ns per agent, few enough to stay in L1.
constexpr std::size_t kPrefetchDistance = 16;

/// Calls body(begin, end) on disjoint agent ranges covering [0, n) whose bounds
/// are multiples of 4 (one Philox call serves four agents). Every agent's result
/// depends only on its own inputs, so how TBB splits the range cannot change the
/// output; the grain only trades scheduling cost against balance.
template <class Body>
void for_agent_blocks(std::size_t n, Body&& body) {
  const std::size_t groups = (n + 3) / 4;
  tbb::parallel_for(tbb::blocked_range<std::size_t>(0, groups, kAgentBlock / 4),
                    [&](const tbb::blocked_range<std::size_t>& r) {
                      body(r.begin() * 4, std::min(n, r.end() * 4));
                    });
}

inline std::uint32_t pick_one(const std::uint32_t* rows, const std::uint32_t* cols,
                              std::uint32_t agent, std::uint32_t word) {
  const std::uint32_t begin = rows[agent];
  const std::uint32_t degree = rows[agent + 1] - begin;
  // Branch-free isolated case: degree 0 scales every word to 0 and the agent
  // partners itself, which leaves its knowledge unchanged in pass two.
  return degree == 0 ? agent : cols[begin + scale_to_range(word, degree)];
}

inline float step(float mine, float theirs, float rate) {
  const float gap = theirs - mine;
  return mine + rate * (gap > 0.0f ? gap : 0.0f);  // maxps(gap, 0), also for NaN
}

// Above this size of one knowledge buffer the next tick's vectors cannot stay in a
// typical last-level cache anyway, so pass two writes them with non-temporal
// stores: that saves the read-for-ownership of every destination line (a fifth of
// the kernel's memory traffic). Below it, plain stores keep them cached.
constexpr std::size_t kStreamingBytes = std::size_t{16} << 20;

/// One agent's update for the benchmark's 8 fields. With SSE (every x86-64) it is
/// four vector instructions per half; maxps(gap, 0) returns gap > 0 ? gap : 0,
/// exactly what step() computes, so both paths give the same bits. Written out
/// because GCC keeps the scalar loop's select as an unpredictable branch.
template <bool Stream>
inline void update8(const float* mine, const float* theirs, float* out, float rate) {
#if defined(__SSE2__)
  const __m128 r = _mm_set1_ps(rate);
  const __m128 zero = _mm_setzero_ps();
  const __m128 m0 = _mm_loadu_ps(mine), m1 = _mm_loadu_ps(mine + 4);
  const __m128 g0 = _mm_max_ps(_mm_sub_ps(_mm_loadu_ps(theirs), m0), zero);
  const __m128 g1 = _mm_max_ps(_mm_sub_ps(_mm_loadu_ps(theirs + 4), m1), zero);
  if constexpr (Stream) {  // out is 16-byte aligned (checked by the caller)
    _mm_stream_ps(out, _mm_add_ps(m0, _mm_mul_ps(r, g0)));
    _mm_stream_ps(out + 4, _mm_add_ps(m1, _mm_mul_ps(r, g1)));
  } else {
    _mm_storeu_ps(out, _mm_add_ps(m0, _mm_mul_ps(r, g0)));
    _mm_storeu_ps(out + 4, _mm_add_ps(m1, _mm_mul_ps(r, g1)));
  }
#else
  for (std::size_t f = 0; f < 8; ++f) out[f] = step(mine[f], theirs[f], rate);
#endif
}

/// Pass two over [begin, end) for 8 fields, the hot case.
template <bool Stream>
void diffuse_range8(const float* __restrict cur, float* __restrict next,
                    const std::uint32_t* __restrict partners, std::size_t begin, std::size_t end,
                    std::size_t n, float rate) {
  constexpr std::size_t F = 8;
  // Split so the hot loop carries no prefetch bound check.
  const std::size_t safe_end = std::min(end, n > kPrefetchDistance ? n - kPrefetchDistance : 0);
  std::size_t a = begin;
  for (; a < safe_end; ++a) {
    __builtin_prefetch(cur + static_cast<std::size_t>(partners[a + kPrefetchDistance]) * F, 0, 3);
    update8<Stream>(cur + a * F, cur + static_cast<std::size_t>(partners[a]) * F, next + a * F,
                    rate);
  }
  for (; a < end; ++a) {
    update8<Stream>(cur + a * F, cur + static_cast<std::size_t>(partners[a]) * F, next + a * F,
                    rate);
  }
#if defined(__SSE2__)
  // Non-temporal stores are weakly ordered: fence before the task ends so that
  // whoever reads next after the parallel loop sees them.
  if constexpr (Stream) _mm_sfence();
#endif
}

void diffuse_range_any(const float* __restrict cur, float* __restrict next,
                       const std::uint32_t* __restrict partners, std::size_t begin, std::size_t end,
                       std::size_t n, std::size_t fields, float rate) {
  const std::size_t prefetch_end = n > kPrefetchDistance ? n - kPrefetchDistance : 0;
  for (std::size_t a = begin; a < end; ++a) {
    if (a < prefetch_end) {
      __builtin_prefetch(cur + static_cast<std::size_t>(partners[a + kPrefetchDistance]) * fields,
                         0, 3);
    }
    const float* mine = cur + a * fields;
    const float* theirs = cur + static_cast<std::size_t>(partners[a]) * fields;
    float* out = next + a * fields;
    for (std::size_t f = 0; f < fields; ++f) out[f] = step(mine[f], theirs[f], rate);
  }
}

}  // namespace

void pick_random_partners(const Network& network, std::uint64_t seed, std::uint32_t tick,
                          Purpose purpose, std::span<std::uint32_t> partners) {
  const std::size_t n = network.vertex_count();
  if (partners.size() != n) {
    throw std::invalid_argument("pick_random_partners: partners has the wrong size");
  }
  const std::uint32_t* rows = network.row_starts().data();
  const std::uint32_t* cols = network.targets().data();
  std::uint32_t* out = partners.data();
  for_agent_blocks(n, [&](std::size_t begin, std::size_t end) {
    // Blocks start at multiples of 4, so each Philox call serves one whole group.
    for (std::size_t g = begin; g < end; g += 4) {
      const auto words = philox_words(seed, tick, static_cast<std::uint32_t>(g / 4), purpose);
      const std::size_t group_end = std::min(end, g + 4);
      for (std::size_t a = g; a < group_end; ++a) {
        out[a] = pick_one(rows, cols, static_cast<std::uint32_t>(a), words[a - g]);
      }
    }
  });
}

void diffuse_toward_partners(std::span<const float> cur, std::span<float> next,
                             std::span<const std::uint32_t> partners, std::size_t fields,
                             float rate) {
  const std::size_t n = partners.size();
  if (cur.size() != n * fields || next.size() != n * fields) {
    throw std::invalid_argument("diffuse_toward_partners: knowledge buffers have the wrong size");
  }
  const float* c = cur.data();
  float* x = next.data();
  const std::uint32_t* p = partners.data();
#if defined(__SSE2__)
  const bool stream = cur.size_bytes() >= kStreamingBytes &&
                      reinterpret_cast<std::uintptr_t>(x) % alignof(__m128) == 0;
#else
  const bool stream = false;
#endif
  for_agent_blocks(n, [&](std::size_t begin, std::size_t end) {
    if (fields == kDiffusionFields) {
      if (stream) {
        diffuse_range8<true>(c, x, p, begin, end, n, rate);
      } else {
        diffuse_range8<false>(c, x, p, begin, end, n, rate);
      }
    } else {
      diffuse_range_any(c, x, p, begin, end, n, fields, rate);
    }
  });
}

void knowledge_diffusion_tick(const Network& network, std::span<const float> cur,
                              std::span<float> next, std::span<std::uint32_t> partners,
                              std::size_t fields, float rate, std::uint64_t seed,
                              std::uint32_t tick, Purpose purpose) {
  pick_random_partners(network, seed, tick, purpose, partners);
  diffuse_toward_partners(cur, next, partners, fields, rate);
}

}  // namespace clustersim::bench

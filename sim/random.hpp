#pragma once
// Counter-based random streams.
//
// Every draw in the simulation comes from a Philox4x32-10 stream whose key is the
// run's seed and whose counter is (tick, agent, purpose, draw). A stream is a cheap
// value created where it is used; nothing is shared between threads, so results do
// not depend on how TBB schedules work, and any single draw can be reproduced.
#include <Random123/philox.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <limits>

namespace clustersim::sim {

/// What a draw is for. Two purposes never share a stream, so adding draws for one
/// mechanism never shifts the numbers another mechanism sees.
enum class Purpose : std::uint32_t {
  Initialisation = 1,
  KnowledgeCreation,
  PartnerChoice,
  LinkFormation,
  LinkDissolution,
  Innovation,
  Production,
  Entry,
  Exit,
  Relocation,
  Policy,
  Benchmark,
  CivilSociety,
  InitialNetwork,
  Test = 0xFFFF,
};

/// Stream "agent" keys for entities that are not agents (regions, the whole run),
/// kept far above any agent id so the two never collide.
inline constexpr std::uint32_t kRegionStreamBase = 0xF000'0000u;
inline constexpr std::uint32_t kGlobalStream = 0xFFFF'FFFFu;

/// SplitMix64's finaliser: a bijection of 64-bit words that spreads every
/// input bit over the output.
constexpr std::uint64_t mix64(std::uint64_t x) {
  x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ull;
  x = (x ^ (x >> 27)) * 0x94D049BB133111EBull;
  return x ^ (x >> 31);
}

/// The stream key of an agent born at `tick` from the birth with `order_key`
/// (changes.hpp). It depends on nothing but that birth, so paired runs that
/// differ somewhere else (a policy in another region) give this newborn the
/// same draws, where a key from its id would shift with every birth before it
/// anywhere (common random numbers across regions). The top bit is set: no
/// newborn shares a key with an initial agent (key = id), a region or the run.
/// Two newborns of one run share a key with probability about n^2 / 2^64.
constexpr std::uint64_t birth_stream_key(std::uint32_t tick, std::uint64_t order_key) {
  return (mix64(order_key ^ mix64(0x5EED'0000'0000ull + tick)) | (1ull << 63));
}

/// A uniform double in [0, 1) from the top 53 bits of a 64-bit word.
inline double to_unit_double(std::uint64_t bits) {
  return static_cast<double>(bits >> 11) * 0x1.0p-53;
}

/// Maps a 32-bit word to [0, n) by multiply-shift (Lemire). The bias is below
/// n / 2^32, far under anything a model run could detect.
inline std::uint32_t scale_to_range(std::uint32_t word, std::uint32_t n) {
  return static_cast<std::uint32_t>((static_cast<std::uint64_t>(word) * n) >> 32);
}

/// One independent stream keyed by (seed, tick, agent, purpose). The agent key
/// is 64 bits: its low word goes into the counter, its high word is folded into
/// the Philox key (0 for ids, region and global keys, which so keep the
/// streams they always had). Distinct keys give distinct (key, counter) pairs
/// within a run, and Philox gives independent streams for any distinct pairs.
class RandomStream {
 public:
  RandomStream(std::uint64_t seed, std::uint32_t tick, std::uint64_t agent, Purpose purpose)
      : key_{{static_cast<std::uint32_t>(seed) ^ static_cast<std::uint32_t>(agent >> 32),
              static_cast<std::uint32_t>(seed >> 32)}},
        counter_{
            {tick, static_cast<std::uint32_t>(agent), static_cast<std::uint32_t>(purpose), 0}} {}

  std::uint32_t next_u32() {
    if (used_ == 4) refill();
    return block_[used_++];
  }
  std::uint64_t next_u64() {
    const std::uint64_t hi = next_u32();
    return (hi << 32) | next_u32();
  }
  /// Uniform in [0, 1).
  double uniform() { return to_unit_double(next_u64()); }
  /// Uniform in [lo, hi).
  double uniform(double lo, double hi) { return lo + (hi - lo) * uniform(); }
  /// Uniform integer in [0, n); n must be positive.
  std::uint32_t below(std::uint32_t n) { return scale_to_range(next_u32(), n); }
  bool bernoulli(double p) { return uniform() < p; }
  /// Standard normal by Box–Muller (one value per call, the sine half is discarded
  /// so that the stream position does not depend on earlier calls' parity).
  double normal() {
    const double u1 = 1.0 - uniform();  // (0, 1], safe for log
    const double u2 = uniform();
    return std::sqrt(-2.0 * std::log(u1)) * std::cos(6.283185307179586 * u2);
  }
  double normal(double mean, double sd) { return mean + sd * normal(); }
  /// Poisson by inversion for small means, normal approximation above 64
  /// (rounded, clamped at zero): the entry and event counts the model draws
  /// have small means, and the approximation keeps the cost bounded.
  std::uint32_t poisson(double mean) {
    if (!(mean > 0.0)) return 0;
    if (mean > 64.0) {
      const double x = std::round(normal(mean, std::sqrt(mean)));
      return x <= 0.0 ? 0u : static_cast<std::uint32_t>(std::min(x, 4.0e9));
    }
    const double limit = std::exp(-mean);
    double product = uniform();
    std::uint32_t k = 0;
    while (product > limit) {
      ++k;
      product *= uniform();
    }
    return k;
  }

 private:
  using Philox = r123::Philox4x32;
  void refill() {
    const Philox::ctr_type out = Philox()(counter_, key_);
    for (int i = 0; i < 4; ++i) block_[i] = out.v[i];
    ++counter_.v[3];
    used_ = 0;
  }

  Philox::key_type key_;
  Philox::ctr_type counter_;
  std::array<std::uint32_t, 4> block_{};
  int used_ = 4;
};

/// Four independent 32-bit words for one (seed, tick, index, purpose) in a single
/// Philox call, for hot kernels that need exactly one draw per agent and cannot
/// afford a stream object's bookkeeping.
inline std::array<std::uint32_t, 4> philox_words(std::uint64_t seed, std::uint32_t tick,
                                                 std::uint32_t index, Purpose purpose) {
  using Philox = r123::Philox4x32;
  const Philox::key_type key = {
      {static_cast<std::uint32_t>(seed), static_cast<std::uint32_t>(seed >> 32)}};
  const Philox::ctr_type ctr = {{tick, index, static_cast<std::uint32_t>(purpose), 0}};
  const Philox::ctr_type out = Philox()(ctr, key);
  return {out.v[0], out.v[1], out.v[2], out.v[3]};
}

}  // namespace clustersim::sim

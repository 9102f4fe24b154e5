#pragma once
// Knowledge diffusion over the cooperation network: the simulation's hot kernel.
//
// Each tick every agent picks one uniformly random neighbour and moves each of its
// knowledge components part of the way toward the neighbour's where the neighbour
// knows more:
//   next[f] = cur[f] + rate * max(0, neighbour[f] - cur[f]).
// Agents without neighbours keep their knowledge. The kernel reads last tick's
// vectors and writes the next tick's (double buffer), so agents never see a
// partner's half-updated knowledge and the result does not depend on the order
// (or the threads) in which agents are processed.
//
// It runs in two passes because a fused loop stalls on the gather: pass one
// draws every agent's partner into a buffer (one uint32 per agent, streaming
// reads of the CSR), pass two walks the buffer and gathers the partners'
// vectors with software prefetch a fixed distance ahead.
#include <cstddef>
#include <cstdint>
#include <span>

#include "sim/network.hpp"
#include "sim/random.hpp"

namespace clustersim::bench {

/// Knowledge fields of the benchmark and the default model configuration.
inline constexpr std::size_t kDiffusionFields = 8;

/// Pass one: partners[a] = a uniformly chosen neighbour of a, or a itself when a
/// has no neighbours. Randomness: one Philox4x32 call per group of four
/// consecutive agents, counter (tick, a / 4, purpose, 0) under seed, whose word
/// a % 4 picks a's neighbour by multiply-shift (scale_to_range). partners must
/// have network.vertex_count() entries. Parallel; bit-identical for any thread count.
void pick_random_partners(const sim::Network& network, std::uint64_t seed, std::uint32_t tick,
                          sim::Purpose purpose, std::span<std::uint32_t> partners);

/// Pass two: next[a*fields + f] = cur[a*fields + f] + rate * max(0, cur[p*fields + f] -
/// cur[a*fields + f]) with p = partners[a]. cur and next hold partners.size() * fields
/// floats, slot-major, and must not overlap. Parallel; bit-identical for any thread count.
void diffuse_toward_partners(std::span<const float> cur, std::span<float> next,
                             std::span<const std::uint32_t> partners, std::size_t fields,
                             float rate);

/// One full tick: both passes. partners is scratch space of vertex_count() entries.
void knowledge_diffusion_tick(const sim::Network& network, std::span<const float> cur,
                              std::span<float> next, std::span<std::uint32_t> partners,
                              std::size_t fields, float rate, std::uint64_t seed,
                              std::uint32_t tick,
                              sim::Purpose purpose = sim::Purpose::PartnerChoice);

}  // namespace clustersim::bench

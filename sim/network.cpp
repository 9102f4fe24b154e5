#include "sim/network.hpp"

#include <tbb/blocked_range.h>
#include <tbb/enumerable_thread_specific.h>
#include <tbb/parallel_for.h>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <limits>
#include <set>
#include <stdexcept>
#include <string>
#include <utility>

#include "sim/agents.hpp"
#include "sim/enum_names.hpp"
#include "sim/random.hpp"

namespace clustersim::sim {

std::string_view to_string(EdgeKind kind) {
  static constexpr std::array<std::string_view, kEdgeKindCount> kNames = {
      "rnd_partnership", "supplier", "university_industry", "government_programme",
      "civil_society"};
  return enum_name(kNames, kind);
}

namespace {

constexpr Network::Vertex kRemovedVertex = std::numeric_limits<Network::Vertex>::max();
constexpr std::size_t kMaxVertices = std::numeric_limits<Network::Vertex>::max();
// Rows per task in the rebuild passes: fixed (not TBB's adaptive split) so the
// per-block offsets, and with them the whole rebuild, do not depend on threads.
constexpr std::size_t kRowBlock = 8192;

std::uint64_t edge_key(Network::Vertex u, Network::Vertex v) {
  return (static_cast<std::uint64_t>(u) << 32) | v;
}
Network::Vertex key_row(std::uint64_t key) {
  return static_cast<Network::Vertex>(key >> 32);
}
Network::Vertex key_col(std::uint64_t key) {
  return static_cast<Network::Vertex>(key);
}

/// One direction of an edge that a commit adds.
struct HalfEdge {
  std::uint64_t key;  // row << 32 | column
  EdgeAttributes attributes;
};

template <class Body>
void for_row_blocks(std::size_t rows, Body&& body) {
  const std::size_t blocks = (rows + kRowBlock - 1) / kRowBlock;
  tbb::parallel_for(tbb::blocked_range<std::size_t>(0, blocks, 1),
                    [&](const tbb::blocked_range<std::size_t>& r) {
                      for (std::size_t b = r.begin(); b < r.end(); ++b) {
                        body(b, b * kRowBlock, std::min(rows, (b + 1) * kRowBlock));
                      }
                    });
}

void check_vertex_count(std::size_t n) {
  if (n >= kMaxVertices) {
    throw std::length_error("network: " + std::to_string(n) + " vertices exceed the 32-bit limit");
  }
}

}  // namespace

Network::Network(std::size_t vertices) : vertex_target_(vertices) {
  check_vertex_count(vertices);
  graph_ = Graph(static_cast<Graph::vertices_size_type>(vertices));
}

// ---- committed view ---------------------------------------------------------

std::size_t Network::vertex_count() const {
  return csr_storage().m_rowstart.size() - 1;
}
std::size_t Network::edge_count() const {
  return csr_storage().m_column.size() / 2;
}
std::span<const std::uint32_t> Network::row_starts() const {
  return csr_storage().m_rowstart;
}
std::span<const Network::Vertex> Network::targets() const {
  return csr_storage().m_column;
}

std::span<const Network::Vertex> Network::neighbours(Vertex v) const {
  const auto& rows = csr_storage().m_rowstart;
  return {csr_storage().m_column.data() + rows[v], rows[v + 1] - rows[v]};
}
std::size_t Network::degree(Vertex v) const {
  const auto& rows = csr_storage().m_rowstart;
  return rows[v + 1] - rows[v];
}
std::span<const EdgeAttributes> Network::attributes(Vertex v) const {
  const auto& rows = csr_storage().m_rowstart;
  return {csr_storage().m_edge_properties.data() + rows[v], rows[v + 1] - rows[v]};
}
std::span<EdgeAttributes> Network::mutable_attributes(Vertex v) {
  const auto& rows = csr_storage().m_rowstart;
  return {csr_storage().m_edge_properties.data() + rows[v], rows[v + 1] - rows[v]};
}

std::ptrdiff_t Network::find(Vertex u, Vertex v) const {
  if (u >= vertex_count()) return -1;
  const auto row = neighbours(u);
  const auto it = std::lower_bound(row.begin(), row.end(), v);
  if (it == row.end() || *it != v) return -1;
  return it - row.begin();
}
bool Network::has_edge(Vertex u, Vertex v) const {
  return find(u, v) >= 0;
}

// ---- pending changes --------------------------------------------------------

void Network::add_edge(Vertex u, Vertex v, EdgeAttributes attributes) {
  if (u == v) throw std::invalid_argument("network: self-loop " + std::to_string(u));
  if (u >= vertex_target_ || v >= vertex_target_) {
    throw std::out_of_range("network: edge " + std::to_string(u) + "-" + std::to_string(v) +
                            " names a vertex beyond " + std::to_string(vertex_target_));
  }
  // Duplicates (of committed or pending edges) are resolved at commit, where the
  // pending list is sorted anyway; the proposal order is kept so the first wins.
  pending_add_.push_back({std::min(u, v), std::max(u, v), attributes});
}

void Network::remove_edge(Vertex u, Vertex v) {
  if (u == v || u >= vertex_target_ || v >= vertex_target_) return;  // cannot exist
  pending_remove_.push_back(edge_key(std::min(u, v), std::max(u, v)));
}

void Network::add_vertices(std::size_t n) {
  check_vertex_count(vertex_target_ + n);
  vertex_target_ += n;
}

void Network::renumber_vertices(std::vector<std::size_t> new_slot) {
  if (new_slot.size() != vertex_target_) {
    throw std::invalid_argument("network: renumbering has " + std::to_string(new_slot.size()) +
                                " entries for " + std::to_string(vertex_target_) + " vertices");
  }
  std::size_t kept = 0;
  for (const std::size_t s : new_slot) {
    if (s == kNoSlot) continue;
    if (s != kept) {
      throw std::invalid_argument("network: renumbering is not order-preserving and dense");
    }
    ++kept;
  }
  const auto map = [&](Vertex v) {
    const std::size_t s = new_slot[v];
    return s == kNoSlot ? kRemovedVertex : static_cast<Vertex>(s);
  };
  // Compose with an earlier renumbering so the commit applies one map.
  const std::size_t committed = vertex_count();
  if (pending_renumber_.empty()) {
    pending_renumber_.resize(committed);
    for (std::size_t i = 0; i < committed; ++i) pending_renumber_[i] = map(static_cast<Vertex>(i));
  } else {
    for (Vertex& r : pending_renumber_) {
      if (r != kRemovedVertex) r = map(r);
    }
  }
  // Pending edge changes follow their endpoints; monotone maps keep u < v.
  std::erase_if(pending_add_, [&](PendingEdge& e) {
    e.u = map(e.u);
    e.v = map(e.v);
    return e.u == kRemovedVertex || e.v == kRemovedVertex;
  });
  std::erase_if(pending_remove_, [&](std::uint64_t& key) {
    const Vertex u = map(key_row(key)), v = map(key_col(key));
    key = edge_key(u, v);
    return u == kRemovedVertex || v == kRemovedVertex;
  });
  vertex_target_ = kept;
}

bool Network::has_pending_changes() const {
  return !pending_add_.empty() || !pending_remove_.empty() || !pending_renumber_.empty() ||
         vertex_target_ != vertex_count();
}

namespace {

/// What a pending renumbering leaves of the committed vertices: how many
/// survive and, when some go, the old number of each new one.
struct Survivors {
  std::size_t kept = 0;
  bool renumbered = false;
  std::vector<Network::Vertex> old_of_new;  ///< valid when renumbered
  Network::Vertex old_vertex(Network::Vertex v) const { return renumbered ? old_of_new[v] : v; }
};

/// renumber: committed vertex -> new number or kRemovedVertex; empty, none
/// pending. A map that removes nothing is the identity (it is monotone and
/// dense) and counts as no renumbering.
Survivors plan_survivors(std::span<const Network::Vertex> renumber, std::size_t old_n) {
  Survivors s;
  s.kept = old_n;
  if (renumber.empty()) return s;
  s.kept = 0;
  for (const Network::Vertex r : renumber) s.kept += r != kRemovedVertex;
  if (s.kept == old_n) return s;
  s.renumbered = true;
  s.old_of_new.resize(s.kept);
  for (std::size_t i = 0; i < old_n; ++i) {
    if (renumber[i] != kRemovedVertex) s.old_of_new[renumber[i]] = static_cast<Network::Vertex>(i);
  }
  return s;
}

/// The edge changes a commit makes, in the new numbering, as half-edges
/// sorted by (row, column).
struct EdgeChanges {
  std::vector<std::uint64_t> removed;  ///< half-edge keys
  std::vector<HalfEdge> added;
  bool empty() const { return removed.empty() && added.empty(); }
};

/// Removals that hit a committed edge, and the first proposal of each added
/// edge that is absent after the removals. `committed_edge(u, v)` says whether
/// u-v (new numbering) is in the committed view.
template <class Pending, class CommittedEdge>
EdgeChanges collect_edge_changes(std::vector<std::uint64_t>& pending_remove,
                                 std::vector<Pending>& pending_add,
                                 const CommittedEdge& committed_edge) {
  std::sort(pending_remove.begin(), pending_remove.end());
  pending_remove.erase(std::unique(pending_remove.begin(), pending_remove.end()),
                       pending_remove.end());
  std::vector<std::uint64_t> removed;  // undirected, u < v, sorted
  for (const std::uint64_t key : pending_remove) {
    if (committed_edge(key_row(key), key_col(key))) removed.push_back(key);
  }
  std::stable_sort(pending_add.begin(), pending_add.end(), [](const Pending& x, const Pending& y) {
    return edge_key(x.u, x.v) < edge_key(y.u, y.v);
  });
  EdgeChanges changes;
  for (std::size_t i = 0; i < pending_add.size(); ++i) {
    const Pending& e = pending_add[i];
    if (i > 0 && pending_add[i - 1].u == e.u && pending_add[i - 1].v == e.v) continue;
    const std::uint64_t key = edge_key(e.u, e.v);
    if (committed_edge(e.u, e.v) && !std::binary_search(removed.begin(), removed.end(), key)) {
      continue;
    }
    changes.added.push_back({key, e.attributes});
    changes.added.push_back({edge_key(e.v, e.u), e.attributes});
  }
  changes.removed.reserve(2 * removed.size());
  for (const std::uint64_t key : removed) {
    changes.removed.push_back(key);
    changes.removed.push_back(edge_key(key_col(key), key_row(key)));
  }
  std::sort(changes.removed.begin(), changes.removed.end());
  std::sort(changes.added.begin(), changes.added.end(),
            [](const HalfEdge& x, const HalfEdge& y) { return x.key < y.key; });
  return changes;
}

/// The committed CSR arrays a rebuild reads.
struct OldCsr {
  std::span<const std::uint32_t> rows;
  std::span<const Network::Vertex> cols;
  std::span<const EdgeAttributes> attr;
  std::span<const Network::Vertex> renumber;  ///< empty when not renumbered
};

/// The new CSR arrays.
struct NewCsr {
  std::vector<std::uint32_t> rows;
  std::vector<Network::Vertex> cols;
  std::vector<EdgeAttributes> attr;
};

/// Positions of row `row`'s first entry in a sorted half-edge list.
template <class Sorted, class KeyOf>
auto first_in_row(const Sorted& sorted, Network::Vertex row, KeyOf key_of) {
  return std::lower_bound(sorted.begin(), sorted.end(), edge_key(row, 0),
                          [&](const auto& x, std::uint64_t k) { return key_of(x) < k; });
}
constexpr auto key_of_half = [](const HalfEdge& h) { return h.key; };
constexpr auto key_of_key = [](std::uint64_t k) { return k; };

/// Pass 1: each new row's degree into rows[w + 1], and the half-edge total of
/// each fixed block of rows, as running offsets (block_offset[b] = first
/// half-edge of block b).
std::vector<std::uint64_t> count_rows(const OldCsr& old, const Survivors& survivors,
                                      const EdgeChanges& changes, std::size_t new_n,
                                      std::vector<std::uint32_t>& rows) {
  const std::size_t blocks = (new_n + kRowBlock - 1) / kRowBlock;
  std::vector<std::uint64_t> block_offset(blocks + 1, 0);
  for_row_blocks(new_n, [&](std::size_t b, std::size_t begin, std::size_t end) {
    auto add_it = first_in_row(changes.added, static_cast<Network::Vertex>(begin), key_of_half);
    auto rem_it = first_in_row(changes.removed, static_cast<Network::Vertex>(begin), key_of_key);
    std::uint64_t total = 0;
    for (std::size_t w = begin; w < end; ++w) {
      std::size_t d = 0;
      if (w < survivors.kept) {
        const Network::Vertex o = survivors.old_vertex(static_cast<Network::Vertex>(w));
        if (survivors.renumbered) {
          for (std::uint32_t e = old.rows[o]; e < old.rows[o + 1]; ++e) {
            d += old.renumber[old.cols[e]] != kRemovedVertex;
          }
        } else {
          d = old.rows[o + 1] - old.rows[o];
        }
      }
      for (; rem_it != changes.removed.end() && key_row(*rem_it) == w; ++rem_it) --d;
      for (; add_it != changes.added.end() && key_row(add_it->key) == w; ++add_it) ++d;
      rows[w + 1] = static_cast<std::uint32_t>(d);
      total += d;
    }
    block_offset[b + 1] = total;
  });
  for (std::size_t b = 0; b < blocks; ++b) block_offset[b + 1] += block_offset[b];
  return block_offset;
}

/// Pass 2: row offsets, then each row merged from the surviving old row
/// (renumbering is monotone, so it stays ascending) and the sorted additions.
void merge_rows(const OldCsr& old, const Survivors& survivors, const EdgeChanges& changes,
                std::size_t new_n, const std::vector<std::uint64_t>& block_offset, NewCsr& out) {
  for_row_blocks(new_n, [&](std::size_t b, std::size_t begin, std::size_t end) {
    auto add_it = first_in_row(changes.added, static_cast<Network::Vertex>(begin), key_of_half);
    auto rem_it = first_in_row(changes.removed, static_cast<Network::Vertex>(begin), key_of_key);
    auto pos = static_cast<std::uint32_t>(block_offset[b]);
    for (std::size_t w = begin; w < end; ++w) {
      out.rows[w] = pos;  // rows[w] held row w-1's degree, no longer needed
      const auto emit_added_below = [&](std::uint64_t limit) {
        for (; add_it != changes.added.end() && add_it->key < limit; ++add_it) {
          out.cols[pos] = key_col(add_it->key);
          out.attr[pos++] = add_it->attributes;
        }
      };
      if (w < survivors.kept) {
        const Network::Vertex o = survivors.old_vertex(static_cast<Network::Vertex>(w));
        for (std::uint32_t e = old.rows[o]; e < old.rows[o + 1]; ++e) {
          const Network::Vertex x = survivors.renumbered ? old.renumber[old.cols[e]] : old.cols[e];
          if (x == kRemovedVertex) continue;
          const std::uint64_t key = edge_key(static_cast<Network::Vertex>(w), x);
          emit_added_below(key);
          if (rem_it != changes.removed.end() && *rem_it == key) {
            ++rem_it;
            continue;
          }
          out.cols[pos] = x;
          out.attr[pos++] = old.attr[e];
        }
      }
      emit_added_below(edge_key(static_cast<Network::Vertex>(w + 1), 0));
    }
  });
}

/// The new CSR view from the old one and the changes, in two parallel passes
/// over fixed row blocks (so the result does not depend on the threads).
NewCsr rebuild_csr(const OldCsr& old, const Survivors& survivors, const EdgeChanges& changes,
                   std::size_t new_n) {
  NewCsr out;
  out.rows.assign(new_n + 1, 0);
  const std::vector<std::uint64_t> block_offset =
      count_rows(old, survivors, changes, new_n, out.rows);
  const std::uint64_t half_edges = block_offset.back();
  if (half_edges > std::numeric_limits<std::uint32_t>::max()) {
    throw std::length_error("network: more half-edges than 32-bit row offsets can index");
  }
  out.cols.resize(half_edges);
  out.attr.resize(half_edges);
  merge_rows(old, survivors, changes, new_n, block_offset, out);
  out.rows[new_n] = static_cast<std::uint32_t>(half_edges);
  return out;
}

}  // namespace

bool Network::commit() {
  const std::size_t old_n = vertex_count();
  const std::size_t new_n = vertex_target_;
  const Survivors survivors = plan_survivors(pending_renumber_, old_n);
  if (!survivors.renumbered) std::vector<Vertex>().swap(pending_renumber_);
  const auto committed_edge = [&](Vertex u, Vertex v) {
    return u < survivors.kept && v < survivors.kept &&
           has_edge(survivors.old_vertex(u), survivors.old_vertex(v));
  };
  const EdgeChanges changes = collect_edge_changes(pending_remove_, pending_add_, committed_edge);
  pending_add_.clear();
  pending_remove_.clear();
  if (!survivors.renumbered && new_n == old_n && changes.empty()) return false;

  const auto& storage = csr_storage();
  NewCsr csr = rebuild_csr(
      {storage.m_rowstart, storage.m_column, storage.m_edge_properties, pending_renumber_},
      survivors, changes, new_n);
  std::vector<Vertex>().swap(pending_renumber_);  // O(V): not worth keeping between commits
  adopt_csr(std::move(csr.rows), std::move(csr.cols), std::move(csr.attr));
  return true;
}

void Network::adopt_csr(std::vector<std::uint32_t>&& row_starts, std::vector<Vertex>&& columns,
                        std::vector<EdgeAttributes>&& attributes) {
  // The graph has no vertex properties, so its three vectors are all its state;
  // swapping them in hands boost the arrays without a copy or a re-sort.
  csr_storage().m_rowstart.swap(row_starts);
  csr_storage().m_column.swap(columns);
  csr_storage().m_edge_properties.swap(attributes);
  vertex_target_ = vertex_count();
}

std::size_t Network::memory_bytes() const {
  return csr_storage().m_rowstart.capacity() * sizeof(std::uint32_t) +
         csr_storage().m_column.capacity() * sizeof(Vertex) +
         csr_storage().m_edge_properties.capacity() * sizeof(EdgeAttributes) +
         pending_add_.capacity() * sizeof(PendingEdge) +
         pending_remove_.capacity() * sizeof(std::uint64_t) +
         pending_renumber_.capacity() * sizeof(Vertex);
}

// ---- Watts–Strogatz ---------------------------------------------------------

namespace {

/// The random choices of one Watts–Strogatz run. Vertex i owns the ring edges
/// i-(i+j) for j = 1..h and draws from its own stream (seed, tick 0, agent i,
/// Initialisation): first h words decide which of its edges are rewired (word <
/// threshold), then the rewired edges' new far ends in order of j.
struct SmallWorld {
  std::size_t n;
  std::size_t h;
  std::uint64_t threshold;  // rewire iff word < threshold (2^32 means always)
  std::uint64_t seed;

  RandomStream stream(std::size_t i) const {
    return RandomStream(seed, 0, static_cast<std::uint32_t>(i), Purpose::Initialisation);
  }
  /// Whether ring edge owner-(owner+j) is rewired: word j-1 of owner's stream.
  bool rewired(std::size_t owner, std::size_t j) const {
    RandomStream s = stream(owner);
    std::uint32_t word = 0;
    for (std::size_t k = 0; k < j; ++k) word = s.next_u32();
    return word < threshold;
  }
  /// Whether i-t is a ring edge that stays in place.
  bool kept_ring_edge(std::size_t i, std::size_t t) const {
    const std::size_t forward = (t + n - i) % n;  // t = i + forward
    if (forward >= 1 && forward <= h) return !rewired(i, forward);
    const std::size_t backward = (i + n - t) % n;  // i = t + backward
    if (backward >= 1 && backward <= h) return !rewired(t, backward);
    return false;
  }
  /// Next far end for a rewired edge of i that is neither i nor a kept ring edge.
  /// Rewired edges may still coincide with each other; build() resolves that.
  Network::Vertex draw_target(RandomStream& s, std::size_t i) const {
    for (;;) {
      const std::size_t t = s.below(static_cast<std::uint32_t>(n));
      if (t != i && !kept_ring_edge(i, t)) return static_cast<Network::Vertex>(t);
    }
  }
  /// Round one for vertex i: far ends of its h edges into far[0..h).
  void first_round(std::size_t i, Network::Vertex* far, RandomStream& s) const {
    bool rewire[64];
    for (std::size_t j = 0; j < h; ++j) rewire[j] = s.next_u32() < threshold;
    for (std::size_t j = 0; j < h; ++j) {
      far[j] = rewire[j] ? draw_target(s, i) : static_cast<Network::Vertex>((i + j + 1) % n);
    }
  }
};

/// Symmetric CSR from the edge list i-far[i*h + j] (entries kRemovedVertex are
/// skipped): counts by atomics, scatters by atomic cursors, then sorts each row,
/// so the result does not depend on the interleaving.
void build_csr(std::size_t n, std::size_t h, const std::vector<Network::Vertex>& far,
               std::vector<std::uint32_t>& rows, std::vector<Network::Vertex>& cols) {
  // Calls f(i, t) in parallel for every kept edge i–t of the list.
  const auto for_each_edge = [&](auto&& f) {
    tbb::parallel_for(tbb::blocked_range<std::size_t>(0, n, 4096),
                      [&](const tbb::blocked_range<std::size_t>& r) {
                        for (std::size_t i = r.begin(); i < r.end(); ++i) {
                          for (std::size_t j = 0; j < h; ++j) {
                            const Network::Vertex t = far[i * h + j];
                            if (t != kRemovedVertex) f(i, t);
                          }
                        }
                      });
  };
  const auto bump = [](std::uint32_t& c) {
    return std::atomic_ref<std::uint32_t>(c).fetch_add(1, std::memory_order_relaxed);
  };
  std::vector<std::uint32_t> count(n, 0);
  for_each_edge([&](std::size_t i, Network::Vertex t) {
    bump(count[i]);
    bump(count[t]);
  });
  rows.assign(n + 1, 0);
  std::uint64_t total = 0;
  for (std::size_t i = 0; i < n; ++i) {
    rows[i] = static_cast<std::uint32_t>(total);
    total += count[i];
  }
  if (total > std::numeric_limits<std::uint32_t>::max()) {
    throw std::length_error("watts_strogatz: too many half-edges for 32-bit row offsets");
  }
  rows[n] = static_cast<std::uint32_t>(total);
  std::copy(rows.begin(), rows.end() - 1, count.begin());  // count becomes the cursor
  cols.assign(total, 0);
  for_each_edge([&](std::size_t i, Network::Vertex t) {
    cols[bump(count[i])] = t;
    cols[bump(count[t])] = static_cast<Network::Vertex>(i);
  });
  tbb::parallel_for(tbb::blocked_range<std::size_t>(0, n, 4096),
                    [&](const tbb::blocked_range<std::size_t>& r) {
                      for (std::size_t i = r.begin(); i < r.end(); ++i) {
                        std::sort(cols.begin() + rows[i], cols.begin() + rows[i + 1]);
                      }
                    });
}

}  // namespace

Network watts_strogatz(std::size_t n, unsigned mean_degree, double rewire, std::uint64_t seed,
                       EdgeKind kind) {
  if (mean_degree % 2 != 0) throw std::invalid_argument("watts_strogatz: mean_degree must be even");
  if (n > 0 && mean_degree >= n) throw std::invalid_argument("watts_strogatz: mean_degree >= n");
  if (!(rewire >= 0.0 && rewire <= 1.0)) {
    throw std::invalid_argument("watts_strogatz: rewire must lie in [0, 1]");
  }
  if (mean_degree > 128) throw std::invalid_argument("watts_strogatz: mean_degree > 128");
  check_vertex_count(n);
  Network net(n);
  const std::size_t h = mean_degree / 2;
  if (n == 0 || h == 0) return net;
  const SmallWorld world{n, h, static_cast<std::uint64_t>(std::ldexp(rewire, 32)), seed};

  std::vector<Network::Vertex> far(n * h);
  tbb::parallel_for(tbb::blocked_range<std::size_t>(0, n, 4096),
                    [&](const tbb::blocked_range<std::size_t>& r) {
                      for (std::size_t i = r.begin(); i < r.end(); ++i) {
                        RandomStream s = world.stream(i);
                        world.first_round(i, far.data() + i * h, s);
                      }
                    });
  std::vector<std::uint32_t> rows;
  std::vector<Network::Vertex> cols;
  build_csr(n, h, far, rows, cols);

  // Two rewired edges may have landed on the same pair (rare: about h^2 p^2 / 2
  // per graph). Find such pairs in the sorted rows; the edge with the lowest
  // (owner, j) keeps the pair, the others redraw with their streams' next draws.
  tbb::enumerable_thread_specific<std::vector<std::uint64_t>> found;
  tbb::parallel_for(
      tbb::blocked_range<std::size_t>(0, n, 4096), [&](const tbb::blocked_range<std::size_t>& r) {
        for (std::size_t i = r.begin(); i < r.end(); ++i) {
          for (std::uint32_t e = rows[i] + 1; e < rows[i + 1]; ++e) {
            if (cols[e] == cols[e - 1] && i < cols[e]) {
              found.local().push_back(edge_key(static_cast<Network::Vertex>(i), cols[e]));
            }
          }
        }
      });
  std::vector<std::uint64_t> duplicates;
  for (const auto& f : found) duplicates.insert(duplicates.end(), f.begin(), f.end());
  if (!duplicates.empty()) {
    std::sort(duplicates.begin(), duplicates.end());
    duplicates.erase(std::unique(duplicates.begin(), duplicates.end()), duplicates.end());
    std::vector<std::size_t> losers;  // indices into far, ascending = (owner, j) order
    for (const std::uint64_t key : duplicates) {
      const std::size_t a = key_row(key), b = key_col(key);
      std::vector<std::size_t> claims;
      for (const std::size_t owner : {a, b}) {
        const std::size_t other = owner == a ? b : a;
        for (std::size_t j = 0; j < h; ++j) {
          if (far[owner * h + j] == other) claims.push_back(owner * h + j);
        }
      }
      std::sort(claims.begin(), claims.end());
      losers.insert(losers.end(), claims.begin() + 1, claims.end());
    }
    std::sort(losers.begin(), losers.end());
    const auto taken = [&](std::size_t u, std::size_t v) {
      const auto row =
          std::span<const Network::Vertex>(cols).subspan(rows[u], rows[u + 1] - rows[u]);
      return std::binary_search(row.begin(), row.end(), static_cast<Network::Vertex>(v));
    };
    std::set<std::uint64_t> redrawn;
    for (std::size_t k = 0; k < losers.size();) {
      const std::size_t owner = losers[k] / h;
      RandomStream s = world.stream(owner);
      std::vector<Network::Vertex> replay(h);
      world.first_round(owner, replay.data(), s);  // puts s where round one left it
      for (; k < losers.size() && losers[k] / h == owner; ++k) {
        // A bounded search: on tiny dense graphs no free pair may be left, and
        // then the edge is dropped rather than looping forever.
        Network::Vertex chosen = kRemovedVertex;
        for (std::size_t attempt = 0; attempt < 64 + 16 * n; ++attempt) {
          const std::size_t t = s.below(static_cast<std::uint32_t>(n));
          if (t == owner || taken(owner, t)) continue;
          if (redrawn.count(edge_key(static_cast<Network::Vertex>(std::min(owner, t)),
                                     static_cast<Network::Vertex>(std::max(owner, t))))) {
            continue;
          }
          chosen = static_cast<Network::Vertex>(t);
          break;
        }
        far[losers[k]] = chosen;
        if (chosen != kRemovedVertex) {
          redrawn.insert(
              edge_key(static_cast<Network::Vertex>(std::min<std::size_t>(owner, chosen)),
                       static_cast<Network::Vertex>(std::max<std::size_t>(owner, chosen))));
        }
      }
    }
    build_csr(n, h, far, rows, cols);
  }
  std::vector<Network::Vertex>().swap(far);

  std::vector<EdgeAttributes> attr(cols.size(), EdgeAttributes{1.0f, 0, kind});
  net.adopt_csr(std::move(rows), std::move(cols), std::move(attr));
  return net;
}

}  // namespace clustersim::sim

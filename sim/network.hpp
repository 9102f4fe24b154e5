#pragma once
// The cooperation network.
//
// Two representations with one meaning:
//  - a compressed-sparse-row view (a boost::compressed_sparse_row_graph) that the
//    parallel, read-heavy phases traverse; every undirected edge appears in both
//    endpoints' rows with the same attributes;
//  - a pending change set (additions, removals, vertex changes) that formation,
//    dissolution, births and exits write into between commits.
// commit() folds the pending changes into a new CSR view, and does nothing when
// nothing changed. Vertices are agent slots (see agents.hpp).
#include <boost/graph/compressed_sparse_row_graph.hpp>

#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

namespace clustersim::sim {

enum class EdgeKind : std::uint8_t {
  RndPartnership = 0,
  Supplier = 1,
  UniversityIndustry = 2,
  GovernmentProgramme = 3,
  CivilSociety = 4,  ///< a tie with a civil-society organisation (quadruple helix and beyond)
};
inline constexpr std::size_t kEdgeKindCount = 5;
std::string_view to_string(EdgeKind kind);

/// Attributes of one undirected edge (8 bytes; stored once per direction).
struct EdgeAttributes {
  float strength = 1.0f;  ///< tie strength, dimensionless, > 0
  std::uint16_t age = 0;  ///< ticks since formation, saturating
  EdgeKind kind = EdgeKind::RndPartnership;
};

class Network {
 public:
  using Vertex = std::uint32_t;
  using Graph =
      boost::compressed_sparse_row_graph<boost::directedS, boost::no_property, EdgeAttributes,
                                         boost::no_property, std::uint32_t, std::uint32_t>;

  explicit Network(std::size_t vertices = 0);

  // ---- committed CSR view -------------------------------------------------
  std::size_t vertex_count() const;
  /// Undirected edges in the committed view.
  std::size_t edge_count() const;
  /// Row offsets, vertex_count()+1 entries.
  std::span<const std::uint32_t> row_starts() const;
  /// All column entries (targets), 2 * edge_count() entries.
  std::span<const Vertex> targets() const;
  /// Neighbours of v, ascending.
  std::span<const Vertex> neighbours(Vertex v) const;
  std::size_t degree(Vertex v) const;
  /// Attributes of v's edges, aligned with neighbours(v).
  std::span<const EdgeAttributes> attributes(Vertex v) const;
  /// In-place attribute updates (strength, age) between commits. A caller that
  /// writes one half of an edge must write the same value into the other half
  /// (or compute it from a rule symmetric in the two endpoints).
  std::span<EdgeAttributes> mutable_attributes(Vertex v);
  /// True if u-v is in the committed view. O(log degree).
  bool has_edge(Vertex u, Vertex v) const;
  /// Index of v in neighbours(u), or -1.
  std::ptrdiff_t find(Vertex u, Vertex v) const;
  /// The Boost.Graph object, for Boost's algorithms.
  const Graph& graph() const { return graph_; }

  // ---- pending changes ----------------------------------------------------
  /// Proposes the undirected edge u-v. Self-loops throw std::invalid_argument.
  /// If u-v already exists (committed or pending) the call is ignored; the first
  /// proposal of an edge wins, so callers propose in a deterministic order.
  void add_edge(Vertex u, Vertex v, EdgeAttributes attributes);
  /// Removes u-v at the next commit; a missing edge is ignored. At a commit the
  /// removals act on the committed edges first and the additions come after, so
  /// removing and proposing the same edge before one commit re-forms it with the
  /// proposal's attributes.
  void remove_edge(Vertex u, Vertex v);
  /// Appends n isolated vertices (numbered after the current ones).
  void add_vertices(std::size_t n);
  /// Renumbers vertices by old -> new slot (kNoSlot in agents.hpp means removed);
  /// the edges of removed vertices go. Takes effect at commit; applied before
  /// pending edge changes, which must use the new numbering. new_slot has one
  /// entry per vertex (committed plus appended) and the kept vertices must map,
  /// in order, to 0, 1, 2, ... (what AgentStore::remove returns); anything else
  /// throws std::invalid_argument. Edge changes already pending are renumbered
  /// too (and dropped when they touch a removed vertex).
  void renumber_vertices(std::vector<std::size_t> new_slot);
  bool has_pending_changes() const;
  /// Rebuilds the CSR view from the committed edges and the pending changes.
  /// Returns true if anything changed; when nothing did, the committed storage is
  /// left untouched. O(V + E + P log P) for P pending changes, parallel in V + E.
  bool commit();

  /// Vertices the committed view will have after the next commit.
  std::size_t pending_vertex_count() const { return vertex_target_; }

  /// Bytes held by the committed view and the pending changes (capacities).
  std::size_t memory_bytes() const;

 private:
  friend Network watts_strogatz(std::size_t, unsigned, double, std::uint64_t, EdgeKind);

  struct PendingEdge {
    Vertex u, v;  // u < v
    EdgeAttributes attributes;
  };
  /// Replaces the committed view by prebuilt CSR arrays (rows sorted, symmetric).
  void adopt_csr(std::vector<std::uint32_t>&& row_starts, std::vector<Vertex>&& columns,
                 std::vector<EdgeAttributes>&& attributes);

  /// Boost's CSR arrays (m_rowstart, m_column, m_edge_properties). The one
  /// place that reaches into Boost's internals: commit() rebuilds them in bulk
  /// and swaps them in, which Boost's public interface cannot do without a copy.
  auto& csr_storage() { return graph_.m_forward; }
  const auto& csr_storage() const { return graph_.m_forward; }

  Graph graph_;
  std::vector<PendingEdge> pending_add_;       // in proposal order; first wins
  std::vector<std::uint64_t> pending_remove_;  // (u << 32 | v), u < v
  // Committed vertex -> vertex after the pending renumbering, or kRemovedVertex;
  // empty when no renumbering is pending.
  std::vector<Vertex> pending_renumber_;
  std::size_t vertex_target_ = 0;  // vertex count after the next commit
};

/// A Watts–Strogatz small world: a ring of n vertices, each joined to its
/// mean_degree/2 nearest neighbours on either side, each edge's far end rewired
/// with probability rewire to a uniformly chosen vertex (no self-loops, no
/// duplicates). Deterministic in seed. mean_degree must be even and < n.
Network watts_strogatz(std::size_t n, unsigned mean_degree, double rewire, std::uint64_t seed,
                       EdgeKind kind = EdgeKind::RndPartnership);

}  // namespace clustersim::sim

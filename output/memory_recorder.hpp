#pragma once
// Keeps every recorded tick's indicator table in memory: the recorder tests
// use to check what a model produced without touching the disk.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "sim/observer.hpp"

namespace clustersim::output {

class MemoryRecorder : public sim::Observer {
 public:
  /// One recorded state: the initial one (tick 0) or the end of a tick.
  struct Frame {
    std::uint32_t tick = 0;
    double time = 0.0;           ///< years
    std::vector<double> values;  ///< [series][region], as IndicatorTable::values()
  };

  void on_run_start(const sim::Snapshot& initial) override {
    const sim::IndicatorTable& table = initial.world.indicators;
    series_ = table.series();
    regions_ = table.region_count();
    frames_.clear();
    outcome_.reset();
    record(initial);
  }
  void on_tick_end(const sim::Snapshot& snapshot) override {
    if (frames_.empty() && series_.empty()) {
      // Driven without on_run_start: take the layout from the first tick.
      series_ = snapshot.world.indicators.series();
      regions_ = snapshot.world.indicators.region_count();
    }
    record(snapshot);
  }
  void on_run_end(const sim::Snapshot& /*final_state*/, sim::RunOutcome outcome) override {
    outcome_ = outcome;
  }

  const std::vector<sim::SeriesInfo>& series() const { return series_; }
  std::vector<std::string> series_names() const {
    std::vector<std::string> names;
    for (const sim::SeriesInfo& s : series_) names.push_back(s.name);
    return names;
  }
  std::size_t region_count() const { return regions_; }
  const std::vector<Frame>& frames() const { return frames_; }
  /// Set by on_run_end; empty while the run goes on.
  const std::optional<sim::RunOutcome>& outcome() const { return outcome_; }

  /// Index of a series by name; throws std::out_of_range if unknown.
  std::size_t series_index(const std::string& name) const {
    for (std::size_t i = 0; i < series_.size(); ++i) {
      if (series_[i].name == name) return i;
    }
    throw std::out_of_range("no recorded series named '" + name + "'");
  }
  double value(std::size_t frame, const std::string& series, std::size_t region) const {
    return frames_.at(frame).values.at(series_index(series) * regions_ + region);
  }
  /// One region's values of one series, one per frame.
  std::vector<double> trajectory(const std::string& series, std::size_t region) const {
    const std::size_t offset = series_index(series) * regions_ + region;
    std::vector<double> out;
    out.reserve(frames_.size());
    for (const Frame& f : frames_) out.push_back(f.values.at(offset));
    return out;
  }

 private:
  void record(const sim::Snapshot& snapshot) {
    const sim::IndicatorTable& table = snapshot.world.indicators;
    if (table.series_count() != series_.size() || table.region_count() != regions_) {
      throw std::logic_error("the indicator table changed shape during the run");
    }
    // By name, in the order of the first table, so series_index() stays right.
    Frame frame{snapshot.tick, snapshot.time, {}};
    frame.values.reserve(series_.size() * regions_);
    for (const sim::SeriesInfo& s : series_) {
      const auto row = table.row(table.index_of(s.name));
      frame.values.insert(frame.values.end(), row.begin(), row.end());
    }
    frames_.push_back(std::move(frame));
  }

  std::vector<sim::SeriesInfo> series_;
  std::size_t regions_ = 0;
  std::vector<Frame> frames_;
  std::optional<sim::RunOutcome> outcome_;
};

}  // namespace clustersim::output

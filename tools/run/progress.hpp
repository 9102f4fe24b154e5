#pragma once
// Progress reporting as an observer of the engine: a bar with ticks per second
// and time left on a terminal, a log line every few seconds otherwise.
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <string>

#include "sim/observer.hpp"

namespace clustersim::run {

enum class ProgressMode { Auto, Always, Never };

class ProgressReporter final : public sim::Observer {
 public:
  /// out: where to write (stderr in the program). Auto draws a bar when out is
  /// a terminal and logs otherwise; Always draws the bar; Never is silent.
  ProgressReporter(std::FILE* out, ProgressMode mode, std::uint32_t total_ticks);

  void on_run_start(const sim::Snapshot& initial) override;
  void on_tick_end(const sim::Snapshot& snapshot) override;
  void on_run_end(const sim::Snapshot& final_state, sim::RunOutcome outcome) override;

 private:
  using Clock = std::chrono::steady_clock;
  void draw(std::uint32_t done, bool final_line);
  void log(std::uint32_t done);

  std::FILE* out_;
  bool bar_;
  bool silent_;
  std::uint32_t total_;
  std::uint32_t first_tick_ = 0;
  Clock::time_point start_;
  Clock::time_point last_output_;
};

/// "1 h 02 min", "3 min 05 s", "12 s".
std::string format_duration(double seconds);

}  // namespace clustersim::run

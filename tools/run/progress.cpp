#include "tools/run/progress.hpp"

#include <unistd.h>

#include <algorithm>
#include <cmath>

namespace clustersim::run {

std::string format_duration(double seconds) {
  if (!std::isfinite(seconds) || seconds < 0) return "?";
  const auto s = static_cast<long long>(std::llround(seconds));
  char buffer[64];
  if (s >= 3600) {
    std::snprintf(buffer, sizeof buffer, "%lld h %02lld min", s / 3600, (s % 3600) / 60);
  } else if (s >= 60) {
    std::snprintf(buffer, sizeof buffer, "%lld min %02lld s", s / 60, s % 60);
  } else {
    std::snprintf(buffer, sizeof buffer, "%lld s", s);
  }
  return buffer;
}

ProgressReporter::ProgressReporter(std::FILE* out, ProgressMode mode, std::uint32_t total_ticks)
    : out_(out),
      bar_(mode == ProgressMode::Always || (mode == ProgressMode::Auto && isatty(fileno(out)))),
      silent_(mode == ProgressMode::Never),
      total_(total_ticks) {}

void ProgressReporter::on_run_start(const sim::Snapshot& initial) {
  first_tick_ = initial.tick;
  start_ = last_output_ = Clock::now();
}

void ProgressReporter::on_tick_end(const sim::Snapshot& snapshot) {
  if (silent_) return;
  const auto now = Clock::now();
  // Redraw a bar at most 10 times a second; log every 5 seconds.
  const auto interval = bar_ ? std::chrono::milliseconds(100) : std::chrono::milliseconds(5000);
  if (now - last_output_ < interval) return;
  last_output_ = now;
  const std::uint32_t done = snapshot.tick - first_tick_;
  if (bar_) {
    draw(done, false);
  } else {
    log(done);
  }
}

void ProgressReporter::on_run_end(const sim::Snapshot& final_state, sim::RunOutcome outcome) {
  if (silent_) return;
  const std::uint32_t done = final_state.tick - first_tick_;
  if (bar_) draw(done, true);
  const double elapsed = std::chrono::duration<double>(Clock::now() - start_).count();
  const char* what = outcome == sim::RunOutcome::Completed     ? "finished"
                     : outcome == sim::RunOutcome::Interrupted ? "interrupted"
                                                               : "failed";
  std::fprintf(out_, "run %s after %u of %u ticks in %s\n", what, done, total_,
               format_duration(elapsed).c_str());
  std::fflush(out_);
}

void ProgressReporter::draw(std::uint32_t done, bool final_line) {
  const double elapsed = std::chrono::duration<double>(Clock::now() - start_).count();
  const double rate = elapsed > 0 ? done / elapsed : 0.0;
  const double left = rate > 0 ? (total_ - done) / rate : NAN;
  constexpr int kWidth = 30;
  const int filled =
      total_ == 0 ? kWidth : static_cast<int>(kWidth * static_cast<double>(done) / total_);
  std::string bar(static_cast<std::size_t>(std::clamp(filled, 0, kWidth)), '#');
  bar.resize(kWidth, ' ');
  std::fprintf(out_, "\r[%s] %u/%u ticks  %.1f ticks/s  %s left   ", bar.c_str(), done, total_,
               rate, format_duration(left).c_str());
  if (final_line) std::fputc('\n', out_);
  std::fflush(out_);
}

void ProgressReporter::log(std::uint32_t done) {
  const double elapsed = std::chrono::duration<double>(Clock::now() - start_).count();
  const double rate = elapsed > 0 ? done / elapsed : 0.0;
  const double left = rate > 0 ? (total_ - done) / rate : NAN;
  std::fprintf(out_, "tick %u/%u (%.0f%%), %.1f ticks/s, about %s left\n", done, total_,
               total_ ? 100.0 * done / total_ : 100.0, rate, format_duration(left).c_str());
  std::fflush(out_);
}

}  // namespace clustersim::run

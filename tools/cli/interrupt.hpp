#pragma once
// Turns SIGINT and SIGTERM into a request to stop between ticks, so a run that
// is interrupted can flush its output and mark it interrupted. A second signal
// while the first is being handled falls back to the default action (the user
// insists), which ends the program at once.
namespace clustersim::cli {

class InterruptGuard {
 public:
  /// Installs the handlers; only one guard may exist at a time.
  InterruptGuard();
  ~InterruptGuard();
  InterruptGuard(const InterruptGuard&) = delete;
  InterruptGuard& operator=(const InterruptGuard&) = delete;

  bool requested() const;
  /// The signal that was received, or 0.
  int signal_number() const;
};

}  // namespace clustersim::cli

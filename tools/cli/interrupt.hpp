#pragma once
// Turns the signals that ask a program to end (SIGINT, SIGTERM, SIGHUP,
// SIGUSR1, SIGXCPU) into a request to stop between ticks, so a run that is
// interrupted flushes its output and marks it interrupted. Repeats of a signal
// change nothing — a process-group SIGTERM (what `scancel` sends) reaches a
// sweep's children twice, and a scheduler may signal again before its
// deadline — except a second Ctrl-C, which ends the program at once (the user
// insists; the file stays readable, its status "running"). SIGPIPE is ignored
// while the guard exists: progress written to a closed pipe is lost, the run
// goes on.
namespace clustersim::cli {

class InterruptGuard {
 public:
  /// Installs the handlers; only one guard may exist at a time.
  InterruptGuard();
  ~InterruptGuard();
  InterruptGuard(const InterruptGuard&) = delete;
  InterruptGuard& operator=(const InterruptGuard&) = delete;

  bool requested() const;
  /// The first signal that was received, or 0.
  int signal_number() const;
};

}  // namespace clustersim::cli

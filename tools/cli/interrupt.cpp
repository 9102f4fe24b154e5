#include "tools/cli/interrupt.hpp"

#include <array>
#include <atomic>
#include <csignal>
#include <stdexcept>

namespace clustersim::cli {

namespace {
// A signal handler can only talk to the program through a lock-free atomic with
// static storage; this is the one piece of global state in the program, and
// InterruptGuard owns it. An atomic (not a volatile sig_atomic_t) because other
// threads read it too: a sweep's workers poll it while the main thread takes
// the signal.
std::atomic<int> g_signal{0};
static_assert(std::atomic<int>::is_always_lock_free, "the signal flag must be lock-free");
bool g_installed = false;

constexpr std::array<int, 5> kStopSignals = {SIGINT, SIGTERM, SIGHUP, SIGUSR1, SIGXCPU};
std::array<struct sigaction, kStopSignals.size()> g_previous{};
struct sigaction g_previous_pipe {};

extern "C" void on_signal(int signal) {
  int none = 0;
  g_signal.compare_exchange_strong(none, signal, std::memory_order_relaxed);
  // A second Ctrl-C ends a run that does not stop: restore the default after
  // the first. Other signals stay handled, so their repeats are harmless.
  if (signal == SIGINT) std::signal(SIGINT, SIG_DFL);
}
}  // namespace

InterruptGuard::InterruptGuard() {
  if (g_installed) throw std::logic_error("only one InterruptGuard may exist at a time");
  g_installed = true;
  g_signal.store(0, std::memory_order_relaxed);
  struct sigaction action {};
  action.sa_handler = on_signal;
  sigemptyset(&action.sa_mask);
  for (std::size_t i = 0; i < kStopSignals.size(); ++i) {
    sigaction(kStopSignals[i], &action, &g_previous[i]);
  }
  struct sigaction ignore {};
  ignore.sa_handler = SIG_IGN;
  sigemptyset(&ignore.sa_mask);
  sigaction(SIGPIPE, &ignore, &g_previous_pipe);
}

InterruptGuard::~InterruptGuard() {
  for (std::size_t i = 0; i < kStopSignals.size(); ++i) {
    sigaction(kStopSignals[i], &g_previous[i], nullptr);
  }
  sigaction(SIGPIPE, &g_previous_pipe, nullptr);
  g_installed = false;
}

bool InterruptGuard::requested() const {
  return g_signal.load(std::memory_order_relaxed) != 0;
}
int InterruptGuard::signal_number() const {
  return g_signal.load(std::memory_order_relaxed);
}

}  // namespace clustersim::cli

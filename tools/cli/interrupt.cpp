#include "tools/cli/interrupt.hpp"

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
struct sigaction g_previous_int {};
struct sigaction g_previous_term {};

extern "C" void on_signal(int signal) {
  g_signal.store(signal, std::memory_order_relaxed);
  // Restore the default so that a second Ctrl-C ends a run that does not stop.
  std::signal(signal, SIG_DFL);
}
}  // namespace

InterruptGuard::InterruptGuard() {
  if (g_installed) throw std::logic_error("only one InterruptGuard may exist at a time");
  g_installed = true;
  g_signal.store(0, std::memory_order_relaxed);
  struct sigaction action {};
  action.sa_handler = on_signal;
  sigemptyset(&action.sa_mask);
  sigaction(SIGINT, &action, &g_previous_int);
  sigaction(SIGTERM, &action, &g_previous_term);
}

InterruptGuard::~InterruptGuard() {
  sigaction(SIGINT, &g_previous_int, nullptr);
  sigaction(SIGTERM, &g_previous_term, nullptr);
  g_installed = false;
}

bool InterruptGuard::requested() const {
  return g_signal.load(std::memory_order_relaxed) != 0;
}
int InterruptGuard::signal_number() const {
  return g_signal.load(std::memory_order_relaxed);
}

}  // namespace clustersim::cli

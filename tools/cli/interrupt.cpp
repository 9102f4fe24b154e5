#include "interrupt.hpp"

#include <csignal>
#include <stdexcept>

namespace clustersim::cli {

namespace {
// A signal handler can only talk to the program through a lock-free atomic or a
// volatile sig_atomic_t with static storage; this is the one piece of global
// state in the program, and InterruptGuard owns it.
volatile std::sig_atomic_t g_signal = 0;
bool g_installed = false;
struct sigaction g_previous_int {};
struct sigaction g_previous_term {};

extern "C" void on_signal(int signal) {
  g_signal = signal;
  // Restore the default so that a second Ctrl-C ends a run that does not stop.
  std::signal(signal, SIG_DFL);
}
}  // namespace

InterruptGuard::InterruptGuard() {
  if (g_installed) throw std::logic_error("only one InterruptGuard may exist at a time");
  g_installed = true;
  g_signal = 0;
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
  return g_signal != 0;
}
int InterruptGuard::signal_number() const {
  return static_cast<int>(g_signal);
}

}  // namespace clustersim::cli

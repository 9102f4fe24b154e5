#include "tools/sweep/runner.hpp"

#include "output/destination.hpp"
#include "output/run_reader.hpp"

#include <fcntl.h>
#include <poll.h>
#include <sched.h>
#include <sys/file.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstring>
#include <fstream>
#include <iterator>
#include <map>
#include <mutex>
#include <thread>
#include <vector>

#include "tools/files/atomic_file.hpp"
#include "tools/sweep/text.hpp"

namespace clustersim::sweep {

namespace fs = std::filesystem;

namespace {

fs::path lock_path(const fs::path& dir, const PlannedRun& run) {
  return dir / "locks" / (run.id + ".lock");
}
fs::path failure_path(const fs::path& dir, const PlannedRun& run) {
  return dir / "failures" / (run.id + ".txt");
}

/// Closes a descriptor when it goes out of scope.
struct Fd {
  int fd = -1;
  explicit Fd(int f) : fd(f) {}
  ~Fd() {
    if (fd >= 0) ::close(fd);
  }
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
};

/// The last non-empty line of a run's log: where `clustersim run` says why it stopped.
std::string last_line(const fs::path& log) {
  std::ifstream in(log, std::ios::binary);
  in.seekg(0, std::ios::end);
  const std::streamoff size = in.tellg();
  const std::streamoff start = std::max<std::streamoff>(0, size - 4096);
  in.seekg(start);
  std::string tail(std::istreambuf_iterator<char>(in), {});
  while (!tail.empty() && (tail.back() == '\n' || tail.back() == '\r' || tail.back() == ' ')) {
    tail.pop_back();
  }
  const std::size_t nl = tail.rfind('\n');
  return nl == std::string::npos ? tail : tail.substr(nl + 1);
}

RunOutcome record_failure(const fs::path& dir, const PlannedRun& run, std::string& error) {
  std::replace(error.begin(), error.end(), '\n', ' ');
  try {
    files::write_file_atomically(failure_path(dir, run), error + "\n");
  } catch (const files::FileError& e) {
    // Runs are executed on worker threads: report this with the run's own error.
    error += " (and its failure record was not written: " + std::string(e.what()) + ")";
  }
  return RunOutcome::Failed;
}

std::vector<std::string> run_arguments(const Plan& plan, const fs::path& dir, const PlannedRun& run,
                                       const ExecOptions& options) {
  std::vector<std::string> args{
      options.program.string(), "run", (dir / "scenario.yaml").string(), "-o",
      run_file(dir, run).string(), "--seed", std::to_string(run.seed), "--threads",
      std::to_string(std::max(1u, options.threads)), "--progress", "never",
      // A stale .partial of a killed attempt is replaced.
      "--force"};
  for (const scenario::Override& o : plan.overrides(run)) {
    args.push_back("--set");
    args.push_back(o.path + "=" + o.value);
  }
  return args;
}

/// Waits for the run process to end, sending it SIGTERM (once) when a stop is
/// requested. A pidfd wakes the wait the moment the process ends, with a
/// timeout to look at the stop request; without pidfds (Linux < 5.3) it polls.
/// Returns false if the process cannot be waited for (errno says why).
bool wait_for_child(pid_t pid, int& status, bool& signalled, const ExecOptions& options) {
  // Through syscall(): Debian 12's <sys/pidfd.h> lacks extern "C" for C++.
  const Fd pidfd(static_cast<int>(::syscall(SYS_pidfd_open, pid, 0)));
  auto pause = std::chrono::microseconds(100);
  for (;;) {
    const pid_t w = ::waitpid(pid, &status, WNOHANG);
    if (w == pid) return true;
    if (w < 0 && errno != EINTR) return false;
    if (!signalled && options.stop_requested && options.stop_requested()) {
      ::kill(pid, SIGTERM);
      signalled = true;
    }
    if (pidfd.fd >= 0) {
      pollfd p{pidfd.fd, POLLIN, 0};
      ::poll(&p, 1, 50);
    } else {
      std::this_thread::sleep_for(pause);
      pause = std::min(pause * 2, std::chrono::microseconds(2000));
    }
  }
}

}  // namespace

void Tally::add(RunOutcome o) {
  // One counter per outcome, in the order of RunOutcome.
  static constexpr std::size_t Tally::*kCounters[] = {&Tally::completed, &Tally::already_complete,
                                                      &Tally::failed, &Tally::busy,
                                                      &Tally::interrupted};
  ++(this->*kCounters[static_cast<std::size_t>(o)]);
}

RunOutcome execute_run(const Plan& plan, const fs::path& dir, const PlannedRun& run,
                       const ExecOptions& options, std::string& error) {
  std::error_code ec;
  const fs::path final_file = run_file(dir, run);
  if (fs::exists(final_file, ec)) return RunOutcome::AlreadyComplete;
  for (const char* sub : {"runs", "locks", "logs", "failures"})
    fs::create_directories(dir / sub, ec);

  // The lock is inherited by the child (as its fd 3) and so stays held until
  // the run process ends, even if this process is killed first.
  Fd lock(::open(lock_path(dir, run).c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644));
  if (lock.fd < 0) {
    error = "cannot open " + lock_path(dir, run).string() + ": " + std::strerror(errno);
    return record_failure(dir, run, error);
  }
  if (::flock(lock.fd, LOCK_EX | LOCK_NB) != 0) return RunOutcome::Busy;
  if (fs::exists(final_file, ec)) return RunOutcome::AlreadyComplete;
  // This process now owns the run: an output lock left beside its file is a
  // dead run's (killed, perhaps on another node, where its owner cannot be
  // checked from here), so the new run may take the path.
  fs::remove(output::OutputLock::path_of(final_file), ec);

  const fs::path log_file = dir / "logs" / (run.id + ".log");
  Fd log(::open(log_file.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644));
  Fd null(::open("/dev/null", O_RDONLY | O_CLOEXEC));
  if (log.fd < 0 || null.fd < 0) {
    error = "cannot open " + log_file.string() + ": " + std::strerror(errno);
    return record_failure(dir, run, error);
  }
  // Everything the child needs is prepared before fork: between fork and exec
  // only async-signal-safe calls are allowed in a threaded program.
  const std::vector<std::string> args = run_arguments(plan, dir, run, options);
  std::vector<char*> argv;
  for (const std::string& a : args) argv.push_back(const_cast<char*>(a.c_str()));
  argv.push_back(nullptr);
  const pid_t parent = ::getpid();
  const pid_t pid = ::fork();
  if (pid < 0) {
    error = std::string("cannot start a process: ") + std::strerror(errno);
    return record_failure(dir, run, error);
  }
  if (pid == 0) {
    // If the sweep dies (even by SIGKILL), its runs stop cleanly too.
    ::prctl(PR_SET_PDEATHSIG, SIGTERM);
    if (::getppid() != parent) ::_exit(127);
    ::dup2(null.fd, 0);
    ::dup2(log.fd, 1);
    ::dup2(log.fd, 2);
    if (lock.fd == 3) {
      ::fcntl(3, F_SETFD, 0);
    } else {
      ::dup2(lock.fd, 3);
    }
    ::execv(argv[0], argv.data());
    ::_exit(127);
  }

  int status = 0;
  bool signalled = false;
  if (!wait_for_child(pid, status, signalled, options)) {
    error = std::string("lost the run process: ") + std::strerror(errno);
    return record_failure(dir, run, error);
  }
  if (WIFEXITED(status) && WEXITSTATUS(status) == 0 && fs::exists(final_file, ec)) {
    fs::remove(failure_path(dir, run), ec);
    return RunOutcome::Completed;
  }
  if (signalled || (WIFEXITED(status) && WEXITSTATUS(status) == 130))
    return RunOutcome::Interrupted;
  const std::string said = last_line(log_file);
  if (WIFSIGNALED(status)) {
    // sigabbrev_np, unlike strsignal, is safe to call from several threads.
    const char* name = ::sigabbrev_np(WTERMSIG(status));
    error = "killed by signal " + std::to_string(WTERMSIG(status)) +
            (name ? std::string(" (SIG") + name + ")" : std::string());
  } else if (WEXITSTATUS(status) == 127 && said.empty()) {
    error = "cannot run " + options.program.string();
  } else {
    error = "exit status " + std::to_string(WEXITSTATUS(status));
  }
  if (!said.empty()) error += ": " + said;
  return record_failure(dir, run, error);
}

Tally run_range(const Plan& plan, const fs::path& dir, std::size_t first, std::size_t last,
                unsigned jobs, const ExecOptions& options) {
  std::atomic<std::size_t> next{first};
  std::mutex mutex;
  Tally tally;
  const auto worker = [&] {
    for (;;) {
      if (options.stop_requested && options.stop_requested()) return;
      const std::size_t i = next.fetch_add(1);
      if (i >= last) return;
      const auto start = std::chrono::steady_clock::now();
      std::string error;
      const RunOutcome outcome = execute_run(plan, dir, plan.runs[i], options, error);
      const double seconds =
          std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
      const std::lock_guard<std::mutex> guard(mutex);
      tally.add(outcome);
      if (options.on_done) options.on_done(plan.runs[i], outcome, error, seconds);
    }
  };
  std::vector<std::thread> threads;
  for (unsigned j = 1; j < std::max(1u, jobs); ++j) threads.emplace_back(worker);
  worker();
  for (std::thread& t : threads) t.join();
  return tally;
}

std::pair<std::size_t, std::size_t> task_share(std::size_t runs, std::size_t task,
                                               std::size_t tasks) {
  const std::size_t base = runs / tasks, extra = runs % tasks;
  const std::size_t first = task * base + std::min(task, extra);
  return {first, first + base + (task < extra ? 1 : 0)};
}

void write_failures_csv(const Plan& plan, const fs::path& dir) {
  std::map<std::size_t, std::string> failed;
  std::error_code ec;
  for (const fs::directory_entry& e : fs::directory_iterator(dir / "failures", ec)) {
    const std::string name = e.path().filename().string();
    if (e.path().extension() != ".txt") continue;
    const std::string id = e.path().stem().string();
    std::size_t index = 0;
    const auto [end, err] = std::from_chars(id.data(), id.data() + id.size(), index);
    if (err != std::errc() || end != id.data() + id.size() || index >= plan.runs.size() ||
        plan.runs[index].id != id) {
      continue;
    }
    if (fs::exists(run_file(dir, plan.runs[index]), ec)) continue;
    failed.emplace(index, failure_message(dir, plan.runs[index]));
  }
  std::string out = "run_id,point,replicate,seed,error\n";
  for (const auto& [index, message] : failed) {
    const PlannedRun& r = plan.runs[index];
    out += r.id + "," + std::to_string(r.point) + "," + std::to_string(r.replicate) + "," +
           std::to_string(r.seed) + "," + csv_field(message) + "\n";
  }
  // Tasks of an array may rewrite the file at once; each has its own temporary.
  files::write_file_atomically(dir / "failures.csv", out);
}

std::string failure_message(const fs::path& dir, const PlannedRun& run) {
  std::ifstream in(failure_path(dir, run), std::ios::binary);
  std::string line;
  std::getline(in, line);
  return line;
}

std::string run_file_problem(const fs::path& file, const PlannedRun& run) {
  try {
    const output::RunReader reader(file);
    const std::string status = reader.status();
    if (status != "complete") return "its status is '" + status + "', not 'complete'";
    const std::optional<std::uint64_t> seed = reader.seed();
    if (!seed) return "it records no seed";
    if (*seed != run.seed) {
      return "it was run with seed " + std::to_string(*seed) + ", the plan gives " +
             std::to_string(run.seed) + " (a file of another run?)";
    }
    return "";
  } catch (const std::exception& e) {
    return e.what();
  }
}

RunState run_state(const fs::path& dir, const PlannedRun& run) {
  std::error_code ec;
  if (fs::exists(run_file(dir, run), ec)) {
    return run_file_problem(run_file(dir, run), run).empty() ? RunState::Complete
                                                             : RunState::Invalid;
  }
  const Fd lock(::open(lock_path(dir, run).c_str(), O_RDONLY | O_CLOEXEC));
  if (lock.fd >= 0 && ::flock(lock.fd, LOCK_SH | LOCK_NB) != 0) return RunState::Running;
  if (fs::exists(failure_path(dir, run), ec)) return RunState::Failed;
  if (fs::exists(run_file(dir, run).string() + ".partial", ec)) return RunState::Partial;
  return RunState::Missing;
}

const char* run_state_name(RunState s) {
  static const char* const names[] = {"complete", "failed",  "running",
                                      "partial",  "missing", "invalid"};
  return names[static_cast<int>(s)];
}

unsigned available_cpus() {
  cpu_set_t set;
  CPU_ZERO(&set);
  if (::sched_getaffinity(0, sizeof set, &set) == 0) {
    return std::max(1u, static_cast<unsigned>(CPU_COUNT(&set)));
  }
  return std::max(1u, std::thread::hardware_concurrency());
}

}  // namespace clustersim::sweep

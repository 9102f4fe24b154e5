#include "output/hdf5_recorder.hpp"

#include <fcntl.h>
#include <hdf5.h>
#include <pwd.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <deque>
#include <exception>
#include <future>
#include <mutex>
#include <optional>
#include <span>
#include <string_view>
#include <system_error>
#include <thread>
#include <type_traits>
#include <variant>

#include "output/frames.hpp"
#include "output/run_file.hpp"

namespace clustersim::output {

namespace fs = std::filesystem;

namespace {

// One chunk of one series stays near this size, whatever the region count, so
// a very wide table does not make the engine buffer huge batches.
constexpr std::size_t kMaxChunkBytes = std::size_t{1} << 20;

std::string quoted(const fs::path& p) {
  return "'" + p.string() + "'";
}

std::string utc_now_iso8601() {
  const std::time_t now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm tm{};
  gmtime_r(&now, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

std::string host_name() {
  char buf[256] = {};
  if (::gethostname(buf, sizeof buf - 1) != 0) return "unknown";
  return buf;
}

std::string login_name() {
  if (const passwd* pw = ::getpwuid(::getuid()); pw != nullptr && pw->pw_name != nullptr) {
    return pw->pw_name;
  }
  if (const char* user = std::getenv("USER"); user != nullptr && *user != '\0') return user;
  return "unknown";
}

const char* status_name(sim::RunOutcome outcome) {
  switch (outcome) {
    case sim::RunOutcome::Completed:
      return "complete";
    case sim::RunOutcome::Interrupted:
      return "interrupted";
    case sim::RunOutcome::Failed:
      return "failed";
  }
  return "failed";
}

/// One unit of work for the writer thread.
using Message = std::variant<Batch, AgentFrame, EdgeFrame, Finish>;

}  // namespace

// ---------------------------------------------------------------------------

class Hdf5Recorder::Impl {
 public:
  Impl(fs::path final_path, RunMetadata meta, RecorderOptions options)
      : meta_(std::move(meta)), options_(options) {
    if (final_path.empty()) throw OutputError("no output file given");
    std::error_code ec;
    final_path_ = fs::absolute(final_path, ec);
    if (ec)
      throw OutputError("cannot resolve output path " + quoted(final_path) + ": " + ec.message());
    partial_path_ = final_path_;
    partial_path_ += ".partial";
    check_destination();
    if (meta_.run_id.empty()) meta_.run_id = meta_.scenario_name;
    if (meta_.host.empty()) meta_.host = host_name();
    if (meta_.author.empty()) meta_.author = login_name();
    if (std::none_of(meta_.library_versions.begin(), meta_.library_versions.end(),
                     [](const auto& lib) { return lib.first == "hdf5"; })) {
      meta_.library_versions.emplace_back("hdf5", hdf5_version());
    }
  }

  ~Impl() {
    if (state_ == State::Running) {
      // on_run_end never came (an exception escaped the run): stop the writer
      // and leave the .partial marked failed. Nothing may throw here.
      try {
        if (batch_.rows() > 0) push(std::move(batch_));
        push(Finish{"failed", utc_now_iso8601()});
      } catch (...) {
        // push only throws on allocation failure; joining is what matters.
      }
    }
    if (writer_.joinable()) writer_.join();
  }

  void start(const sim::Snapshot& initial) {
    if (state_ != State::Constructed) throw OutputError("a recorder records one run only");
    state_ = State::Finished;  // until the file exists
    const sim::World& world = initial.world;
    const sim::IndicatorTable& table = world.indicators;
    series_count_ = table.series_count();
    region_count_ = table.region_count();
    series_names_.clear();
    for (const sim::SeriesInfo& s : table.series()) series_names_.push_back(s.name);
    if (series_count_ > 0 && region_count_ != world.regions.size()) {
      throw OutputError("cannot record to " + quoted(final_path_) + ": the indicator table has " +
                        std::to_string(region_count_) + " regions but the world has " +
                        std::to_string(world.regions.size()));
    }
    std::vector<Aggregation> aggregations;
    for (const sim::SeriesInfo& s : table.series()) {
      if (s.name.empty() || s.name == "." || s.name.find('/') != std::string::npos) {
        throw OutputError("cannot record to " + quoted(final_path_) + ": series name '" + s.name +
                          "' cannot name an HDF5 group");
      }
      try {
        aggregations.push_back(parse_aggregation(s.aggregation));
      } catch (const std::invalid_argument& e) {
        throw OutputError("cannot record to " + quoted(final_path_) + ": series '" + s.name +
                          "': " + e.what());
      }
    }
    const std::size_t row_bytes = std::max<std::size_t>(region_count_, 1) * sizeof(double);
    chunk_rows_ = std::clamp<std::size_t>(options_.chunk_rows, 1,
                                          std::max<std::size_t>(kMaxChunkBytes / row_bytes, 1));

    Layout layout;
    layout.series = table.series();
    layout.aggregations = std::move(aggregations);
    layout.regions = world.regions.all();
    layout.chunk_rows = chunk_rows_;
    layout.knowledge_fields = world.agents.fields();
    layout.snapshot_every = options_.snapshot_every;
    layout.swmr = options_.swmr;
    layout.start_time = utc_now_iso8601();
    std::promise<void> created;
    std::future<void> created_future = created.get_future();
    writer_ =
        std::thread([this, layout = std::move(layout), created = std::move(created)]() mutable {
          writer_main(layout, created);
        });
    try {
      created_future.get();
    } catch (...) {
      writer_.join();
      throw;
    }
    state_ = State::Running;
    batch_ = Batch(series_count_, region_count_, chunk_rows_);
    last_push_ = std::chrono::steady_clock::now();
    add_row(initial);
  }

  void tick(const sim::Snapshot& snapshot) {
    if (state_ != State::Running) {
      throw OutputError(
          "cannot record to " + quoted(final_path_) +
          (state_ == State::Constructed ? ": the run has not started" : ": the run has ended"));
    }
    throw_if_writer_failed();
    add_row(snapshot);
  }

  void end(sim::RunOutcome outcome) {
    if (state_ != State::Running) return;  // never started (nothing written) or ended already
    if (batch_.rows() > 0) push(std::move(batch_));
    push(Finish{status_name(outcome), utc_now_iso8601()});
    state_ = State::Finished;  // only now: if a push threw, the destructor still stops the writer
    writer_.join();
    if (writer_failed_.load(std::memory_order_acquire)) {
      if (!error_reported_) {
        error_reported_ = true;
        throw OutputError(writer_error());
      }
      return;
    }
    if (outcome == sim::RunOutcome::Completed) publish();
  }

  const fs::path& final_path() const { return final_path_; }
  const fs::path& partial_path() const { return partial_path_; }

 private:
  enum class State { Constructed, Running, Finished };

  void check_destination() const {
    std::error_code ec;
    if (fs::is_directory(final_path_, ec)) {
      throw OutputError("cannot write " + quoted(final_path_) + ": it is a directory");
    }
    for (const fs::path& p : {final_path_, partial_path_}) {
      const bool exists = fs::exists(fs::symlink_status(p, ec));
      if (exists && !options_.force) {
        throw OutputError("output file " + quoted(p) +
                          " already exists; refusing to overwrite it without --force");
      }
    }
    const fs::path dir = final_path_.parent_path();
    const fs::file_status dir_status = fs::status(dir, ec);
    if (!fs::exists(dir_status)) {
      throw OutputError("cannot write " + quoted(final_path_) + ": directory " + quoted(dir) +
                        " does not exist");
    }
    if (!fs::is_directory(dir_status)) {
      throw OutputError("cannot write " + quoted(final_path_) + ": " + quoted(dir) +
                        " is not a directory");
    }
    // access() asks the kernel, so ACLs and read-only mounts count too.
    if (::access(dir.c_str(), W_OK | X_OK) != 0) {
      throw OutputError("cannot write " + quoted(final_path_) + ": directory " + quoted(dir) +
                        " is not writable (" + std::strerror(errno) + ")");
    }
  }

  std::size_t index_in(const sim::IndicatorTable& table, const std::string& name) const {
    try {
      return table.index_of(name);
    } catch (const std::out_of_range&) {
      throw OutputError("cannot record to " + quoted(final_path_) + ": series '" + name +
                        "' is no longer in the indicator table");
    }
  }

  void add_row(const sim::Snapshot& snapshot) {
    const sim::IndicatorTable& table = snapshot.world.indicators;
    if (table.series_count() != series_count_ || table.region_count() != region_count_) {
      throw OutputError("cannot record to " + quoted(final_path_) +
                        ": the indicator table changed shape during the run");
    }
    const std::size_t row = batch_.rows();
    for (std::size_t s = 0; s < series_count_; ++s) {
      // By name: the datasets were created for the series the first table
      // declared, so a table that changed its series cannot fill the wrong one.
      const std::span<const double> values = table.row(index_in(table, series_names_[s]));
      std::copy(values.begin(), values.end(),
                batch_.values.begin() +
                    static_cast<std::ptrdiff_t>((s * batch_.capacity + row) * region_count_));
    }
    batch_.steps.push_back(snapshot.tick);
    batch_.times.push_back(snapshot.time);
    const auto now = std::chrono::steady_clock::now();
    const bool due =
        options_.flush_interval > 0.0 &&
        std::chrono::duration<double>(now - last_push_).count() >= options_.flush_interval;
    if (batch_.rows() == batch_.capacity || due) {
      push(std::move(batch_));
      batch_ = Batch(series_count_, region_count_, chunk_rows_);
      last_push_ = now;
    }
    if (options_.snapshot_every > 0 && snapshot.tick % options_.snapshot_every == 0) {
      // Rows first, so the series never lag behind a snapshot a reader sees.
      if (batch_.rows() > 0) {
        push(std::move(batch_));
        batch_ = Batch(series_count_, region_count_, chunk_rows_);
      }
      push(capture_agents(snapshot.world, snapshot.tick, snapshot.time));
      push(capture_edges(snapshot.world, snapshot.tick, snapshot.time));
    }
  }

  /// Blocks while the queue is full. The writer keeps draining the queue even
  /// after an error, so this never waits forever.
  void push(Message message) {
    std::unique_lock lock(queue_mutex_);
    not_full_.wait(
        lock, [&] { return queue_.size() < std::max<std::size_t>(options_.queue_capacity, 1); });
    queue_.push_back(std::move(message));
    lock.unlock();
    not_empty_.notify_one();
  }

  Message pop() {
    std::unique_lock lock(queue_mutex_);
    not_empty_.wait(lock, [&] { return !queue_.empty(); });
    Message message = std::move(queue_.front());
    queue_.pop_front();
    lock.unlock();
    not_full_.notify_one();
    return message;
  }

  void throw_if_writer_failed() {
    if (writer_failed_.load(std::memory_order_acquire)) {
      error_reported_ = true;
      throw OutputError(writer_error());
    }
  }

  std::string writer_error() {
    std::lock_guard lock(error_mutex_);
    return error_;
  }

  void record_writer_error(std::exception_ptr error) {
    std::string message;
    try {
      std::rethrow_exception(error);
    } catch (const std::exception& e) {
      message = e.what();
    } catch (...) {
      message = "cannot write " + quoted(partial_path_) + ": unknown error";
    }
    {
      std::lock_guard lock(error_mutex_);
      if (error_.empty()) error_ = message;
    }
    writer_failed_.store(true, std::memory_order_release);
  }

  void writer_main(const Layout& layout, std::promise<void>& created) {
    // The library is built thread-safe, so its error stack is per thread:
    // silence the automatic printing here, on the thread that calls HDF5.
    H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr);
    std::optional<RunFile> file;
    bool file_created = false;
    try {
      file.emplace(partial_path_, options_.force, layout, meta_, file_created);
      created.set_value();
    } catch (...) {
      file.reset();
      // A half-made file helps no one and would block the next attempt; the
      // error says why. A file that was there before is not ours to remove.
      if (file_created) {
        std::error_code ec;
        fs::remove(partial_path_, ec);
      }
      created.set_exception(std::current_exception());
      return;
    }
    bool broken = false;
    for (;;) {
      Message message = pop();
      if (const Finish* finish = std::get_if<Finish>(&message)) {
        if (broken) {
          file->mark_failed(finish->end_time);
        } else {
          try {
            file->finish(*finish);
          } catch (...) {
            record_writer_error(std::current_exception());
            file->mark_failed(finish->end_time);
          }
        }
        file.reset();
        return;
      }
      if (broken) continue;  // keep draining so the engine never blocks on us
      try {
        std::visit(
            [&](const auto& payload) {
              if constexpr (!std::is_same_v<std::decay_t<decltype(payload)>, Finish>) {
                file->append(payload);
              }
            },
            message);
        file->flush_for_readers();
      } catch (...) {
        record_writer_error(std::current_exception());
        broken = true;
      }
    }
  }

  /// Moves the finished file into place; without force, never over a file
  /// that appeared during the run.
  void publish() {
    const std::string where = "; the results are in " + quoted(partial_path_);
    if (options_.force) {
      std::error_code ec;
      fs::rename(partial_path_, final_path_, ec);
      if (ec) {
        throw OutputError("cannot rename to " + quoted(final_path_) + ": " + ec.message() + where);
      }
      return;
    }
    if (::renameat2(AT_FDCWD, partial_path_.c_str(), AT_FDCWD, final_path_.c_str(),
                    RENAME_NOREPLACE) == 0) {
      return;
    }
    const int error = errno;
    if (error == EEXIST) {
      throw OutputError("output file " + quoted(final_path_) +
                        " appeared during the run; not overwriting it" + where);
    }
    if (error != EINVAL && error != ENOSYS) {
      throw OutputError("cannot rename to " + quoted(final_path_) + ": " + std::strerror(error) +
                        where);
    }
    // The filesystem cannot rename without replacing: check, then rename.
    std::error_code ec;
    if (fs::exists(final_path_, ec)) {
      throw OutputError("output file " + quoted(final_path_) +
                        " appeared during the run; not overwriting it" + where);
    }
    fs::rename(partial_path_, final_path_, ec);
    if (ec) {
      throw OutputError("cannot rename to " + quoted(final_path_) + ": " + ec.message() + where);
    }
  }

  fs::path final_path_;
  fs::path partial_path_;
  RunMetadata meta_;
  RecorderOptions options_;

  // Engine thread only.
  State state_ = State::Constructed;
  std::size_t series_count_ = 0;
  std::vector<std::string> series_names_;  ///< the datasets' series, in their order
  std::size_t region_count_ = 0;
  std::size_t chunk_rows_ = 1;
  Batch batch_;
  std::chrono::steady_clock::time_point last_push_;
  bool error_reported_ = false;

  // Shared with the writer thread.
  std::thread writer_;
  std::mutex queue_mutex_;
  std::condition_variable not_empty_;
  std::condition_variable not_full_;
  std::deque<Message> queue_;
  std::atomic<bool> writer_failed_{false};
  std::mutex error_mutex_;
  std::string error_;
};

Hdf5Recorder::Hdf5Recorder(fs::path final_path, RunMetadata meta, RecorderOptions options)
    : impl_(std::make_unique<Impl>(std::move(final_path), std::move(meta), options)) {}

Hdf5Recorder::~Hdf5Recorder() = default;

void Hdf5Recorder::on_run_start(const sim::Snapshot& initial) {
  impl_->start(initial);
}

void Hdf5Recorder::on_tick_end(const sim::Snapshot& snapshot) {
  impl_->tick(snapshot);
}

void Hdf5Recorder::on_run_end(const sim::Snapshot& /*final_state*/, sim::RunOutcome outcome) {
  impl_->end(outcome);
}

const fs::path& Hdf5Recorder::final_path() const {
  return impl_->final_path();
}

const fs::path& Hdf5Recorder::partial_path() const {
  return impl_->partial_path();
}

std::string hdf5_version() {
  unsigned major = 0, minor = 0, release = 0;
  if (H5get_libversion(&major, &minor, &release) < 0) return H5_VERSION;
  return std::to_string(major) + "." + std::to_string(minor) + "." + std::to_string(release);
}

}  // namespace clustersim::output

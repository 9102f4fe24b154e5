#include "tools/files/atomic_file.hpp"

#include <gtest/gtest.h>
#include <sys/resource.h>
#include <unistd.h>

#include <csignal>
#include <fstream>
#include <iterator>
#include <sstream>

namespace clustersim::files {
namespace {

namespace fs = std::filesystem;

class AtomicFileTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("atomic_file_test." + std::to_string(::getpid()) + "." +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  static std::string read(const fs::path& file) {
    std::ifstream in(file, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), {});
  }
  /// Every name in the folder: a temporary left behind shows up here.
  std::vector<std::string> names() const {
    std::vector<std::string> out;
    for (const auto& e : fs::directory_iterator(dir_)) out.push_back(e.path().filename().string());
    std::sort(out.begin(), out.end());
    return out;
  }
  void write_old(const fs::path& file) const { std::ofstream(file, std::ios::binary) << "old\n"; }

  fs::path dir_;
};

/// Lowers the file-size limit so that writes past `bytes` fail with EFBIG (a
/// full disk, as far as the writer can tell), and restores it afterwards.
class FileSizeLimit {
 public:
  explicit FileSizeLimit(rlim_t bytes) {
    ::getrlimit(RLIMIT_FSIZE, &saved_);
    previous_signal_ = std::signal(SIGXFSZ, SIG_IGN);
    rlimit lower = saved_;
    lower.rlim_cur = bytes;
    ::setrlimit(RLIMIT_FSIZE, &lower);
  }
  ~FileSizeLimit() {
    ::setrlimit(RLIMIT_FSIZE, &saved_);
    std::signal(SIGXFSZ, previous_signal_);
  }

 private:
  rlimit saved_{};
  void (*previous_signal_)(int) = nullptr;
};

TEST_F(AtomicFileTest, WritesANewFile) {
  write_file_atomically(dir_ / "a.txt", "hello\n");
  EXPECT_EQ(read(dir_ / "a.txt"), "hello\n");
  EXPECT_EQ(names(), std::vector<std::string>{"a.txt"});
}

TEST_F(AtomicFileTest, ReplacesAnExistingFileAndLeavesNoTemporary) {
  write_old(dir_ / "a.txt");
  write_file_atomically(dir_ / "a.txt", "new content\n");
  EXPECT_EQ(read(dir_ / "a.txt"), "new content\n");
  EXPECT_EQ(names(), std::vector<std::string>{"a.txt"});
}

TEST_F(AtomicFileTest, WritesEmptyContent) {
  write_old(dir_ / "a.txt");
  write_file_atomically(dir_ / "a.txt", "");
  EXPECT_EQ(read(dir_ / "a.txt"), "");
}

TEST_F(AtomicFileTest, AFailedWriteLeavesTheOldFileIntact) {
  write_old(dir_ / "a.txt");
  const std::string big(1 << 16, 'x');
  try {
    const FileSizeLimit limit(4096);
    write_file_atomically(dir_ / "a.txt", big);
    FAIL() << "a write past the file-size limit succeeded";
  } catch (const FileError& e) {
    EXPECT_NE(
        std::string(e.what()).find("cannot write '" + (dir_ / "a.txt").string() + "': write: "),
        std::string::npos)
        << e.what();
  }
  EXPECT_EQ(read(dir_ / "a.txt"), "old\n");
  EXPECT_EQ(names(), std::vector<std::string>{"a.txt"});
}

TEST_F(AtomicFileTest, AFolderThatDoesNotExistIsAnError) {
  try {
    write_file_atomically(dir_ / "missing" / "a.txt", "x");
    FAIL() << "wrote into a folder that does not exist";
  } catch (const FileError& e) {
    EXPECT_NE(std::string(e.what()).find(": open '"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("No such file or directory"), std::string::npos)
        << e.what();
  }
}

TEST_F(AtomicFileTest, AFailedRenameLeavesTheDestinationAndNoTemporary) {
  // A non-empty folder cannot be replaced by a file.
  fs::create_directory(dir_ / "a.txt");
  write_old(dir_ / "a.txt" / "inside");
  EXPECT_THROW(write_file_atomically(dir_ / "a.txt", "new\n"), FileError);
  EXPECT_EQ(read(dir_ / "a.txt" / "inside"), "old\n");
  EXPECT_EQ(names(), std::vector<std::string>{"a.txt"});
}

TEST_F(AtomicFileTest, ReplaceRunsTheMakerOnATemporaryBesideTheFile) {
  write_old(dir_ / "a.h5");
  fs::path used;
  replace_file_atomically(dir_ / "a.h5", [&](const fs::path& tmp) {
    used = tmp;
    std::ofstream(tmp, std::ios::binary) << "made\n";
  });
  EXPECT_EQ(used.parent_path(), dir_);
  EXPECT_NE(used, dir_ / "a.h5");
  EXPECT_EQ(read(dir_ / "a.h5"), "made\n");
  EXPECT_EQ(names(), std::vector<std::string>{"a.h5"});
}

TEST_F(AtomicFileTest, AMakerThatThrowsLeavesTheOldFileAndNoTemporary) {
  write_old(dir_ / "a.h5");
  const auto make = [](const fs::path& tmp) {
    std::ofstream(tmp, std::ios::binary) << "half";
    throw std::invalid_argument("the maker's own error");
  };
  EXPECT_THROW(replace_file_atomically(dir_ / "a.h5", make), std::invalid_argument);
  EXPECT_EQ(read(dir_ / "a.h5"), "old\n");
  EXPECT_EQ(names(), std::vector<std::string>{"a.h5"});
}

TEST_F(AtomicFileTest, AMakerThatWritesNothingIsAnError) {
  write_old(dir_ / "a.h5");
  EXPECT_THROW(replace_file_atomically(dir_ / "a.h5", [](const fs::path&) {}), FileError);
  EXPECT_EQ(read(dir_ / "a.h5"), "old\n");
}

}  // namespace
}  // namespace clustersim::files

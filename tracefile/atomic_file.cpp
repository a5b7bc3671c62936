#include "tracefile/atomic_file.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <climits>
#include <csignal>
#include <cstring>
#include <filesystem>

#include <fmt/format.h>

namespace buslab::tracefile {

namespace {

constexpr size_t kFlushAt = size_t{1} << 20;

// Temporary files being written, removed by the signal handler: fixed storage, since a handler may not allocate.
constexpr int kSlots = 16;
char g_temporary[kSlots][PATH_MAX];
volatile sig_atomic_t g_in_use[kSlots];

extern "C" void remove_temporaries_and_die(int signal) {
  for (int i = 0; i < kSlots; ++i)
    if (g_in_use[i]) unlink(g_temporary[i]);
  std::signal(signal, SIG_DFL);
  std::raise(signal);
}

// Installed once, and only over the default action: a program with its own handlers keeps them. A write beyond
// the file size limit (ulimit -f) then fails with EFBIG, reported like a full disk, instead of killing the process
// with SIGXFSZ.
void install_signal_cleanup() {
  static const bool installed = [] {
    struct sigaction size_limit {};
    if (sigaction(SIGXFSZ, nullptr, &size_limit) == 0 && size_limit.sa_handler == SIG_DFL)
      std::signal(SIGXFSZ, SIG_IGN);
    for (int sig : {SIGINT, SIGTERM, SIGHUP}) {
      struct sigaction current {};
      if (sigaction(sig, nullptr, &current) != 0 || current.sa_handler != SIG_DFL) continue;
      struct sigaction action {};
      action.sa_handler = remove_temporaries_and_die;
      sigemptyset(&action.sa_mask);
      sigaction(sig, &action, nullptr);
    }
    return true;
  }();
  (void)installed;
}

int register_temporary(const std::string& path) {
  if (path.size() >= PATH_MAX) return -1;
  for (int i = 0; i < kSlots; ++i)
    if (!g_in_use[i]) {
      std::memcpy(g_temporary[i], path.c_str(), path.size() + 1);
      g_in_use[i] = 1;
      return i;
    }
  return -1;  // more than kSlots files at once: this one is not cleaned up on a signal
}

void unregister_temporary(int slot) {
  if (slot >= 0) g_in_use[slot] = 0;
}

// Where the file really goes: a symbolic link is followed, so that it stays a link to the new file.
std::string resolved(const std::string& path) {
  struct stat st {};
  if (lstat(path.c_str(), &st) != 0 || !S_ISLNK(st.st_mode)) return path;
  std::error_code error;
  const auto target = std::filesystem::weakly_canonical(path, error);
  return error ? path : target.string();
}

bool is_special_file(const std::string& path) {
  struct stat st {};
  return stat(path.c_str(), &st) == 0 && !S_ISREG(st.st_mode);
}

}  // namespace

class AtomicFile::Buffer : public std::streambuf {
 public:
  explicit Buffer(AtomicFile& file) : file_(file) {}

 protected:
  int_type overflow(int_type ch) override {
    if (traits_type::eq_int_type(ch, traits_type::eof())) return traits_type::not_eof(ch);
    const char c = traits_type::to_char_type(ch);
    return xsputn(&c, 1) == 1 ? ch : traits_type::eof();
  }
  std::streamsize xsputn(const char* text, std::streamsize count) override {
    if (file_.stream_error_) return 0;
    file_.buffer_.append(text, static_cast<size_t>(count));
    if (file_.buffer_.size() >= kFlushAt) file_.stream_error_ = file_.flush_buffer();
    return file_.stream_error_ ? 0 : count;
  }

 private:
  AtomicFile& file_;
};

AtomicFile::AtomicFile(std::string path) : path_(std::move(path)) {
  if (path_.empty()) throw OutputError("cannot write a file with an empty name");
  final_ = resolved(path_);
  if (is_special_file(final_)) {
    fd_ = open(final_.c_str(), O_WRONLY | O_CLOEXEC);
    if (fd_ < 0) fail("cannot write", errno);
    return;
  }
  const std::filesystem::path target(final_);
  const std::string name = target.filename().string();
  if (name.empty() || name == "." || name == "..") fail("cannot write", EISDIR);
  temporary_ = (target.parent_path() / fmt::format(".{}.{}.tmp", name, getpid())).string();
  install_signal_cleanup();
  unlink(temporary_.c_str());  // left by an earlier process of the same id, killed outright
  fd_ = open(temporary_.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
  if (fd_ < 0) fail("cannot write", errno);
  slot_ = register_temporary(temporary_);
}

AtomicFile::~AtomicFile() {
  if (fd_ >= 0) close(fd_);
  if (!temporary_.empty() && !committed_) unlink(temporary_.c_str());
  unregister_temporary(slot_);
}

void AtomicFile::fail(const std::string& what, int error) const {
  throw OutputError(fmt::format("{}: {}: {}", path_, what, std::strerror(error)));
}

int AtomicFile::flush_buffer() {
  size_t done = 0;
  while (done < buffer_.size()) {
    const ssize_t n = ::write(fd_, buffer_.data() + done, buffer_.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return n < 0 ? errno : EIO;
    done += static_cast<size_t>(n);
  }
  buffer_.clear();
  return 0;
}

void AtomicFile::write(std::string_view text) {
  buffer_ += text;
  if (buffer_.size() < kFlushAt) return;
  if (const int error = flush_buffer()) fail("cannot write", error);
}

std::ostream& AtomicFile::stream() {
  if (!stream_) {
    streambuf_ = std::make_unique<Buffer>(*this);
    stream_ = std::make_unique<std::ostream>(streambuf_.get());
  }
  return *stream_;
}

void AtomicFile::commit() {
  if (stream_error_) fail("cannot write", stream_error_);
  if (const int error = flush_buffer()) fail("cannot write", error);
  const int fd = fd_;
  fd_ = -1;
  if (close(fd) != 0) fail("cannot write", errno);
  if (temporary_.empty()) return;
  if (rename(temporary_.c_str(), final_.c_str()) != 0) fail("cannot put the file in place", errno);
  committed_ = true;
  unregister_temporary(slot_);
  slot_ = -1;
}

void write_file_atomically(const std::string& path, std::string_view text) {
  AtomicFile file(path);
  file.write(text);
  file.commit();
}

}  // namespace buslab::tracefile

#pragma once
// A file written whole or not at all. The text goes to a hidden temporary file next to the target
// (".<name>.<pid>.tmp"), which replaces the target by a rename only once it is complete, so a failure (disk full,
// a file size limit, an interrupted run) leaves the target as it was, never a truncated file. An interrupt or
// termination signal (SIGINT, SIGTERM, SIGHUP) removes the temporary files being written before the process
// ends. A target that exists and is not a regular file (/dev/stdout, a pipe, /dev/null) is written in place.
#include <memory>
#include <ostream>
#include <stdexcept>
#include <string>
#include <string_view>

namespace buslab::tracefile {

// An output could not be written; the message names the file and the system's reason.
class OutputError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

class AtomicFile {
 public:
  // Opens the temporary file; throws OutputError when it cannot (a missing or read-only directory, ...).
  explicit AtomicFile(std::string path);
  AtomicFile(const AtomicFile&) = delete;
  AtomicFile& operator=(const AtomicFile&) = delete;
  // Not committed: the temporary file is removed and the target left as it was.
  ~AtomicFile();

  // Buffered; throws OutputError as soon as the system refuses the bytes.
  void write(std::string_view text);
  // For writers that take an ostream; a failure is kept and reported by commit().
  std::ostream& stream();
  // Writes what is buffered and puts the file in place; throws OutputError naming the file.
  void commit();

  const std::string& path() const { return path_; }

 private:
  class Buffer;
  int flush_buffer();  // 0, or the errno of the failed write
  [[noreturn]] void fail(const std::string& what, int error) const;

  std::string path_;       // as the caller named it: messages use it
  std::string final_;      // where the file goes (a link resolved)
  std::string temporary_;  // empty: written in place
  int fd_ = -1;
  int slot_ = -1;  // in the registry of temporary files removed on a signal
  bool committed_ = false;
  std::string buffer_;
  int stream_error_ = 0;
  std::unique_ptr<Buffer> streambuf_;
  std::unique_ptr<std::ostream> stream_;
};

// The whole text as one file.
void write_file_atomically(const std::string& path, std::string_view text);

}  // namespace buslab::tracefile

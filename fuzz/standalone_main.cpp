// A main() for the fuzz targets where libFuzzer is not there (g++ builds, the sanitizer preset, ctest): it runs
// every input of the corpus, then, for a budget of runs or seconds, inputs mutated from them at random (byte
// flips, insertions and deletions, dictionary tokens, interesting numbers, splices of two inputs). Blind, without
// libFuzzer's coverage feedback, but deterministic for a seed: ctest runs a fixed budget of it. The input that
// crashes is written to crash-<target>.input in the current directory first.
//
// Usage: fuzz_<target> [--runs N] [--seconds S] [--seed K] [--dict FILE] [--max-len BYTES] CORPUS_DIR_OR_FILE...
#include <fcntl.h>
#include <signal.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <random>
#include <sstream>
#include <string>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size);
// Present in sanitizer builds: called before a sanitizer ends the process.
extern "C" void __sanitizer_set_death_callback(void (*callback)(void)) __attribute__((weak));

namespace {

// The input being run, kept where a signal handler can write it out.
std::string current;
char crash_path[256] = "crash.input";

void save_current() {
  const int fd = ::open(crash_path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
  if (fd < 0) return;
  for (size_t written = 0; written < current.size();) {
    const ssize_t n = ::write(fd, current.data() + written, current.size() - written);
    if (n <= 0) break;
    written += static_cast<size_t>(n);
  }
  ::close(fd);
  static const char note[] = "\nstandalone fuzz driver: the input is saved as ";
  (void)!::write(2, note, sizeof note - 1);
  (void)!::write(2, crash_path, std::strlen(crash_path));
  (void)!::write(2, "\n", 1);
}

void on_fatal_signal(int signal) {
  save_current();
  ::signal(signal, SIG_DFL);
  ::raise(signal);
}

std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// libFuzzer's dictionary format: one "token" per line (with \\ and \" escapes, \xNN bytes); # comments.
std::vector<std::string> read_dictionary(const std::string& path) {
  std::vector<std::string> tokens;
  std::ifstream in(path);
  std::string line;
  while (std::getline(in, line)) {
    const size_t open = line.find('"'), close = line.rfind('"');
    if (line.empty() || line[0] == '#' || open == std::string::npos || close <= open) continue;
    std::string token;
    for (size_t i = open + 1; i < close; ++i) {
      if (line[i] == '\\' && i + 1 < close) {
        ++i;
        if (line[i] == 'x' && i + 2 < close) {
          token += static_cast<char>(std::stoi(line.substr(i + 1, 2), nullptr, 16));
          i += 2;
          continue;
        }
      }
      token += line[i];
    }
    tokens.push_back(token);
  }
  return tokens;
}

class Mutator {
 public:
  Mutator(uint64_t seed, std::vector<std::string> dictionary, size_t max_len)
      : rng_(seed), dictionary_(std::move(dictionary)), max_len_(max_len) {}

  std::string mutate(std::string text, const std::vector<std::string>& corpus) {
    const int steps = 1 + static_cast<int>(below(4));
    for (int s = 0; s < steps; ++s) step(text, corpus);
    if (text.size() > max_len_) text.resize(max_len_);
    return text;
  }

 private:
  size_t below(size_t n) { return n == 0 ? 0 : static_cast<size_t>(rng_() % n); }

  void step(std::string& text, const std::vector<std::string>& corpus) {
    static const char* const kInteresting[] = {"0",          "-1",  "1e308", "-1e308", "1e-308", "18446744073709551615",
                                               "2147483648", "NaN", "null",  "\"\"",   "[]",     "{}",
                                               "1e400",      "0.5", "true",  "65536",  "-0",     "4294967296"};
    const size_t at = below(text.size() + 1);
    switch (below(8)) {
      case 0:  // flip a bit
        if (!text.empty()) text[below(text.size())] ^= static_cast<char>(1 << below(8));
        break;
      case 1:  // a random byte in
        text.insert(at, 1, static_cast<char>(below(256)));
        break;
      case 2: {  // a range out
        text.erase(at, below(std::min<size_t>(64, text.size() - at) + 1));
        break;
      }
      case 3: {  // a range doubled
        text.insert(at, text.substr(at, below(std::min<size_t>(256, text.size() - at) + 1)));
        break;
      }
      case 4:
      case 5:  // a dictionary token in, or over the text there
        if (!dictionary_.empty()) {
          const std::string& token = dictionary_[below(dictionary_.size())];
          if (below(2) && at < text.size())
            text.replace(at, std::min(token.size(), text.size() - at), token);
          else
            text.insert(at, token);
        }
        break;
      case 6: {  // a number replaced by an interesting one
        size_t i = at;
        while (i < text.size() && !(text[i] >= '0' && text[i] <= '9')) ++i;
        size_t j = i;
        while (j < text.size() && ((text[j] >= '0' && text[j] <= '9') || text[j] == '.' || text[j] == 'e')) ++j;
        if (i < text.size()) text.replace(i, j - i, kInteresting[below(std::size(kInteresting))]);
        break;
      }
      default: {  // a splice: the head of this input, the tail of another
        const std::string& other = corpus[below(corpus.size())];
        text = text.substr(0, at) + other.substr(below(other.size() + 1));
        break;
      }
    }
  }

  std::mt19937_64 rng_;
  std::vector<std::string> dictionary_;
  size_t max_len_;
};

int usage(const char* program) {
  std::cerr << "usage: " << program
            << " [--runs N] [--seconds S] [--seed K] [--dict FILE] [--max-len BYTES] CORPUS_DIR_OR_FILE...\n";
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  uint64_t runs = 0, seed = 1;
  double seconds = 0;
  size_t max_len = 1 << 20;
  std::string dictionary_path;
  std::vector<std::string> inputs;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    const bool has_value = i + 1 < argc;
    if (arg == "--runs" && has_value)
      runs = std::stoull(argv[++i]);
    else if (arg == "--seconds" && has_value)
      seconds = std::stod(argv[++i]);
    else if (arg == "--seed" && has_value)
      seed = std::stoull(argv[++i]);
    else if (arg == "--dict" && has_value)
      dictionary_path = argv[++i];
    else if (arg == "--max-len" && has_value)
      max_len = std::stoull(argv[++i]);
    else if (!arg.empty() && arg[0] == '-')
      return usage(argv[0]);
    else
      inputs.push_back(arg);
  }
  if (inputs.empty()) return usage(argv[0]);

  const std::string target = std::filesystem::path(argv[0]).filename().string();
  std::snprintf(crash_path, sizeof crash_path, "crash-%s.input", target.c_str());
  for (int s : {SIGABRT, SIGSEGV, SIGBUS, SIGFPE, SIGILL}) ::signal(s, on_fatal_signal);
  if (__sanitizer_set_death_callback) __sanitizer_set_death_callback(save_current);

  std::vector<std::string> corpus;
  for (const auto& input : inputs) {
    if (std::filesystem::is_directory(input)) {
      std::vector<std::filesystem::path> files;
      for (const auto& entry : std::filesystem::directory_iterator(input))
        if (entry.is_regular_file()) files.push_back(entry.path());
      std::sort(files.begin(), files.end());  // the same order everywhere: runs are reproducible
      for (const auto& f : files) corpus.push_back(read_file(f));
    } else if (std::filesystem::is_regular_file(input)) {
      corpus.push_back(read_file(input));
    } else {
      std::cerr << target << ": " << input << ": no such file or directory\n";
      return 2;
    }
  }
  if (corpus.empty()) {
    std::cerr << target << ": the corpus is empty\n";
    return 2;
  }
  for (const auto& text : corpus) {
    current = text;
    LLVMFuzzerTestOneInput(reinterpret_cast<const uint8_t*>(current.data()), current.size());
  }
  Mutator mutator(seed, dictionary_path.empty() ? std::vector<std::string>{} : read_dictionary(dictionary_path),
                  max_len);
  const auto start = std::chrono::steady_clock::now();
  uint64_t done = 0;
  std::mt19937_64 pick(seed ^ 0x9e3779b97f4a7c15ULL);
  for (;; ++done) {
    if (seconds > 0 ? std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count() >= seconds
                    : done >= runs)
      break;
    current = mutator.mutate(corpus[pick() % corpus.size()], corpus);
    LLVMFuzzerTestOneInput(reinterpret_cast<const uint8_t*>(current.data()), current.size());
  }
  std::cout << target << ": " << corpus.size() << " corpus inputs and " << done << " mutated inputs, no failure\n";
  return 0;
}

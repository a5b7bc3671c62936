#pragma once
// The exit codes of `buslab`, as the README and `--help` document them. Every path out of a command maps to one
// of these; CI pipelines branch on them.
namespace buslab::cli {

enum ExitCode : int {
  kExitOk = 0,
  kExitUsage = 1,         // bad command line
  kExitBadInput = 2,      // a bad scenario, override or trace
  kExitRunFailed = 3,     // the simulation failed (a broken model rule, conservation not holding)
  kExitCheckFailed = 4,   // `buslab check`: a result moved beyond its tolerance
  kExitOutputFailed = 5,  // an output could not be written: `--out` unusable, disk full, a file size limit
};

}  // namespace buslab::cli

#pragma once
// One subcommand of `buslab`: its CLI11 sub-app and what runs when it was chosen. Each command lives in its own
// file (run_command, validate_command, ...) and registers itself in main.cpp with one line.
#include <functional>

#include <CLI/CLI.hpp>

namespace buslab::cli {

struct Command {
  CLI::App* app = nullptr;
  std::function<int()> run;  // returns the exit code; may throw ScenarioError or RunFailure (main maps them)
};

}  // namespace buslab::cli

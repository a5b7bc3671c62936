#pragma once
// CLI11's parse errors as buslab's usage errors: always exit code 1 (never CLI11's own 100-115), one line that
// says what was wrong, a "did you mean" for a misspelt subcommand or option, and where to find the help.
#include <CLI/CLI.hpp>

namespace buslab::cli {

// Prints the help or version text (exit 0) or the error (exit 1) and returns the exit code.
int report_parse_error(CLI::App& app, const CLI::ParseError& error, int argc, char** argv);

// A validator for counts such as --jobs: a whole number from 1 to `max`, with a readable message.
CLI::Validator whole_number_at_least_one(int max);

}  // namespace buslab::cli

#pragma once
// `buslab validate FILE`: checks a scenario and each of its variants without running it, and says what it holds.
#include "sim/cli/command.hpp"

namespace buslab::cli {

Command add_validate_command(CLI::App& app);

}  // namespace buslab::cli

#pragma once
// `buslab schema`: prints the JSON Schema of scenario files (sim/scenario/schema_json.hpp), the same as
// docs/buslab.schema.json.
#include "sim/cli/command.hpp"

namespace buslab::cli {

Command add_schema_command(CLI::App& app);

}  // namespace buslab::cli

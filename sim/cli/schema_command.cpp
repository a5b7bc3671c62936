#include "sim/cli/schema_command.hpp"

#include <iostream>

#include "sim/cli/exit_codes.hpp"
#include "sim/scenario/schema_json.hpp"

namespace buslab::cli {

Command add_schema_command(CLI::App& app) {
  auto* cmd = app.add_subcommand(
      "schema", "Print the JSON Schema (draft 2020-12) of scenario files, for editors (docs/buslab.schema.json)");
  return {cmd, [] {
            std::cout << scenario_json_schema().dump(2) << "\n";
            return static_cast<int>(kExitOk);
          }};
}

}  // namespace buslab::cli

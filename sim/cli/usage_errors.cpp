#include "sim/cli/usage_errors.hpp"

#include <iostream>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "sim/cli/exit_codes.hpp"
#include "sim/scenario/suggest.hpp"

namespace buslab::cli {

namespace {

// The subcommand named on the command line (the first word that is one), or nullptr.
CLI::App* named_subcommand(CLI::App& app, int argc, char** argv) {
  for (int i = 1; i < argc; ++i)
    for (CLI::App* sub : app.get_subcommands([](CLI::App*) { return true; }))
      if (sub->get_name() == argv[i]) return sub;
  return nullptr;
}

std::vector<std::string> subcommand_names(CLI::App& app) {
  std::vector<std::string> names;
  for (CLI::App* sub : app.get_subcommands([](CLI::App*) { return true; })) names.push_back(sub->get_name());
  return names;
}

std::vector<std::string> option_names(const CLI::App& app) {
  std::vector<std::string> names;
  for (const CLI::Option* opt : app.get_options())
    for (const auto& name : opt->get_lnames()) names.push_back("--" + name);
  return names;
}

// What the user most likely meant by the first word CLI11 did not expect: a subcommand when none was named,
// an option of the named subcommand (or of buslab itself) for a word starting with "-".
std::string did_you_mean(CLI::App& app, int argc, char** argv, std::string& unknown) {
  CLI::App* sub = named_subcommand(app, argc, argv);
  for (int i = 1; i < argc; ++i) {
    std::string word = argv[i];
    if (word.rfind("--", 0) == 0) {
      word = word.substr(0, word.find('='));
      const CLI::App* owner = sub ? sub : &app;
      bool known = false;
      for (const auto& name : option_names(*owner)) known = known || name == word;
      for (const auto& name : option_names(app)) known = known || name == word;
      if (known) continue;
      unknown = word;
      const auto hint = closest_match(word, option_names(*owner));
      return hint ? fmt::format("; did you mean {}?", *hint) : "";
    }
    if (!sub && word.rfind("-", 0) != 0) {
      unknown = word;
      const auto hint = closest_match(word, subcommand_names(app));
      return hint ? fmt::format("; did you mean {}?", *hint) : "";
    }
  }
  return "";
}

}  // namespace

int report_parse_error(CLI::App& app, const CLI::ParseError& error, int argc, char** argv) {
  if (error.get_exit_code() == static_cast<int>(CLI::ExitCodes::Success)) return app.exit(error);  // help, version
  CLI::App* sub = named_subcommand(app, argc, argv);
  const std::string command = sub ? "buslab " + sub->get_name() : "buslab";
  std::string message = error.what();
  std::string unknown;
  const std::string hint = did_you_mean(app, argc, argv, unknown);
  if (!sub && !unknown.empty() && unknown.rfind('-', 0) != 0) {
    message = fmt::format("unknown command {}{}", unknown, hint);
  } else if (dynamic_cast<const CLI::ExtrasError*>(&error)) {
    if (!unknown.empty())
      message =
          fmt::format("{} {}{}", unknown.rfind('-', 0) == 0 ? "unknown option" : "unknown command", unknown, hint);
  } else if (dynamic_cast<const CLI::RequiredError*>(&error) && !sub) {
    message = fmt::format("a command is required: {}", fmt::join(subcommand_names(app), ", "));
  }
  std::cerr << fmt::format("{}: {}\nRun `{} --help` for the commands and options.\n", command, message, command);
  return kExitUsage;
}

CLI::Validator whole_number_at_least_one(int max) {
  return CLI::Validator(
      [max](std::string& text) -> std::string {
        size_t used = 0;
        long value = 0;
        try {
          value = std::stol(text, &used);
        } catch (const std::exception&) {
          used = 0;
        }
        if (used != text.size() || used == 0 || value < 1 || value > max)
          return fmt::format("expected a whole number from 1 to {}, found \"{}\"", max, text);
        return "";
      },
      "N >= 1");
}

}  // namespace buslab::cli

#include "cli/errors.h"

#include <algorithm>
#include <iostream>

#include <fmt/format.h>

#include "cli/exit_codes.h"
#include "cli/suggest.h"

namespace svc::cli {

int report_error(const std::string& what, const std::string& hint) {
  std::cerr << "svc: error: " << what << '\n';
  if (!hint.empty()) std::cerr << "hint: " << hint << '\n';
  return kError;
}

namespace {

std::vector<std::string> option_names(const CLI::App& app) {
  std::vector<std::string> names;
  for (const CLI::Option* opt : app.get_options()) {
    for (const auto& l : opt->get_lnames()) names.push_back("--" + l);
    for (const auto& s : opt->get_snames()) names.push_back("-" + s);
  }
  return names;
}

}  // namespace

int parse_arguments(CLI::App& app, const std::string& command, std::vector<std::string> args) {
  app.allow_extras();
  std::reverse(args.begin(), args.end());  // CLI11 consumes a reversed vector
  std::string help_hint = fmt::format("run 'svc {} --help' for usage", command);
  try {
    app.parse(args);
  } catch (const CLI::CallForHelp&) {
    std::cout << app.help();
    return kSuccess;
  } catch (const CLI::ParseError& e) {
    return report_error(e.what(), help_hint);
  }
  const auto extras = app.remaining();
  if (extras.empty()) return -1;
  const std::string& first = extras.front();
  if (!first.empty() && first[0] == '-') {
    std::string name = first.substr(0, first.find('='));
    if (auto guess = closest_match(name, option_names(app)))
      return report_error(fmt::format("unknown option '{}'", name), fmt::format("did you mean '{}'?", *guess));
    return report_error(fmt::format("unknown option '{}'", name), help_hint);
  }
  return report_error(fmt::format("unexpected argument '{}'", first), help_hint);
}

}  // namespace svc::cli

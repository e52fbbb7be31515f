// svc: keeps backend services true to the service playbook.
// main() only dispatches: each subcommand parses its own arguments.
#include <exception>
#include <cerrno>
#include <cstring>
#include <iostream>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "cli/commands.h"
#include "cli/errors.h"
#include "cli/exit_codes.h"
#include "cli/suggest.h"

namespace {

void print_help() {
  std::cout << "svc " SVC_VERSION " - keep backend services true to the service playbook\n\n"
               "Usage: svc <command> [options]\n\nCommands:\n";
  for (const auto& c : svc::cli::subcommands()) std::cout << fmt::format("  {:<9} {}\n", c.name, c.summary);
  std::cout << fmt::format("  {:<9} {}\n", "help", "show this help, or a command's: svc help audit")
            << "\nOptions:\n  --version  print the version\n  --help     show this help\n"
               "\nExit codes: 0 success, 1 findings at or above --fail-on, 2 usage, configuration\n"
               "or I/O error, 130 interrupted.\n"
               "\nStart with `svc audit` in a repository; `svc rules` lists what it checks.\n";
}

}  // namespace

int main(int argc, char** argv) {
  using namespace svc::cli;
  std::vector<std::string> args(argv + 1, argv + argc);
  try {
    if (args.empty() || args[0] == "--help" || args[0] == "-h") {
      print_help();
      return args.empty() ? kError : kSuccess;
    }
    if (args[0] == "--version" || args[0] == "-V") {
      std::cout << "svc " SVC_VERSION "\n";
      return kSuccess;
    }
    std::vector<std::string> names;
    for (const auto& c : subcommands()) names.push_back(c.name);
    if (args[0] == "help") {
      if (args.size() == 1 || args[1] == "help") return print_help(), kSuccess;
      args = {args[1], "--help"};
    }
    for (const auto& c : subcommands())
      if (args[0] == c.name) {
        int code = c.run(std::vector<std::string>(args.begin() + 1, args.end()));
        // A report that could not be written is an I/O error, whatever it said.
        if (!std::cout.flush())
          return report_error(fmt::format("cannot write to standard output: {}", std::strerror(errno)),
                              "check the disk or the pipe the output goes to, or use --output FILE");
        return code;
      }
    names.push_back("help");
    bool is_option = args[0][0] == '-';
    // A mistyped option is compared with the options, not with the command names.
    if (is_option) names = {"--version", "--help"};
    std::string what = is_option ? fmt::format("unknown option '{}'", args[0])
                                 : fmt::format("unknown command '{}'", args[0]);
    if (auto guess = closest_match(args[0], names)) return report_error(what, fmt::format("did you mean 'svc {}'?", *guess));
    return report_error(what, "run 'svc help' for the list of commands");
  } catch (const std::exception& e) {
    return report_error(fmt::format("internal error: {}", e.what()), "please report this with the command you ran");
  }
}

#include "cli/scaffold_run.h"

#include <signal.h>

#include <filesystem>
#include <iostream>

#include "cli/errors.h"
#include "cli/exit_codes.h"
#include "scaffolds/engine/scaffold_error.h"

namespace svc::cli {
namespace {

std::atomic<bool>* g_flag = nullptr;
extern "C" void on_scaffold_sigint(int) {
  if (g_flag) g_flag->store(true);
}

}  // namespace

int run_scaffold_work(std::atomic<bool>& interrupted, const std::string& interrupted_note,
                      const std::function<int()>& work) {
  g_flag = &interrupted;
  struct sigaction action {};
  action.sa_handler = on_scaffold_sigint;
  sigemptyset(&action.sa_mask);
  sigaction(SIGINT, &action, nullptr);
  try {
    return work();
  } catch (const scaffolds::Interrupted&) {
    std::cerr << "svc: " << interrupted_note << '\n';
    return kInterrupted;
  } catch (const scaffolds::ScaffoldError& e) {
    if (interrupted) return std::cerr << "svc: interrupted\n", kInterrupted;
    return report_error(e.what(), e.hint());
  } catch (const std::filesystem::filesystem_error& e) {
    return report_error(e.what(), "check the folder's permissions");
  }
}

void print_indented(std::ostream& out, const std::string& text) {
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    out << "  " << text.substr(start, end - start) << '\n';
    start = end + 1;
  }
}

}  // namespace svc::cli

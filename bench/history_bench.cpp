// Reads a repository's history as `svc review` will (read_history, then change coupling
// and authors by top-level module) and prints what it found and how long each step took,
// for bench/review_history.sh. Built only with -DSVC_BENCH=ON.
//
//   svc_history_bench PATH [DAYS] [JOBS]
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <string>

#include "checks/history/coupling.h"
#include "checks/history/history.h"

namespace {

// "apps/web/src/a.ts" -> "apps/web"; "src/a.ts" -> "src": monorepo containers count one
// level deeper, as `svc review` will split them.
std::string top_module(const std::string& path) {
  auto slash = path.find('/');
  if (slash == std::string::npos) return "";
  std::string first = path.substr(0, slash);
  if (first == "apps" || first == "packages" || first == "services" || first == "libs" || first == "internal") {
    auto next = path.find('/', slash + 1);
    if (next != std::string::npos) return path.substr(0, next);
  }
  return first;
}

double since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: svc_history_bench PATH [DAYS] [JOBS]\n");
    return 2;
  }
  try {
    svc::history::HistoryOptions options;
    options.root = argv[1];
    if (argc > 2) options.days = std::atoi(argv[2]);
    if (argc > 3) options.jobs = static_cast<unsigned>(std::atoi(argv[3]));

    auto start = std::chrono::steady_clock::now();
    auto history = svc::history::read_history(options);
    double read_seconds = since(start);
    if (!history.available) {
      std::printf("no history: %s\n", history.why.c_str());
      return 1;
    }
    std::size_t files = 0;
    for (const auto& c : history.commits) files += c.files.size();

    start = std::chrono::steady_clock::now();
    auto pairs = svc::history::change_coupling(history, top_module);
    auto authors = svc::history::authors_by_module(history, top_module);
    double coupling_seconds = since(start);

    std::printf("commits walked %zu, kept %zu (merges %zu, too large %zu, empty %zu), file changes %zu\n",
                history.walked, history.commits.size(), history.merges, history.too_large, history.empty, files);
    std::printf("read_history %.2f s; change coupling and authors %.2f s (%zu modules, %zu pairs)\n", read_seconds,
                coupling_seconds, authors.size(), pairs.size());
    for (std::size_t i = 0; i < pairs.size() && i < 8; ++i)
      std::printf("  %-36s %-36s shared %4zu of %4zu/%4zu  degree %.2f\n", pairs[i].a.c_str(), pairs[i].b.c_str(),
                  pairs[i].shared_commits, pairs[i].revisions_a, pairs[i].revisions_b, pairs[i].degree);
    return 0;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "svc_history_bench: %s\n", e.what());
    return 2;
  }
}

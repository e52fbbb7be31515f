#pragma once
// What `svc new`, `svc upgrade` and `svc add` share around their work: Ctrl-C caught
// and the writes rolled back, the engine's errors turned into exit codes, and the lines
// of a template's next steps printed indented.
#include <atomic>
#include <functional>
#include <ostream>
#include <string>

namespace svc::cli {

// Runs `work` with Ctrl-C setting `interrupted` (without SA_RESTART, so a question
// waiting for Enter ends too). ScaffoldError and filesystem errors become exit 2 with
// their hint; an interruption prints `interrupted_note` and returns 130.
int run_scaffold_work(std::atomic<bool>& interrupted, const std::string& interrupted_note,
                      const std::function<int()>& work);

// Each line of `text`, two spaces in.
void print_indented(std::ostream& out, const std::string& text);

}  // namespace svc::cli

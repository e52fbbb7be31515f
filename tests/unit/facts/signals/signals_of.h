#pragma once
// Signals of one in-memory file, as the runner extracts them: `wants` first (a file it
// turns down has none), then a real parse when the language has a grammar.
#include <string>
#include <vector>

#include "checks/facts/signals/signal_facts.h"

namespace svc::test {

std::vector<engine::Signal> signals_of(const std::string& path, const std::string& text);
// The notes of one kind, in file order.
std::vector<std::string> notes_of(const std::vector<engine::Signal>& signals, engine::SignalKind kind);
// "kind line note" for each signal, to print when a check fails.
std::string describe(const std::vector<engine::Signal>& signals);

}  // namespace svc::test

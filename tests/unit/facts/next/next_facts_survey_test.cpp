// By hand: SVC_NEXT_SURVEY=/path/to/repo build/svc_tests "[next-survey]" prints the Next.js
// facts of every JavaScript/TypeScript file under it, for reading against the code.
#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

#include "checks/facts/next/trpc_resolver.h"
#include "checks/syntax/syntax_tree.h"

namespace fs = std::filesystem;
using namespace svc::engine;

TEST_CASE("next facts of a real repository", "[.][next-survey]") {
  const char* dir = std::getenv("SVC_NEXT_SURVEY");
  if (!dir) return;
  std::vector<FileFacts> files;
  std::size_t wanted = 0;
  for (auto it = fs::recursive_directory_iterator(dir); it != fs::recursive_directory_iterator(); ++it) {
    std::string name = it->path().filename().string();
    if (it->is_directory() && (name == "node_modules" || name == ".git" || name == ".next" || name == "dist")) {
      it.disable_recursion_pending();
      continue;
    }
    if (!it->is_regular_file()) continue;
    std::string path = fs::relative(it->path(), dir).generic_string();
    std::ifstream in(it->path(), std::ios::binary);
    std::stringstream text;
    text << in.rdbuf();
    SourceFile file(path, classify_path(path), text.str());
    if (!wants_next_facts(file)) continue;
    ++wanted;
    auto tree = SyntaxTree::parse(file);
    if (!tree) continue;
    FileFacts facts;
    facts.path = path;
    extract_next_facts(*tree, facts.next);
    if (!facts.next.empty()) files.push_back(std::move(facts));
  }
  std::size_t actions = 0, inline_actions = 0, loops = 0, config = 0, routers = 0, calls = 0;
  for (const auto& f : files) {
    for (const auto& a : f.next.actions) {
      ++actions;
      inline_actions += a.inline_directive;
      std::cout << "action " << f.path << ":" << a.span.begin.line << " " << a.name << (a.exported ? "" : " (local)")
                << (a.inline_directive ? " (inline)" : "") << "\n";
      for (const auto& c : a.touches.calls) {
        ++calls;
        std::cout << "  " << to_string(c.kind) << " " << c.callee << " :" << c.span.begin.line << "\n";
      }
      for (const auto& l : a.touches.loops) {
        ++loops;
        std::cout << "  loop " << l.kind << " :" << l.span.begin.line << " awaits " << l.awaited << "\n";
      }
    }
    for (const auto& c : f.next.segment_config) {
      ++config;
      std::cout << "config " << f.path << ":" << c.span.begin.line << " " << c.name << " = " << c.value << "\n";
    }
    routers += f.next.routers.size();
  }
  std::size_t procedures = 0, rooted = 0;
  for (const auto& p : resolve_trpc_procedures(".", [&] {
         std::vector<const FileFacts*> out;
         for (const auto& f : files) out.push_back(&f);
         return out;
       }())) {
    ++procedures;
    rooted += p.rooted;
    std::cout << "procedure " << p.path << (p.rooted ? "" : " (unrooted)") << " " << to_string(p.procedure->type) << " "
              << p.file->path << ":" << p.procedure->span.begin.line << "\n";
    for (const auto& c : p.procedure->touches.calls) {
      ++calls;
      std::cout << "  " << to_string(c.kind) << " " << c.callee << " :" << c.span.begin.line << "\n";
    }
    for (const auto& l : p.procedure->touches.loops) {
      ++loops;
      std::cout << "  loop " << l.kind << " :" << l.span.begin.line << " awaits " << l.awaited << "\n";
    }
  }
  std::cout << "summary: " << wanted << " files wanted, " << files.size() << " with facts, " << actions << " actions ("
            << inline_actions << " inline), " << routers << " routers, " << procedures << " procedures (" << rooted
            << " rooted), " << loops << " awaited loops, " << calls << " queue/http/mail calls, " << config
            << " segment config\n";
  SUCCEED();
}

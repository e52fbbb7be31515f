#include "checks/facts/next/body_tables.h"

namespace svc::engine {
namespace {

bool before(const Position& a, const Position& b) { return a.line < b.line || (a.line == b.line && a.column <= b.column); }

}  // namespace

std::vector<const TableReference*> tables_in(const FileFacts& file, const BodyTouches& touches) {
  std::vector<const TableReference*> out;
  for (const auto& r : file.tables.references)
    if (before(touches.body.begin, r.span.begin) && before(r.span.end, touches.body.end)) out.push_back(&r);
  return out;
}

}  // namespace svc::engine

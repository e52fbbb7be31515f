// schema.prisma: each `model X { ... }` is a table named X, or what `@@map("name")`
// says, in the schema `@@schema("s")` names. No grammar: lines are enough.
#include <re2/re2.h>

#include "checks/facts/tables/table_facts.h"

namespace svc::engine {

void extract_prisma_table_facts(const SourceFile& file, TableFacts& out) {
  static const RE2 model_start(R"(^\s*model\s+([A-Za-z_]\w*)\s*\{)");
  static const RE2 map(R"(^\s*@@map\(\s*(?:name\s*:\s*)?"([^"]+)\"\s*\))");
  static const RE2 schema(R"(^\s*@@schema\(\s*"([^"]+)\"\s*\))");
  struct Open {
    std::string name, table, schema;
    Position begin, end;
  };
  std::optional<Open> model;
  int depth = 0;
  for (int n = 1; n <= file.line_count(); ++n) {
    std::string_view line = file.line(n);
    line = line.substr(0, line.find("//"));
    re2::StringPiece piece(line.data(), line.size()), name;
    if (!model) {
      if (!RE2::PartialMatch(piece, model_start, &name)) continue;
      std::size_t at = file.offset_of(n) + (name.data() - line.data());
      model = Open{std::string(name), "", "", file.position_of(at), file.position_of(at + name.size())};
      depth = 0;
    } else if (std::string value; RE2::PartialMatch(piece, map, &value)) {
      model->table = value;
    } else if (RE2::PartialMatch(piece, schema, &value)) {
      model->schema = value;
    }
    for (char c : line) depth += c == '{' ? 1 : c == '}' ? -1 : 0;
    if (depth > 0) continue;
    std::string table = model->table.empty() ? model->name : model->table;
    if (!model->schema.empty()) table = model->schema + "." + table;
    out.definitions.push_back({table, model->name, TableOrigin::prisma, TableChange::create, {model->begin, model->end}});
    model.reset();
  }
}

}  // namespace svc::engine

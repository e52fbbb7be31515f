// openapi-hand-written: a committed OpenAPI/Swagger document that nothing generates
// (playbook, API contract: the schema comes from Zod or FastAPI, never by hand).
// Files report what they are (a document) or what they write; the workspace phase
// ties documents to writers, since a script may live anywhere in the repository.
#include <algorithm>
#include <cctype>
#include <map>
#include <set>
#include <variant>

#include <fmt/format.h>

#include "checks/builtin/openapi/openapi_evidence.h"
#include "checks/engine/check.h"
#include "checks/syntax/documents.h"
#include "checks/facts/links/link_facts_yaml.h"
#include "common/paths.h"

namespace svc::builtin {

namespace openapi {  // for the result cache
SVC_JSON_FIELDS(SpecDocument, key, begin, end, marker, refs)
SVC_JSON_FIELDS(WriteEvidence, written, exporter_call)
}  // namespace openapi

namespace {

using namespace engine;

std::vector<std::string> strings_of(const YAML::Node& node) {
  std::vector<std::string> out;
  if (node && node.IsSequence())
    for (const auto& s : node) out.push_back(s.as<std::string>());
  return out;
}

bool ends_with_path(const std::string& path, const std::string& tail) {
  return path == tail || (path.size() > tail.size() && path.compare(path.size() - tail.size(), tail.size(), tail) == 0 &&
                          path[path.size() - tail.size() - 1] == '/');
}

struct Spec {
  std::string path, service;  // service: its folder, "" outside any service
  openapi::SpecDocument doc;
  std::string line;
};

struct Writer {
  std::string path, service;
  openapi::WriteEvidence evidence;
};

SVC_JSON_FIELDS(Spec, path, service, doc, line)
SVC_JSON_FIELDS(Writer, path, service, evidence)

using Found = std::variant<Spec, Writer>;  // what one file is to this rule

class OpenapiHandWritten : public Check {
 public:
  void configure(const YAML::Node& options) override {
    if (options["generated_markers"]) {
      markers_.clear();
      for (auto m : strings_of(options["generated_markers"])) {
        std::transform(m.begin(), m.end(), m.begin(), [](unsigned char c) { return std::tolower(c); });
        markers_.push_back(m);
      }
    }
    if (options["skip_dirs"]) skip_dirs_ = strings_of(options["skip_dirs"]);
    if (const auto& g = options["generators"]; g && g.IsMap()) {
      generators_.clear();
      for (const auto& kv : g) generators_[kv.first.as<std::string>()] = strings_of(kv.second);
    }
    if (options["positional_writers"]) writers_ = openapi::PositionalWriters(strings_of(options["positional_writers"]));
    calls_.clear();
    for (const auto& [_, calls] : generators_) calls_.insert(calls_.end(), calls.begin(), calls.end());
  }

  // A file is an OpenAPI document, or code or a command that writes one, or neither.
  std::unique_ptr<FileNotes> collect(const FileContext& ctx) const override {
    const SourceFile& file = ctx.file;
    std::string service = ctx.service ? ctx.service->path : "";
    if (auto doc = openapi::read_spec(file, ctx.documents, markers_)) {
      if (in_skipped_dir(file.path())) return nullptr;
      return notes_for(Found{Spec{file.path(), service, std::move(*doc), std::string(file.line(doc->begin.line))}});
    }
    auto evidence = openapi::scan_writes(file, calls_, writers_);
    if (evidence.written.empty() && evidence.exporter_call.empty()) return nullptr;
    return notes_for(Found{Writer{file.path(), service, std::move(evidence)}});
  }
  std::unique_ptr<FileNotes> restore(const nlohmann::json& saved) const override {
    return restore_notes<Found>(saved);
  }

  void check_workspace(const WorkspaceContext& ctx, FindingSink& out) const override {
    std::vector<const Spec*> specs;
    std::vector<const Writer*> writers;
    for (const Found* f : notes_of<Found>(ctx)) {
      if (const auto* spec = std::get_if<Spec>(f)) specs.push_back(spec);
      else writers.push_back(&std::get<Writer>(*f));
    }
    std::set<std::string> referenced;  // fragments and documents other documents `$ref`
    for (const Spec* s : specs)
      for (const auto& r : s->doc.refs)
        if (r != s->path) referenced.insert(r);
    for (const Spec* s : specs) {
      if (!s->doc.marker.empty() || referenced.count(s->path)) continue;
      if (std::any_of(writers.begin(), writers.end(), [&](const Writer* w) { return generates(*w, *s); })) continue;
      report(ctx, *s, out);
    }
  }

 private:
  bool in_skipped_dir(const std::string& path) const {
    for (const auto& d : skip_dirs_)
      if (path.rfind(d + "/", 0) == 0 || path.find("/" + d + "/") != std::string::npos) return true;
    return false;
  }

  // A path resolved from the writer's folder is exact; a shorter name (`openapi.json`,
  // `docs/openapi.yaml`, relative to a working directory we cannot know) must end the
  // document's path, within the writer's service unless the writer is in none.
  static bool writes(const Writer& w, const std::string& name, const Spec& s) {
    if (join_relative(folder_of(w.path), name) == s.path) return true;
    bool same_service = w.service.empty() || w.service == s.service;
    if (name.find('/') == std::string::npos) return same_service && base_name(s.path) == name;
    return same_service && ends_with_path(s.path, name);
  }

  // An exporter that names no file (it prints, or takes the path as an argument)
  // vouches for the documents of its own service.
  static bool generates(const Writer& w, const Spec& s) {
    for (const auto& name : w.evidence.written)
      if (writes(w, name, s)) return true;
    return !w.evidence.exporter_call.empty() && w.evidence.written.empty() && !w.service.empty() &&
           w.service == s.service;
  }

  std::string fix_for(const Service* service, const std::string& name) const {
    if (service)
      for (const auto& [package, calls] : generators_)
        if (service->dependencies.count(package) && !calls.empty())
          return fmt::format("{} already depends on {}: write its output (`{}`) to {} from a script "
                             "that a package.json script, pyproject task or CI step runs, and commit what it writes",
                             service->name, package, calls.front(), name);
    if (service && service->language == "go")
      return fmt::format("generate {} from the handlers' annotations (swaggo/swag: `swag init`, from a "
                         "go:generate line or a CI step) and commit what it writes", name);
    if (service && service->language == "python")
      return fmt::format("let FastAPI (or flask-openapi3) build it and dump app.openapi() to {} from a script", name);
    return fmt::format("describe the routes with @hono/zod-openapi (or zod-to-openapi) and write "
                       "app.getOpenAPIDocument() to {} from a script", name);
  }

  void report(const WorkspaceContext& ctx, const Spec& s, FindingSink& out) const {
    const Service* service = nullptr;
    for (const auto& svc : ctx.services.services())
      if (svc.path == s.service) service = &svc;
    std::string name = base_name(s.path);
    MessageArgs args = {
        {"path", s.path},
        {"kind", s.doc.key == "swagger" ? "Swagger" : "OpenAPI"},
        {"service", service ? service->name : "no service"},
        {"name", name},
        {"fix", fix_for(service, name)},
    };
    out.report_at(s.path, s.doc.begin, s.doc.end, args, s.line);
  }

  std::vector<std::string> markers_ = {"code generated", "do not edit", "@generated", "generated by",
                       "auto-generated", "autogenerated"};
  std::vector<std::string> skip_dirs_ = {"test", "tests", "__tests__", "fixtures", "__fixtures__", "testdata"};
  std::map<std::string, std::vector<std::string>> generators_;
  std::vector<std::string> calls_;
  openapi::PositionalWriters writers_;
};

}  // namespace

std::unique_ptr<engine::Check> make_openapi_hand_written() { return std::make_unique<OpenapiHandWritten>(); }

}  // namespace svc::builtin

#include "scaffolds/engine/render.h"

#include <algorithm>
#include <map>
#include <set>

#include <fmt/format.h>
#include <kainjow/mustache.hpp>
#include <re2/re2.h>

#include "common/path_glob.h"
#include "scaffolds/engine/scaffold_error.h"

namespace svc::scaffolds {
namespace {

namespace mustache = kainjow::mustache;

const std::string kMustacheSuffix = ".mustache";

mustache::data context_for(const Manifest& m, const Answers& answers, const Surroundings& where) {
  mustache::data ctx{mustache::data::type::object};
  for (const auto& v : m.variables) {
    const std::string& value = answers.at(v.name);
    if (v.type == VariableType::boolean) {
      ctx.set(v.name, mustache::data(value == "true"));
      continue;
    }
    ctx.set(v.name, value);
    if (v.type == VariableType::choice)
      for (const auto& c : v.choices) ctx.set(v.name + "_" + c, mustache::data(value == c));
    if (v.type == VariableType::slug) {
      DerivedNames d = derive_names(value);
      ctx.set(v.name + "_snake", d.snake);
      ctx.set(v.name + "_camel", d.camel);
      ctx.set(v.name + "_pascal", d.pascal);
      ctx.set(v.name + "_title", d.title);
    }
  }
  ctx.set("template_name", m.name);
  ctx.set("template_version", std::to_string(m.version));
  ctx.set("svc_version", std::string(SVC_VERSION));
  ctx.set("monorepo", mustache::data(where.monorepo));
  ctx.set("service_dir", where.service_dir);
  ctx.set("compose_context", where.compose_context);
  return ctx;
}

std::string strip_mustache(const std::string& path) {
  if (path.size() > kMustacheSuffix.size() &&
      path.compare(path.size() - kMustacheSuffix.size(), kMustacheSuffix.size(), kMustacheSuffix) == 0)
    return path.substr(0, path.size() - kMustacheSuffix.size());
  return path;
}

bool matches(const std::string& glob, const std::string& source_path) {
  return engine::path_glob_matches(glob, source_path) || engine::path_glob_matches(glob, strip_mustache(source_path));
}

bool matches_any(const std::vector<std::string>& globs, const std::string& source_path) {
  for (const auto& g : globs)
    if (matches(g, source_path)) return true;
  return false;
}

// Rendered paths stay inside the service directory, and out of its .git.
void check_output_path(const std::string& path, const std::string& source_path) {
  auto bad = [&](const std::string& why) {
    throw ScaffoldError(fmt::format("template file files/{} renders to '{}', {}", source_path, path, why),
                        "template paths must stay inside the service directory");
  };
  if (path.empty() || path[0] == '/') bad("which is not a relative path");
  std::size_t start = 0;
  while (start <= path.size()) {
    std::size_t slash = path.find('/', start);
    if (slash == std::string::npos) slash = path.size();
    std::string segment = path.substr(start, slash - start);
    if (segment.empty() || segment == "." || segment == "..") bad("which has an empty, '.' or '..' part");
    if (start == 0 && segment == ".git") bad("which is inside .git");
    start = slash + 1;
  }
}

bool blank(const std::string& text) { return text.find_first_not_of(" \t\r\n") == std::string::npos; }

// The Mustache spec drops a line that holds nothing but one section, inverted-section,
// closing, comment or partial tag ("standalone"; a partial's content takes its place);
// kainjow keeps the newline after a skipped section's closing tag, which leaves blank
// lines where a condition was false. So such a line loses its indentation and gets a
// marker before its newline: kainjow sees an ordinary line, and every marked newline it
// outputs is removed after rendering. Partials are marked the same way before use.
constexpr char kStandaloneMark = '\x1e';

const std::string kPercentDelimiters = "{{=<% %>=}}";

std::string mark_standalone_lines(const std::string& text) {
  static const RE2 standalone(R"((?m)^[ \t]*(\{\{[#^/!>=][^{}]*\}\})[ \t]*(\r?\n|\z))");
  // After {{=<% %>=}} (a file full of GitHub's ${{ }}), the same for <% %> tags.
  static const RE2 standalone_percent(R"((?m)^[ \t]*(<%[#^/!>][^%]*%>)[ \t]*(\r?\n|\z))");
  std::string out = text;
  RE2::GlobalReplace(&out, standalone, "\\1\x1e\\2");
  if (text.find(kPercentDelimiters) != std::string::npos) RE2::GlobalReplace(&out, standalone_percent, "\\1\x1e\\2");
  return out;
}

std::string drop_marked_newlines(const std::string& rendered) {
  std::string out;
  out.reserve(rendered.size());
  for (std::size_t i = 0; i < rendered.size(); ++i) {
    if (rendered[i] != kStandaloneMark) {
      out += rendered[i];
      continue;
    }
    if (rendered.compare(i + 1, 2, "\r\n") == 0) i += 2;
    else if (rendered.compare(i + 1, 1, "\n") == 0) i += 1;
  }
  return out;
}

using Partials = std::map<std::string, std::string>;

// Adds to `used` every partial `text` includes, directly or through other partials, so a
// missing one fails before rendering and a partial that includes itself never loops.
void collect_partials(const std::string& text, const Partials& partials, const std::string& what,
                      std::vector<std::string>& chain, std::set<std::string>& used) {
  static const RE2 partial_tag(R"(\{\{>\s*([^{}]*?)\s*\}\})");
  re2::StringPiece input(text);
  std::string name;
  while (RE2::FindAndConsume(&input, partial_tag, &name)) {
    if (std::find(chain.begin(), chain.end(), name) != chain.end())
      throw ScaffoldError(fmt::format("{}: partial '{}' includes itself", what, name),
                          "a partial must not include itself, directly or through another partial");
    auto it = partials.find(name);
    if (it == partials.end())
      throw ScaffoldError(fmt::format("{} includes partial '{}', which is not in scaffolds/_shared/", what, name),
                          "add the file under scaffolds/_shared/ or fix the name in the {{> ...}} tag");
    if (!used.insert(name).second) continue;
    chain.push_back(name);
    collect_partials(it->second, partials, what, chain, used);
    chain.pop_back();
  }
}

mustache::data value_data(const ExtraValues::Value& v) {
  if (const bool* b = std::get_if<bool>(&v)) return mustache::data(*b);
  return mustache::data(std::get<std::string>(v));
}

void add_extra(mustache::data& ctx, const ExtraValues& extra) {
  for (const auto& [k, v] : extra.values) ctx.set(k, value_data(v));
  for (const auto& [k, records] : extra.lists) {
    mustache::data list{mustache::data::type::list};
    for (const auto& record : records) {
      mustache::data item{mustache::data::type::object};
      for (const auto& [rk, rv] : record) item.set(rk, value_data(rv));
      list.push_back(item);
    }
    ctx.set(k, list);
  }
}

}  // namespace

std::string render_text(const std::string& text, const Manifest& m, const Answers& answers, const std::string& what,
                        const Partials& partials, const Surroundings& where, const ExtraValues* extra) {
  std::set<std::string> used;
  std::vector<std::string> chain;
  collect_partials(text, partials, what, chain, used);
  mustache::data ctx = context_for(m, answers, where);
  if (extra) add_extra(ctx, *extra);
  // Partial names hold '/' or '.', so they never shadow a variable.
  for (const auto& name : used)
    ctx.set(name, mustache::partial{[marked = mark_standalone_lines(partials.at(name))] { return marked; }});
  mustache::mustache tmpl{mark_standalone_lines(text)};
  tmpl.set_custom_escape([](const std::string& s) { return s; });
  std::string out = tmpl.is_valid() ? drop_marked_newlines(tmpl.render(ctx)) : "";
  if (!tmpl.is_valid())
    throw ScaffoldError(fmt::format("cannot render {}: {}", what, tmpl.error_message()), "fix the Mustache tags in the template");
  return out;
}

namespace {

// One folder of the template (files/ or resource/) rendered under `rules`.
std::vector<PlannedFile> render_folder(const std::map<std::string, std::string>& sources,
                                       const std::vector<FileRule>& rules, const std::string& folder,
                                       const TemplateSource& source, const Manifest& m, const Answers& answers,
                                       const Surroundings& where, const ExtraValues* extra) {
  std::vector<PlannedFile> out;
  std::map<std::string, std::string> origin;  // output path -> source path
  for (const auto& [source_path, bytes] : sources) {
    bool skip = false;
    for (const auto& rule : rules)
      if (matches(rule.glob, source_path) && !condition_holds(rule, answers)) skip = true;
    if (skip) continue;
    std::string path =
        strip_mustache(render_text(source_path, m, answers, "the path " + folder + source_path, {}, where, extra));
    check_output_path(path, source_path);
    if (path == kStampFile)
      throw ScaffoldError(fmt::format("template file {}{} would write {}", folder, source_path, kStampFile),
                          "svc writes .svc.yaml itself; remove it from the template");
    PlannedFile file{path, bytes, matches_any(m.executable, source_path) || matches_any(m.executable, path)};
    if (!matches_any(m.verbatim, source_path)) {
      file.content = render_text(bytes, m, answers, folder + source_path, source.partials, where, extra);
      if (blank(file.content)) continue;  // a template drops a file by rendering it empty
    }
    if (auto [it, fresh] = origin.emplace(path, source_path); !fresh)
      throw ScaffoldError(fmt::format("template files {}{} and {}{} both render to {}", folder, it->second, folder,
                                      source_path, path));
    out.push_back(std::move(file));
  }
  std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.path < b.path; });
  return out;
}

}  // namespace

RenderedTemplate render_template(const TemplateSource& source, const Manifest& m, const Answers& answers,
                                 const Surroundings& where) {
  RenderedTemplate out;
  out.files = render_folder(source.files, m.files, "files/", source, m, answers, where, nullptr);
  for (const auto& t : m.owns)
    if (condition_holds(t, answers)) out.owns.push_back(t.table);
  out.next_steps = render_text(m.next_steps, m, answers, "next_steps", {}, where);
  return out;
}

std::vector<PlannedFile> render_resource_files(const TemplateSource& source, const Manifest& m,
                                               const Answers& answers, const ExtraValues& extra) {
  return render_folder(source.resource_files, m.resource.files, "resource/", source, m, answers, {}, &extra);
}

}  // namespace svc::scaffolds

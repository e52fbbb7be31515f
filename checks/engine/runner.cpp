#include "checks/engine/runner.h"

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <map>
#include <mutex>
#include <set>
#include <thread>

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <re2/re2.h>

#include "checks/workspace/changed_lines.h"
#include "checks/engine/cache_key.h"
#include "checks/engine/check.h"
#include "checks/engine/file_result.h"
#include "checks/engine/prefilter.h"
#include "checks/engine/result_cache.h"
#include "checks/dockerfile/dockerfile.h"
#include "checks/facts/fact_kinds.h"
#include "checks/facts/derived_facts.h"
#include "checks/facts/facts.h"
#include "checks/filters/since_filter.h"
#include "checks/filters/suppressions.h"
#include "checks/local_rules/repository_rules.h"
#include "checks/local_rules/rule_options.h"
#include "checks/syntax/query.h"
#include "checks/syntax/documents.h"
#include "checks/syntax/syntax_tree.h"
#include "checks/workspace/workspace.h"
#include "common/input_file.h"
#include "common/utf8.h"
#include "common/yaml_guard.h"

namespace fs = std::filesystem;

namespace svc::engine {
namespace {

struct ActiveRule {
  const RuleInfo* info;
  std::unique_ptr<Check> check;
  std::vector<const FactKind*> needs;
};

// What one worker thread accumulates; merged once all files are done.
struct WorkerOutput {
  std::vector<Finding> findings;
  std::vector<Suppression> suppressions;
  std::vector<FileFacts> facts;
  std::vector<std::string> problems;
  // By rule (index into the active rules): (path, notes) of each file its collect() kept.
  std::vector<std::vector<std::pair<std::string, std::unique_ptr<FileNotes>>>> notes;
  SkippedFiles skipped;
  std::size_t read = 0, parsed = 0, cached = 0;
  // With a cache, for the next run: the entries of unchanged files, and the files done anew.
  std::vector<const CacheEntry*> cache_reused;
  std::vector<CacheEntry> cache_fresh;
};

std::vector<const RuleInfo*> infos_of(const std::vector<ActiveRule>& rules) {
  std::vector<const RuleInfo*> out;
  for (const auto& r : rules) out.push_back(r.info);
  return out;
}

bool applies_to(const RuleInfo& rule, Language lang) {
  return std::find(rule.languages.begin(), rule.languages.end(), lang) != rule.languages.end();
}

YAML::Node merged_options(const RuleInfo& rule, const Config& config) {
  YAML::Node out = YAML::Clone(rule.options);
  auto it = config.rules.find(rule.id);
  if (it != config.rules.end() && it->second.options)
    for (const auto& kv : it->second.options) out[kv.first.Scalar()] = kv.second;
  return out;
}

class Audit {
 public:
  Audit(const AuditOptions& options, const Config& config, const Workspace& ws, const ServiceMap& services,
        std::vector<ActiveRule>& rules, const ChangedLines* changed, const ResultCache* cache)
      : options_(options), config_(config), ws_(ws), services_(services), rules_(rules), changed_(changed),
        cache_(cache), prefilter_(infos_of(rules)) {
    for (const auto& r : rules_) slots_.push_back({r.info->id, r.check.get()});
    for (const auto& s : services_.services()) service_hashes_.push_back(hash_service(s));
    for (const auto& r : rules_)
      for (Language l : r.info->languages) languages_.insert(l);
    std::vector<std::string> forced = options_.collect_facts;
    for (const auto& r : rules_)
      for (const auto& name : r.check->workspace_facts()) forced.push_back(name);
    for (const auto& name : forced) {
      const FactKind* kind = find_fact_kind(name);
      if (!kind) throw UsageError(fmt::format("unknown fact kind '{}'", name));
      if (std::find(forced_kinds_.begin(), forced_kinds_.end(), kind) == forced_kinds_.end()) forced_kinds_.push_back(kind);
    }
  }

  void process(const std::string& path, WorkerOutput& out) const {
    Language lang = classify_path(path);
    bool forced = !forced_kinds_.empty() && (lang != Language::unknown || read_unclassified(path));
    if (!forced && !languages_.count(lang)) return;  // no rule looks at this kind of file
    int service = services_.service_of(path);
    std::uint64_t service_hash = service >= 0 && cache_ ? service_hashes_[service] : 0;
    if (cache_)
      if (auto stamp = ws_.stamp(path))
        if (const CacheEntry* same = cache_->find_unchanged(path, *stamp, service_hash))
          if (reuse(path, service, *same, out)) return;  // known unchanged without reading it
    ReadResult r = ws_.read(path);
    switch (r.status) {
      case ReadStatus::binary: ++out.skipped.binary; return;
      case ReadStatus::too_large:
        ++out.skipped.too_large;
        // A notebook's name is its fact: a large one still counts, with no text.
        if (forced && lang == Language::unknown) merge(path, compute(path, lang, {}, service), out);
        return;
      case ReadStatus::not_utf8: ++out.skipped.not_utf8; return;
      case ReadStatus::unreadable:
        ++out.skipped.unreadable;
        out.problems.push_back(fmt::format("{}: cannot read: {}", path, r.error));
        return;
      case ReadStatus::ok: break;
    }
    if (!cache_) {
      ++out.read;
      merge(path, compute(path, lang, std::move(r.text), service), out);
      return;
    }
    ContentHash content = hash_content(r.text);
    bool trusted = stamp_trustworthy(r.stamp, started_ns_);
    if (const CacheEntry* hit = cache_->find(path, content, service_hash)) {
      // The same content under a new stamp (a fresh checkout, a touched file): kept with
      // the new stamp, so the next run need not read it.
      bool restamp = !(hit->stamp == r.stamp) || hit->stamp_trusted != trusted;
      if (reuse(path, service, *hit, out, restamp)) {
        if (restamp) out.cache_fresh.push_back({path, content, service_hash, hit->payload, r.stamp, trusted});
        return;
      }
    }
    ++out.read;
    bool complete = true;
    FileResult result = compute(path, lang, std::move(r.text), service, &complete);
    if (complete) {
      ServicesInScope scope(services_);
      out.cache_fresh.push_back({path, content, service_hash, save_result(result, slots_), r.stamp, trusted});
    }
    merge(path, std::move(result), out);
  }

  // Files of no known language some collected fact kind reads by name (notebooks, go.mod).
  bool read_unclassified(const std::string& path) const {
    for (const FactKind* kind : forced_kinds_)
      if (kind->reads_unclassified && kind->reads_unclassified(path)) return true;
    return false;
  }

  // A file's results from the cache; false when the entry does not fit this run (the
  // file is then done again). `fresh` entries are stored anew by the caller.
  bool reuse(const std::string& path, int service, const CacheEntry& entry, WorkerOutput& out,
             bool fresh = false) const {
    try {
      ServicesInScope scope(services_);
      FileResult cached = restore_result(entry.payload, path, service, slots_);
      if (!fresh) out.cache_reused.push_back(&entry);
      ++out.read;
      ++out.cached;
      merge(path, std::move(cached), out, false);
      return true;
    } catch (const nlohmann::json::exception&) {
    } catch (const std::out_of_range&) {
    }
    return false;
  }

  // One file's results, from its text. `complete` is set false when --since left rules
  // out for an unchanged file: such a result is not kept for later runs.
  FileResult compute(const std::string& path, Language lang, std::string text, int service,
                     bool* complete = nullptr) const {
    FileResult result;
    SourceFile file(path, lang, std::move(text));
    result.suppressions = scan_suppressions(file);
    const Service* owner = service >= 0 ? &services_.services()[service] : nullptr;
    // A rule runs on this file if the file passes its prefilter and, for a rule that
    // works from facts, one of its fact kinds can use the file.
    std::vector<const ActiveRule*> per_file;
    std::vector<const FactKind*> kinds;
    bool unchanged = changed_ && !changed_->find(path);  // --since: facts still come from every file
    Prefilter::Found literals = prefilter_.scan(file.text());
    for (const auto& rule : rules_) {
      if (unchanged && rule.needs.empty() && rule.check->file_local()) {
        if (complete) *complete = false;
        continue;
      }
      if (!applies_to(*rule.info, lang) || !prefilter_.passes(&rule - rules_.data(), literals, file.text())) continue;
      if (!rule.check->wants(file, owner)) continue;
      bool wanted = rule.needs.empty();
      for (const FactKind* kind : rule.needs) {
        if (!kind->wants(file, owner)) continue;
        wanted = true;
        if (std::find(kinds.begin(), kinds.end(), kind) == kinds.end()) kinds.push_back(kind);
      }
      if (wanted) per_file.push_back(&rule);
    }
    for (const FactKind* kind : forced_kinds_)
      if (kind->wants(file, owner) && std::find(kinds.begin(), kinds.end(), kind) == kinds.end())
        kinds.push_back(kind);
    if (per_file.empty() && kinds.empty()) return result;  // prefiltered out: never parsed

    if (lang == Language::yaml && yaml_expands_beyond(file.text())) {
      result.yaml_bomb = true;
      result.problems.push_back(fmt::format("{}: YAML aliases expand to more than {} nodes: not analysed", path,
                                            kMaxYamlNodes));
      return result;
    }
    Documents documents(file);
    FileContext ctx{file, nullptr, nullptr, owner, documents};
    std::unique_ptr<SyntaxTree> tree;
    std::unique_ptr<docker::Dockerfile> dockerfile;
    if (lang == Language::dockerfile) {
      dockerfile = docker::parse(file);
      ctx.dockerfile = dockerfile.get();
    } else if (grammar_for(lang)) {
      tree = SyntaxTree::parse(file, options_.cancel);
      if (options_.cancel && options_.cancel->load()) return result;  // interrupted: the run ends below
      if (!tree) {
        result.problems.push_back(fmt::format("{}: could not be parsed within {} s: not analysed", path,
                                              kParseBudgetMicros / 1'000'000));
        return result;
      }
      if (nested_deeper_than(tree->root(), kMaxSyntaxDepth)) {
        result.too_deep = true;
        result.problems.push_back(
            fmt::format("{}: nested deeper than {} levels: not analysed", path, kMaxSyntaxDepth));
        return result;
      }
      ctx.tree = tree.get();
    }
    result.parsed = true;

    auto interrupted = [&] { return options_.cancel && options_.cancel->load(); };
    for (const ActiveRule* rule : per_file) {
      if (interrupted()) return result;  // the run ends after this file, unsaved
      FindingSink sink(*rule->info);
      std::optional<QueryBudget> budget;
      if (rule->info->local()) budget.emplace(options_.query_budget_micros);
      try {
        rule->check->check_file(ctx, sink);
        if (auto notes = rule->check->collect(ctx)) result.notes.emplace_back(rule - rules_.data(), std::move(notes));
      } catch (const QueryTimeout&) {
        // Its findings in this file are incomplete: none are kept, and the run says why.
        result.problems.push_back(fmt::format("{}: rule {} took over {} ms here and was stopped: not analysed for it",
                                              path, rule->info->id, options_.query_budget_micros / 1000));
        continue;
      }
      std::move(sink.findings().begin(), sink.findings().end(), std::back_inserter(result.findings));
    }
    if (!kinds.empty()) {
      FileFacts facts;
      facts.path = path;
      facts.service = service;
      for (const FactKind* kind : kinds) {
        if (interrupted()) return result;
        kind->extract(file, tree.get(), dockerfile.get(), documents, facts);
      }
      if (!facts.empty()) result.facts = std::move(facts);
    }
    return result;
  }

  static void merge(const std::string& path, FileResult&& r, WorkerOutput& out, bool counts_parse = true) {
    std::move(r.findings.begin(), r.findings.end(), std::back_inserter(out.findings));
    std::move(r.suppressions.begin(), r.suppressions.end(), std::back_inserter(out.suppressions));
    std::move(r.problems.begin(), r.problems.end(), std::back_inserter(out.problems));
    if (r.facts) out.facts.push_back(std::move(*r.facts));
    for (auto& [rule, notes] : r.notes) out.notes[rule].emplace_back(path, std::move(notes));
    if (counts_parse && r.parsed) ++out.parsed;
    if (r.too_deep) ++out.skipped.too_deep;
    if (r.yaml_bomb) ++out.skipped.yaml_aliases;
  }

  std::vector<WorkerOutput> run_all() const {
    const auto& files = ws_.files();
    unsigned jobs = options_.jobs ? options_.jobs : std::max(1u, std::thread::hardware_concurrency());
    jobs = std::min<unsigned>(jobs, std::max<std::size_t>(1, files.size()));
    std::vector<WorkerOutput> outputs(jobs);
    for (auto& out : outputs) out.notes.resize(rules_.size());
    std::atomic<std::size_t> next{0}, done{0};
    auto worker = [&](WorkerOutput& out) {
      for (std::size_t i; (i = next.fetch_add(1)) < files.size();) {
        if (options_.cancel && options_.cancel->load()) return;
        process(files[i], out);
        std::size_t d = ++done;
        if (options_.progress) options_.progress(d, files.size());
      }
    };
    std::vector<std::thread> threads;
    for (unsigned t = 1; t < jobs; ++t) threads.emplace_back(worker, std::ref(outputs[t]));
    worker(outputs[0]);
    for (auto& t : threads) t.join();
    if (options_.cancel && options_.cancel->load()) throw Interrupted();
    return outputs;
  }

 private:
  const AuditOptions& options_;
  const Config& config_;
  const Workspace& ws_;
  const ServiceMap& services_;
  std::vector<ActiveRule>& rules_;
  std::set<Language> languages_;
  std::vector<const FactKind*> forced_kinds_;
  const ChangedLines* changed_;  // null without --since
  const ResultCache* cache_;      // null with --no-cache
  std::int64_t started_ns_ = std::chrono::duration_cast<std::chrono::nanoseconds>(
                                 std::chrono::system_clock::now().time_since_epoch()).count();
  Prefilter prefilter_;
  std::vector<RuleSlot> slots_;
  std::vector<std::uint64_t> service_hashes_;  // by service index, for cache entries
};

// Findings from cross-file checks carry no source line yet: read just those files.
void attach_source_lines(std::vector<Finding>& findings, const Workspace& ws) {
  std::map<std::string, std::vector<Finding*>> missing;
  for (auto& f : findings)
    if (f.source_line.empty()) missing[f.path].push_back(&f);
  for (auto& [path, list] : missing) {
    ReadResult r = ws.read(path);
    if (r.status != ReadStatus::ok) continue;
    SourceFile file(path, classify_path(path), std::move(r.text));
    for (Finding* f : list) {
      f->source_line = file.snippet(f->line);
      if (f->matched_text.empty()) f->matched_text = std::string(file.line(f->line).substr(0, 4096));
    }
  }
}

// After fingerprints are assigned, so a finding keeps the fingerprint a full run gives it.
SinceSummary narrow_to_changes(std::vector<Finding>& findings, const ChangedLines& changed,
                               const std::vector<Service>& services) {
  SinceSummary s{changed.ref, changed.base, changed.files.size(), 0};
  s.hidden = keep_changed_findings(findings, changed, services);
  return s;
}

}  // namespace

std::string SkippedFiles::breakdown() const {
  std::vector<std::string> parts;
  auto add = [&](std::size_t n, const char* what) {
    if (n) parts.push_back(fmt::format("{} {}", n, what));
  };
  add(binary, "binary");
  add(too_large, "over 2 MiB");
  add(not_utf8, "not UTF-8");
  add(unreadable, "unreadable");
  add(too_deep, "nested too deeply");
  add(yaml_aliases, "YAML aliases expanding too far");
  return fmt::format("{}", fmt::join(parts, ", "));
}

std::vector<RuleInfo> effective_rules(const RuleCatalog& catalog, const Config& config,
                                      const std::vector<std::string>& only,
                                      const std::vector<std::string>& disable) {
  for (const auto* list : {&only, &disable})
    for (const auto& id : *list)
      if (!catalog.find(id))
        throw UsageError(fmt::format("unknown rule '{}' (see `svc rules`{})", id,
                                     id.rfind("local/", 0) == 0 ? ": no rule file in the repository declares it" : ""));
  std::vector<RuleInfo> out;
  for (const auto& rule : catalog.rules()) {
    if (!only.empty() && std::find(only.begin(), only.end(), rule.id) == only.end()) continue;
    if (std::find(disable.begin(), disable.end(), rule.id) != disable.end()) continue;
    RuleInfo r = rule;
    auto it = config.rules.find(rule.id);
    if (it != config.rules.end() && it->second.severity) r.severity = *it->second.severity;
    if (r.severity == Severity::off) continue;
    if (r.implementation == "pattern") r = with_options(r, merged_options(r, config));
    out.push_back(std::move(r));
  }
  return out;
}

namespace {

// Names and text from the tree as reports may show them (common/utf8.h), once every
// stage that reads files by these names is done. Fingerprints were taken before.
void make_printable(AuditResult& result) {
  for (auto& f : result.findings)
    for (std::string* s : {&f.path, &f.service, &f.message, &f.source_line, &f.suppression_reason})
      *s = printable(*s);
  for (auto& p : result.problems) p = printable(p);
  for (auto& s : result.services)
    for (std::string* t : {&s.name, &s.path}) *t = printable(*t);
}

// The configuration's ignore globs, and the cache folder when it lies inside the root
// (`--cache-dir .svc-cache`, as GitLab's cache needs): its packs are svc's, not the repository's.
// The repository's rule folder is left out too: its fixtures hold violations on purpose.
std::vector<std::string> ignored_paths(const AuditOptions& options, const Config& config, const std::string& rules_dir) {
  std::vector<std::string> globs = config.ignore;
  if (options.local_rules) globs.push_back(rules_dir + "/**");
  if (options.cache_dir.empty()) return globs;
  std::error_code ec;
  fs::path root = fs::weakly_canonical(options.root, ec), cache = fs::weakly_canonical(options.cache_dir, ec);
  fs::path inside = cache.lexically_relative(root);
  if (!ec && !inside.empty() && inside != "." && *inside.begin() != "..") globs.push_back(inside.generic_string() + "/**");
  return globs;
}

// The pack's key: the program, the root, the configuration file, and each rule that runs
// with its severity and options; `svc graph`'s extra fact kinds too.
std::string cache_key(const Workspace& ws, const std::string& config_path, const std::vector<ActiveRule>& active,
                      const Config& config, const std::vector<std::string>& collect_facts) {
  std::string key = fmt::format("{}\nroot {}\n", program_identity(), ws.root());
  if (!config_path.empty()) key += fmt::format("config {}\n{}\n", config_path, read_input_file(config_path).text);
  for (const auto& rule : active)
    key += fmt::format("rule {} {}\n{}\n{}\n", rule.info->id, to_string(rule.info->severity),
                       YAML::Dump(merged_options(*rule.info, config)), rule.info->source_text);
  for (const auto& kind : collect_facts) key += fmt::format("facts {}\n", kind);
  return key;
}

CacheSummary save_cache(ResultCache& cache, std::vector<WorkerOutput>& outputs, const AuditOptions& options) {
  CacheSummary s;
  s.dir = options.cache_dir;
  s.ignored = cache.ignored();
  std::vector<const CacheEntry*> reused;
  std::vector<CacheEntry> fresh;
  for (auto& out : outputs) {
    s.reused += out.cached;
    reused.insert(reused.end(), out.cache_reused.begin(), out.cache_reused.end());
    std::move(out.cache_fresh.begin(), out.cache_fresh.end(), std::back_inserter(fresh));
    out.cache_fresh.clear();
  }
  s.stored = reused.size() + fresh.size();
  cache.save(reused, std::move(fresh), options.cache_max_bytes, s.problem);
  return s;
}

// Removes the findings the baseline records. With --since only part of the findings
// were seen, so no entry counts as fixed.
void hide_baselined(const Baseline& baseline, const AuditOptions& options, AuditResult& result) {
  std::set<std::string> checked;
  if (options.since.empty())
    for (const auto& rule : result.rules) checked.insert(rule.id);
  result.baseline_match = apply_baseline(baseline, result.findings, checked);
  result.baseline_file = options.baseline_file;
  result.baseline_hidden = result.baseline_match.hidden;
  result.baseline_fixed = result.baseline_match.fixed.size();
}

}  // namespace

AuditResult run_audit(const AuditOptions& options) {
  auto started = std::chrono::steady_clock::now();
  AuditResult result;

  std::error_code ec;
  if (!fs::is_directory(options.root, ec)) throw WorkspaceError(fmt::format("no such directory: {}", options.root));
  RepositorySetup setup = load_repository_setup(options.root, options.config_path, options.local_rules,
                                                options.catalog.get());
  const RuleCatalog& catalog = setup.catalog;
  Config& config = setup.config;
  const std::string& config_path = setup.config_file;
  result.config_file = config_path;
  result.rules_dir = setup.rules_dir;

  Workspace ws(options.root, ignored_paths(options, config, setup.rules_dir));
  result.root = ws.root();
  result.repository_prefix = ws.repository_prefix();
  result.files = ws.files().size();
  std::optional<ChangedLines> changed;
  if (!options.since.empty()) changed = changed_since(ws, options.since);  // fails before any file is read
  ServiceMap services = discover_services(ws, config);
  result.services = services.services();
  result.packages = services.packages();
  result.rules = effective_rules(catalog, config, options.only, options.disable);

  std::vector<ActiveRule> active;
  for (const auto& rule : result.rules) {
    auto it = builtin_checks().find(rule.implementation);
    if (it == builtin_checks().end()) continue;  // "engine" rules are applied below
    ActiveRule a{&rule, it->second(), {}};
    for (const auto& name : rule.needs) {
      const FactKind* kind = find_fact_kind(name);
      if (!kind) throw std::logic_error(fmt::format("rules/{}.yaml needs unknown facts '{}'", rule.id, name));
      a.needs.push_back(kind);
    }
    a.check->load_rule(rule);
    a.check->configure(merged_options(rule, config));
    active.push_back(std::move(a));
  }

  std::optional<ResultCache> cache;
  if (!options.cache_dir.empty())
    cache.emplace(options.cache_dir, cache_key(ws, config_path, active, config, options.collect_facts));
  Audit audit(options, config, ws, services, active, changed ? &*changed : nullptr, cache ? &*cache : nullptr);
  std::vector<WorkerOutput> outputs = audit.run_all();
  std::vector<FileFacts> facts;
  std::vector<Suppression> suppressions;
  for (auto& out : outputs) {
    std::move(out.findings.begin(), out.findings.end(), std::back_inserter(result.findings));
    std::move(out.facts.begin(), out.facts.end(), std::back_inserter(facts));
    std::move(out.suppressions.begin(), out.suppressions.end(), std::back_inserter(suppressions));
    std::move(out.problems.begin(), out.problems.end(), std::back_inserter(result.problems));
    result.read += out.read;
    result.parsed += out.parsed;
    result.skipped.binary += out.skipped.binary;
    result.skipped.too_large += out.skipped.too_large;
    result.skipped.not_utf8 += out.skipped.not_utf8;
    result.skipped.unreadable += out.skipped.unreadable;
    result.skipped.too_deep += out.skipped.too_deep;
    result.skipped.yaml_aliases += out.skipped.yaml_aliases;
  }
  std::sort(facts.begin(), facts.end(), [](const FileFacts& a, const FileFacts& b) { return a.path < b.path; });
  std::sort(result.problems.begin(), result.problems.end());

  DerivedFacts derived(services, facts, config);
  for (std::size_t r = 0; r < active.size(); ++r) {
    std::vector<std::pair<std::string, const FileNotes*>> kept;
    for (const auto& out : outputs)
      for (const auto& [path, notes] : out.notes[r]) kept.emplace_back(path, notes.get());
    std::sort(kept.begin(), kept.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    std::vector<const FileNotes*> notes;
    for (const auto& k : kept) notes.push_back(k.second);
    WorkspaceContext wctx{services, facts, config, derived, notes};
    FindingSink sink(*active[r].info);
    active[r].check->check_workspace(wctx, sink);
    std::move(sink.findings().begin(), sink.findings().end(), std::back_inserter(result.findings));
  }

  // Saved once the facts are gone: the pack is written at the run's lowest memory.
  if (options.collect_facts.empty()) std::vector<FileFacts>().swap(facts);
  for (auto& out : outputs) out.notes.clear();
  if (cache) result.cache = save_cache(*cache, outputs, options);

  apply_suppressions(result.findings, suppressions, result.rules, catalog);
  attach_source_lines(result.findings, ws);
  for (auto& f : result.findings) {
    int s = services.service_of(f.path);
    if (s >= 0) f.service = services.services()[s].path;
  }
  finalize_findings(result.findings);
  if (changed) result.since = narrow_to_changes(result.findings, *changed, result.services);
  if (options.baseline) hide_baselined(*options.baseline, options, result);
  if (!options.collect_facts.empty()) result.facts = std::move(facts);
  result.config = std::move(config);
  make_printable(result);
  result.duration_ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                           std::chrono::steady_clock::now() - started).count();
  return result;
}

}  // namespace svc::engine

// Public API, long-running work, background jobs, another language: the four needs the
// guide names as reasons to run a dedicated backend next to a Next.js app. Where the
// repository has Next.js apps, the verdict weighs the evidence inside them (and the
// packages only they use): the same need met in a dedicated service is already split,
// and the summary says where.
#include <algorithm>
#include <charconv>
#include <regex>
#include <set>

#include <fmt/format.h>

#include "checks/review/criteria.h"

namespace svc::review {
namespace {

using engine::SignalKind;

std::string join(const std::set<std::string>& items, std::size_t shown = 3) {
  std::string out;
  std::size_t n = 0;
  for (const auto& i : items) {
    if (n++ == shown) return out + fmt::format(" and {} more", items.size() - shown);
    out += (out.empty() ? "" : ", ") + i;
  }
  return out;
}

// Evidence as it is added: counted for the verdict, shown up to the cap.
class Weighing {
 public:
  Weighing(const ReviewContext& context, const System& system, Criterion& criterion)
      : context_(context), criterion_(criterion), has_apps_(!system.next_apps.empty()) {}

  void add(const std::string& path, int line, const std::string& kind, const std::string& note, bool strong) {
    bool in_app = !path.empty() && context_.in_next_app(path);
    if (!path.empty() && !in_app)
      if (int s = context_.services.service_of(path); s >= 0)
        dedicated_.insert(context_.service(s).path == "." ? "the root service" : context_.service(s).path);
    for (Tally* t : {&all_, in_app ? &apps_ : nullptr})
      if (t) {
        ++t->total;
        t->strong += strong;
        t->kinds.insert(kind);
      }
    add_evidence(criterion_, {path, line, note}, hidden_);
  }

  // split: one strong sign and `enough` in all (two unless one settles it); unclear:
  // anything less; stay: none.
  void close(const std::string& none, const std::string& what, std::size_t enough = 2) {
    close_evidence(criterion_, hidden_);
    const Tally& t = has_apps_ ? apps_ : all_;
    criterion_.verdict = t.strong >= 1 && t.total >= enough ? "split" : t.total ? "unclear" : "stay";
    if (!all_.total) {
      criterion_.summary = none;
      return;
    }
    criterion_.summary = what + ": " + join(all_.kinds, 8);
    if (has_apps_) criterion_.summary += fmt::format("; {} of {} places in Next.js apps", apps_.total, all_.total);
    if (!dedicated_.empty()) criterion_.summary += "; already served by " + join(dedicated_);
  }

  std::size_t total() const { return all_.total; }

 private:
  struct Tally {
    std::size_t strong = 0, total = 0;
    std::set<std::string> kinds;
  };
  const ReviewContext& context_;
  Criterion& criterion_;
  bool has_apps_;
  Tally apps_, all_;
  std::set<std::string> dedicated_;
  std::size_t hidden_ = 0;
};

template <typename Fn>
void for_signals(const ReviewContext& context, std::initializer_list<SignalKind> kinds, Fn fn) {
  for (const auto& f : context.audit.facts)
    for (const auto& s : f.signals.signals)
      if (std::find(kinds.begin(), kinds.end(), s.kind) != kinds.end()) fn(f, s);
}

// Each signal of the given kinds, strong when `strong` says so.
void add_signals(const ReviewContext& context, Weighing& w, std::initializer_list<SignalKind> kinds,
                 bool (*strong)(SignalKind)) {
  for_signals(context, kinds, [&](const engine::FileFacts& f, const engine::Signal& s) {
    std::string kind(engine::to_string(s.kind));
    w.add(f.path, s.span.begin.line, kind, kind + ": " + s.note, strong(s.kind));
  });
}

}  // namespace

void add_evidence(Criterion& criterion, Evidence evidence, std::size_t& hidden) {
  if (criterion.evidence.size() < kEvidencePerCriterion) criterion.evidence.push_back(std::move(evidence));
  else ++hidden;
}

void close_evidence(Criterion& criterion, std::size_t hidden) {
  if (hidden) criterion.evidence.push_back({"", 0, fmt::format("and {} more", hidden)});
}

Criterion judge_public_api(const ReviewContext& context, const System& system) {
  Criterion c{"public-api", "", "", {}};
  Weighing w(context, system, c);
  add_signals(context, w,
              {SignalKind::api_key_check, SignalKind::webhook_signature, SignalKind::openapi_document,
               SignalKind::cors, SignalKind::bearer_token},
              [](SignalKind k) { return k != SignalKind::cors && k != SignalKind::bearer_token; });
  static const std::regex versioned(R"((^|/)v[0-9]+(/|$))");
  for (const auto& app : system.next_apps)
    for (const auto& r : app.route_handlers)
      if (std::regex_search(r.route, versioned))
        w.add(r.path, r.line, "versioned routes", fmt::format("versioned route {} {}", r.method, r.route), true);
  for (const auto& call : system.calls) {
    bool app = std::any_of(system.next_apps.begin(), system.next_apps.end(),
                           [&](const NextApp& a) { return a.path == call.to; });
    // Another service calling a Next.js app is a client other than the app itself.
    if (app) w.add(call.to, 0, "called by another service", fmt::format("{} calls it ({})", call.from, call.via), true);
  }
  w.close("no sign of clients other than the app itself: Server Actions and internal routes suffice",
          "clients other than the app itself");
  return c;
}

Criterion judge_long_running_work(const ReviewContext& context, const System& system) {
  Criterion c{"long-running-work", "", "", {}};
  Weighing w(context, system, c);
  add_signals(context, w, {SignalKind::media_processing, SignalKind::mail_send, SignalKind::sleep_poll},
              [](SignalKind k) { return k == SignalKind::media_processing; });
  for (const auto& f : context.audit.facts) {
    auto loops = [&](const engine::BodyTouches& t, const std::string& what) {
      for (const auto& l : t.loops) {
        bool mails = std::any_of(t.calls.begin(), t.calls.end(), [&](const engine::BodyCall& call) {
          return call.kind == engine::TouchKind::mail && call.span.begin.line >= l.span.begin.line &&
                 call.span.end.line <= l.span.end.line;
        });
        w.add(f.path, l.span.begin.line, "loops over network calls",
              fmt::format("{} awaits {} in a {} loop{}", what, l.awaited, l.kind, mails ? ", sending mail" : ""), mails);
      }
    };
    for (const auto& a : f.next.actions) loops(a.touches, "Server Action " + (a.name.empty() ? "(inline)" : a.name));
    for (const auto& p : f.next.procedures) loops(p.touches, "tRPC procedure " + p.key);
  }
  for (const auto& app : system.next_apps)
    for (const auto& s : app.segment_config) {
      if (s.name.find("maxDuration") == std::string::npos) continue;
      int seconds = 0;
      std::from_chars(s.value.data(), s.value.data() + s.value.size(), seconds);
      w.add(s.path, s.line, "raised maxDuration", fmt::format("{} = {} seconds", s.name, s.value), seconds >= 60);
    }
  w.close("requests do short work: no loops over network calls, media work or raised maxDuration",
          "work that outgrows a request");
  return c;
}

Criterion judge_background_jobs(const ReviewContext& context, const System& system) {
  Criterion c{"background-jobs", "", "", {}};
  Weighing w(context, system, c);
  for (const auto& q : system.queues) {
    std::set<std::string> producers(q.producers.begin(), q.producers.end());
    std::set<std::string> consumers(q.consumers.begin(), q.consumers.end());
    std::string where = !q.consumers.empty() ? q.consumers.front() : !q.producers.empty() ? q.producers.front() : "";
    w.add(where, 0, "queues",
          fmt::format("queue {}: produced by {}, consumed by {}", q.name,
                      producers.empty() ? "nobody seen" : join(producers), consumers.empty() ? "nobody seen" : join(consumers)),
          true);
  }
  add_signals(context, w, {SignalKind::cron, SignalKind::fire_and_forget},
              [](SignalKind k) { return k == SignalKind::cron; });
  for (const auto& f : context.audit.facts)
    for (const auto& a : f.next.actions)
      for (const auto& call : a.touches.calls)
        if (call.kind == engine::TouchKind::queue)
          w.add(f.path, call.span.begin.line, "Server Actions that enqueue", "Server Action enqueues: " + call.callee,
                true);
  w.close("no queues, cron schedules or fire-and-forget work", "background work");
  return c;
}

Criterion judge_language_needs(const ReviewContext& context, const System& system) {
  Criterion c{"language-needs", "", "", {}};
  Weighing w(context, system, c);
  // A spawned process is another language's need only when it runs that language:
  // python, go, ruby, java, R ... (a spawned pnpm, git or a variable says nothing).
  static const std::regex other_language(
      R"(\(\[?['"`]?(python[0-9.]*|pip[0-9]*|uv|poetry|go|ruby|bundle|java|Rscript|julia|php|perl|dotnet)['"` ,\]])");
  for_signals(context,
              {SignalKind::python_data_lib, SignalKind::spawn_process, SignalKind::notebook, SignalKind::go_module},
              [&](const engine::FileFacts& f, const engine::Signal& s) {
                if (s.kind == SignalKind::spawn_process && !std::regex_search(s.note, other_language)) return;
                std::string kind(engine::to_string(s.kind));
                w.add(f.path, s.span.begin.line, kind, kind + ": " + s.note,
                      s.kind == SignalKind::python_data_lib || s.kind == SignalKind::spawn_process);
              });
  // One import of pandas or one spawned python is the whole argument.
  w.close("everything is TypeScript/JavaScript and nothing asks for another ecosystem",
          "needs of another language's ecosystem", 1);
  return c;
}

}  // namespace svc::review

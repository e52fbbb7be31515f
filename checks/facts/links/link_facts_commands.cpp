// Queues named on a worker's command line (compose `command:`, Kubernetes `args:`).
#include <algorithm>
#include <set>

#include <re2/re2.h>

#include "checks/facts/links/link_facts_yaml.h"

namespace svc::engine {
namespace {

std::vector<std::string> split_commas(const std::string& s) {
  std::vector<std::string> out;
  std::size_t b = 0;
  while (b <= s.size()) {
    std::size_t e = s.find(',', b);
    std::string part = s.substr(b, e == std::string::npos ? std::string::npos : e - b);
    if (!part.empty()) out.push_back(part);
    if (e == std::string::npos) break;
    b = e + 1;
  }
  return out;
}

// `rq worker [options] [queues...]`; no queue named means RQ's "default".
std::vector<QueueRef> rq_worker(const std::vector<std::string>& w, std::size_t at) {
  static const std::set<std::string> with_value = {
      "-u", "--url", "-c", "--config", "-w", "--worker-class", "-j", "--job-class", "-q", "--queue-class",
      "-n", "--name", "-P", "--path", "--results-ttl", "--worker-ttl", "--job-monitoring-interval",
      "--logging_level", "--log-format", "--date-format", "--exception-handler", "--serializer",
      "--max-jobs", "--max-idle-time", "--pid", "--dequeue-strategy", "--connection-class"};
  std::vector<QueueRef> out;
  for (std::size_t i = at + 1; i < w.size(); ++i) {
    if (w[i] == "&&" || w[i] == ";" || w[i] == "|") break;
    if (w[i].rfind('-', 0) == 0) {
      if (with_value.count(w[i])) ++i;
      continue;
    }
    out.push_back({"rq", w[i], "", false, {}});
  }
  if (out.empty()) out.push_back({"rq", "default", "", false, {}});
  return out;
}

// `celery -A app worker -Q a,b` / `--queues=a,b`; none named means Celery's "celery".
std::vector<QueueRef> celery_worker(const std::vector<std::string>& w, std::size_t at) {
  std::vector<QueueRef> out;
  for (std::size_t i = at + 1; i < w.size(); ++i) {
    if (w[i] == "&&" || w[i] == ";" || w[i] == "|") break;
    std::string list;
    if ((w[i] == "-Q" || w[i] == "--queues") && i + 1 < w.size()) list = w[++i];
    else if (w[i].rfind("--queues=", 0) == 0) list = w[i].substr(9);
    else if (w[i].rfind("-Q", 0) == 0 && w[i].size() > 2) list = w[i].substr(2);
    for (auto& q : split_commas(list)) out.push_back({"celery", q, "", false, {}});
  }
  if (out.empty()) out.push_back({"celery", "celery", "", false, {}});
  return out;
}

}  // namespace

namespace {

void split_words(const std::string& s, std::vector<std::string>& words) {
  static const RE2 word(R"(([^\s'"]+|'[^']*'|"[^"]*"))");
  re2::StringPiece in(s);
  std::string w;
  while (RE2::FindAndConsume(&in, word, &w)) {
    if (w.size() >= 2 && (w.front() == '\'' || w.front() == '"'))
      split_words(w.substr(1, w.size() - 2), words);  // a quoted script: `sh -c "rq worker a"`
    else
      words.push_back(w);
  }
}

}  // namespace

std::vector<std::string> command_words(const std::vector<YAML::Node>& parts) {
  std::vector<std::string> words;
  for (const auto& part : parts) split_words(yaml_string(part), words);
  return words;
}

std::vector<QueueRef> queues_of_command(const std::vector<std::string>& words) {
  for (std::size_t i = 0; i + 1 < words.size(); ++i) {
    std::string tool = words[i].substr(words[i].rfind('/') == std::string::npos ? 0 : words[i].rfind('/') + 1);
    if (tool == "rq" && words[i + 1] == "worker") return rq_worker(words, i + 1);
    if (tool == "celery") {
      auto worker = std::find(words.begin() + static_cast<long>(i) + 1, words.end(), "worker");
      if (worker != words.end()) return celery_worker(words, static_cast<std::size_t>(worker - words.begin()));
    }
  }
  return {};
}

}  // namespace svc::engine

// Which files can show a split signal (a literal scan, before any parse), and the one
// entry point that hands each file to its extractor and puts the signals in file order.
#include "checks/facts/signals/signal_facts.h"

#include <algorithm>
#include <set>

#include <re2/re2.h>

#include "checks/facts/imports/vendored_code.h"
#include "checks/facts/signals/signal_sink.h"
#include "checks/syntax/syntax_tree.h"

namespace svc::engine {

std::string_view to_string(SignalKind kind) {
  switch (kind) {
    case SignalKind::cors: return "cors";
    case SignalKind::api_key_check: return "api-key-check";
    case SignalKind::bearer_token: return "bearer-token";
    case SignalKind::webhook_signature: return "webhook-signature";
    case SignalKind::openapi_document: return "openapi-document";
    case SignalKind::mail_send: return "mail-send";
    case SignalKind::media_processing: return "media-processing";
    case SignalKind::sleep_poll: return "sleep-poll";
    case SignalKind::cron: return "cron";
    case SignalKind::fire_and_forget: return "fire-and-forget";
    case SignalKind::spawn_process: return "spawn-process";
    case SignalKind::python_data_lib: return "python-data-lib";
    case SignalKind::notebook: return "notebook";
    case SignalKind::go_module: return "go-module";
  }
  return "";
}

namespace {

// Words some signal of JavaScript/TypeScript code needs; a file with none is not parsed.
bool js_may_signal(std::string_view text) {
  static const RE2 words(
      R"((?i:access-control-allow-origin|cors|api[-_]?key|api[-_]?token|x-[a-z0-9]+-key|authorization|signature|webhook))"
      R"(|createHmac|constructEvent|openapi|swagger|OpenAPI|send(?:Mail|Emails?|BatchEmail)\b|sgMail|emails\.send)"
      R"(|batch\.send|Send(?:Raw)?EmailCommand)"
      R"(|sharp|ffmpeg|puppeteer|canvas|pdf|jimp|xlsx|json2csv|csv-stringify|archiver)"
      R"(|sleep|delay|wait\(|setTimeout|setInterval|@Interval|[cC]ron|schedule|waitUntil|after\b)"
      R"(|\bvoid\s|\.then\(|\.catch\(|\.finally\(|fetch\(|child_process|execa|cross-spawn|Bun\.spawn|Deno\.Command)");
  return RE2::PartialMatch(re2::StringPiece(text.data(), text.size()), words);
}

bool python_may_signal(std::string_view text) {
  static const RE2 words(
      R"((?i:access-control-allow-origin|cors|api[-_]?key|api[-_]?token|x-[a-z0-9]+-key|authorization|signature|webhook|hmac))"
      R"(|construct_event|FastAPI|Bearer|flasgger|flask_smorest|flask_restx|flask_openapi3|apispec|spectree)"
      R"(|drf_spectacular|drf_yasg|connexion|smtplib|send_mail|send_mass_mail|Emails\.send|fastapi_mail)"
      R"(|sleep|crontab|CronTrigger|cron|beat_schedule|BEAT_SCHEDULE|add_task|create_task|ensure_future)"
      R"(|numpy|pandas|polars|scipy|sklearn|statsmodels|torch|tensorflow|keras|jax|transformers|xgboost)"
      R"(|lightgbm|catboost|spacy|nltk|PIL|cv2|imageio|wand|moviepy|ffmpeg|reportlab|weasyprint|fpdf)"
      R"(|pypdf|PyPDF2|fitz|pdfplumber|openpyxl|xlsxwriter)");
  return RE2::PartialMatch(re2::StringPiece(text.data(), text.size()), words);
}

}  // namespace

bool wants_signal_facts(const SourceFile& file) {
  if (is_test_path(file.path())) return false;
  switch (file.language()) {
    case Language::typescript:
    case Language::tsx:
    case Language::javascript:
      return file.path().find(".d.ts") == std::string::npos && js_may_signal(file.text()) && !is_vendored_code(file);
    case Language::python: return python_may_signal(file.text());
    default: return document_wants_signals(file);
  }
}

void extract_signal_facts(const SourceFile& file, const SyntaxTree* tree, SignalFacts& out) {
  std::size_t first = out.signals.size();
  switch (file.language()) {
    case Language::typescript:
    case Language::tsx:
    case Language::javascript:
      if (tree) extract_js_signals(*tree, out);
      break;
    case Language::python:
      if (tree) extract_python_signals(*tree, out);
      break;
    default: extract_document_signals(file, tree, out);
  }
  // File order; one signal of a kind per line (a call and the chain around it are one).
  auto begin = out.signals.begin() + static_cast<std::ptrdiff_t>(first);
  std::stable_sort(begin, out.signals.end(), [](const Signal& a, const Signal& b) {
    return std::pair(a.span.begin.line, a.span.begin.column) < std::pair(b.span.begin.line, b.span.begin.column);
  });
  std::set<std::pair<int, SignalKind>> seen;
  out.signals.erase(std::remove_if(begin, out.signals.end(),
                                   [&](const Signal& s) { return !seen.insert({s.span.begin.line, s.kind}).second; }),
                    out.signals.end());
}

}  // namespace svc::engine

#include "checks/facts/signals/signal_libraries.h"

#include <set>

#include <re2/re2.h>

#include "common/ascii.h"

namespace svc::engine {
namespace {

using Names = std::set<std::string_view>;

// The specifier itself ("hono/cors") or its package ("@react-pdf/renderer/lib/x").
bool names(const Names& list, std::string_view specifier) {
  if (specifier.starts_with("node:")) specifier.remove_prefix(5);
  return list.count(specifier) > 0 || list.count(package_root(specifier)) > 0;
}

}  // namespace

std::string_view package_root(std::string_view specifier) {
  auto slash = specifier.find('/');
  if (specifier.starts_with("@") && slash != std::string_view::npos) slash = specifier.find('/', slash + 1);
  return specifier.substr(0, slash);
}

bool is_cors_package(std::string_view s) {
  static const Names list = {"cors", "hono/cors", "@fastify/cors", "fastify-cors", "@koa/cors", "koa-cors",
                             "koa2-cors", "@elysiajs/cors", "nextjs-cors", "micro-cors", "@hapi/cors"};
  return names(list, s);
}

bool is_media_package(std::string_view s) {
  static const Names list = {"sharp", "jimp", "canvas", "@napi-rs/canvas", "gm", "fluent-ffmpeg", "ffmpeg-static",
                             "@ffmpeg/ffmpeg", "@ffmpeg-installer/ffmpeg", "puppeteer", "puppeteer-core",
                             "@sparticuz/chromium", "pdfkit", "@react-pdf/renderer", "pdf-lib", "@cantoo/pdf-lib",
                             "jspdf", "pdfmake", "pdf-parse", "pdfjs-dist", "exceljs", "xlsx", "json2csv",
                             "@json2csv/plainjs", "@json2csv/node", "csv-stringify", "archiver"};
  return names(list, s);
}

bool is_openapi_package(std::string_view s) {
  static const Names list = {"@hono/zod-openapi", "hono-openapi", "chanfana", "@nestjs/swagger", "swagger-jsdoc",
                             "swagger-ui-express", "@fastify/swagger", "@fastify/swagger-ui", "fastify-swagger",
                             "next-swagger-doc", "zod-openapi", "@asteasolutions/zod-to-openapi", "trpc-openapi",
                             "trpc-to-openapi", "@ts-rest/open-api", "@elysiajs/swagger", "tsoa",
                             "@scalar/hono-api-reference", "@scalar/nextjs-api-reference",
                             "@scalar/express-api-reference", "@hono/swagger-ui"};
  return names(list, s);
}

bool is_process_package(std::string_view s) {
  static const Names list = {"child_process", "execa", "cross-spawn"};
  return names(list, s);
}

bool is_python_data_package(std::string_view root) {
  static const Names list = {"numpy", "pandas", "polars", "scipy", "sklearn", "statsmodels", "torch",
                             "tensorflow", "keras", "jax", "transformers", "sentence_transformers", "xgboost",
                             "lightgbm", "catboost", "spacy", "nltk"};
  return list.count(root) > 0;
}

bool is_python_media_package(std::string_view root) {
  static const Names list = {"PIL", "cv2", "imageio", "wand", "moviepy", "ffmpeg", "reportlab", "weasyprint",
                             "fpdf", "pypdf", "PyPDF2", "fitz", "pdfplumber", "openpyxl", "xlsxwriter"};
  return list.count(root) > 0;
}

bool is_python_openapi_package(std::string_view root) {
  static const Names list = {"flasgger", "flask_smorest", "flask_restx", "flask_openapi3", "apispec", "spectree",
                             "drf_spectacular", "drf_yasg", "connexion"};
  return list.count(root) > 0;
}

std::string header_key(std::string_view name) {
  std::string key = ascii_lower(name);
  if (key.starts_with("http_")) key.erase(0, 5);
  for (char& c : key)
    if (c == '_') c = '-';
  return key;
}

bool is_api_key_header(std::string_view key) {
  // x-api-key, api_key, apikey, x-acme-api-token; and a product's own `x-<name>-key`
  // (x-openstatus-key), but not the keys of idempotency, caches or tracing.
  static const RE2 api_key(R"(^(x-[a-z0-9-]*)?api-?(key|token)$)");
  static const RE2 vendor_key(R"(^x-([a-z0-9]+)-key$)");
  static const std::set<std::string_view> not_credentials = {
      "idempotency", "idempotent", "cache", "dedupe", "dedup", "request", "trace", "routing",
      "partition", "correlation", "encryption", "public", "signing", "session", "message"};
  re2::StringPiece piece(key.data(), key.size());
  if (RE2::FullMatch(piece, api_key)) return true;
  std::string word;
  return RE2::FullMatch(piece, vendor_key, &word) && !not_credentials.count(word);
}

bool is_cron_expression(std::string_view text) {
  // Five or six fields of numbers, ranges, steps, lists, `*`/`?`, or day and month names;
  // at least one field with a digit or `*`, so words never pass.
  static const RE2 macro(R"(^@(yearly|annually|monthly|weekly|daily|midnight|hourly)$)");
  static const std::string field =
      R"((?:[0-9*?LW#/,-]+|(?i:(?:mon|tue|wed|thu|fri|sat|sun|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)(?:[-,][a-z]{3})*)))";
  static const RE2 fields("^(?:" + field + R"(\s+){4,5})" + field + "$");
  re2::StringPiece piece(text.data(), text.size());
  if (RE2::FullMatch(piece, macro)) return true;
  return RE2::FullMatch(piece, fields) && text.find_first_of("0123456789*") != std::string_view::npos;
}

}  // namespace svc::engine

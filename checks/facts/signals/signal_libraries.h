#pragma once
// What a library, a header name or a schedule string means to the split criteria: the
// lists the extractors of every language share.
#include <string>
#include <string_view>

namespace svc::engine {

// npm packages.
bool is_cors_package(std::string_view specifier);     // cors, hono/cors, @fastify/cors, ...
bool is_media_package(std::string_view specifier);    // sharp, fluent-ffmpeg, puppeteer, pdf and xlsx writers
bool is_openapi_package(std::string_view specifier);  // @hono/zod-openapi, @nestjs/swagger, swagger-jsdoc, ...
bool is_process_package(std::string_view specifier);  // child_process, execa, cross-spawn

// Python top-level packages (the first part of a dotted module).
bool is_python_data_package(std::string_view root);     // numpy, pandas, sklearn, torch, ...
bool is_python_media_package(std::string_view root);    // PIL, cv2, moviepy, reportlab, openpyxl, ...
bool is_python_openapi_package(std::string_view root);  // flasgger, flask_smorest, drf_spectacular, ...

// A header or parameter name as a key: lower case, `HTTP_` (Django's META) dropped,
// underscores as dashes: "HTTP_X_API_KEY" -> "x-api-key".
std::string header_key(std::string_view name);
bool is_api_key_header(std::string_view key);  // x-api-key, api-key, apikey, x-acme-api-key, x-acme-key

// "0 9 * * 1-5", "*/5 * * * *", "@daily": a cron schedule, not any five words.
bool is_cron_expression(std::string_view text);

// The package of an import specifier: "@scope/name" or "name" ("hono/cors" stays whole
// for the few subpath packages the lists name).
std::string_view package_root(std::string_view specifier);

}  // namespace svc::engine

#pragma once
// Paths as the workspace names files: relative to the audited root, '/'-separated.
#include <string>
#include <string_view>
#include <vector>

namespace svc::engine {

std::string base_name(std::string_view path);  // "a/b.ts" -> "b.ts"; "b.ts" -> "b.ts"
std::string folder_of(std::string_view path);  // "a/b.ts" -> "a"; "b.ts" -> "."
std::string dir_of(std::string_view path);     // "a/b.ts" -> "a"; "b.ts" -> ""

// `path` seen from folder `dir`, `..` and `.` resolved: ("a/b", "../c") -> "a/c";
// "." for the root; "" when it climbs above the root or is absolute.
std::string join_relative(const std::string& dir, const std::string& path);

// "/api//orders/:id" -> {"api", "orders", ":id"}: a path's segments, empty ones dropped
// (file paths and URL paths alike).
std::vector<std::string> path_segments(std::string_view path);

// Whether `path` lies under folder `dir` ("." holds everything; a folder is not inside itself).
bool inside_folder(const std::string& path, const std::string& dir);

}  // namespace svc::engine

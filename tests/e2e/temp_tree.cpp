#include "e2e/temp_tree.h"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include <stdlib.h>

namespace fs = std::filesystem;

namespace svc::e2e {

TempTree::TempTree() {
  std::string tmpl = (fs::temp_directory_path() / "svc-e2e-XXXXXX").string();
  if (!::mkdtemp(tmpl.data())) throw std::runtime_error(std::string("mkdtemp: ") + std::strerror(errno));
  // Canonical, so it compares equal to the absolute root svc reports.
  root_ = fs::canonical(tmpl);
}

TempTree::~TempTree() {
  std::error_code ec;
  fs::remove_all(root_, ec);  // never throw from a destructor; a leftover is harmless
}

fs::path TempTree::write_file(std::string_view relative, std::string_view content) const {
  fs::path p = root_ / fs::path(relative);
  fs::create_directories(p.parent_path());
  std::ofstream out(p, std::ios::binary | std::ios::trunc);
  out.write(content.data(), static_cast<std::streamsize>(content.size()));
  if (!out) throw std::runtime_error("cannot write " + p.string());
  return p;
}

std::string TempTree::read_file(std::string_view relative) const {
  std::ifstream in(root_ / fs::path(relative), std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + std::string(relative));
  std::ostringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

}  // namespace svc::e2e

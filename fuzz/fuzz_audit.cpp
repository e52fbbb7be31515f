// The whole audit over a small tree made from the input: the bytes are split at 0xFF
// into the files below, written to a scratch folder, and audited with every rule.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "checks/core/errors.h"
#include "checks/engine/runner.h"
#include "checks/workspace/config.h"
#include "checks/workspace/workspace.h"

namespace fs = std::filesystem;

namespace {

const char* const kFiles[] = {
    "services/api/package.json", "services/api/src/index.ts", "services/api/src/db.ts", "services/api/Dockerfile",
    "services/worker/requirements.txt", "services/worker/app/main.py", "services/worker/Dockerfile",
    "docker-compose.yml", "services/api/openapi.yaml", "migrations/001.sql", "k8s/deploy.yaml", ".svc.yaml",
    // A Go module and a Django project: their own route, table and settings readers.
    "services/gw/go.mod", "services/gw/main.go", "services/gw/internal/api/routes.go", "services/gw/migrations/1.up.sql",
    "services/site/requirements.txt", "services/site/config/urls.py", "services/site/config/settings.py",
    "services/site/shop/models.py"};

const fs::path& scratch() {
  static const fs::path dir = [] {
    std::string tmpl = (fs::temp_directory_path() / "svc-fuzz-audit-XXXXXX").string();
    if (!mkdtemp(tmpl.data())) std::abort();
    return fs::path(tmpl);
  }();
  return dir;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const fs::path& root = scratch();
  std::vector<std::string> parts(1);
  for (std::size_t i = 0; i < size; ++i) {
    if (data[i] == 0xFF && parts.size() < std::size(kFiles)) parts.emplace_back();
    else parts.back() += static_cast<char>(data[i]);
  }
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(root, ec)) fs::remove_all(entry.path(), ec);
  for (std::size_t i = 0; i < parts.size(); ++i) {
    fs::path file = root / kFiles[i];
    fs::create_directories(file.parent_path(), ec);
    std::ofstream(file, std::ios::binary) << parts[i];
  }
  svc::engine::AuditOptions options;
  options.root = root.string();
  options.jobs = 1;
  try {
    (void)svc::engine::run_audit(options);
  } catch (const svc::engine::ConfigError&) {  // the fuzzed .svc.yaml: a user's error, exit 2
  } catch (const svc::engine::WorkspaceError&) {
  } catch (const svc::engine::UsageError&) {
  }
  return 0;
}

// docker-no-healthcheck: the final image must declare a HEALTHCHECK, itself or
// through the stages it is built on; `HEALTHCHECK NONE` is a deliberate opt-out.
#include "checks/engine/check.h"
#include "checks/dockerfile/dockerfile.h"

namespace svc::builtin {
namespace {

class DockerNoHealthcheck final : public engine::Check {
 public:
  bool file_local() const override { return true; }
  void check_file(const engine::FileContext& ctx, engine::FindingSink& out) const override {
    if (!ctx.dockerfile || !ctx.dockerfile->final_stage()) return;
    const auto& df = *ctx.dockerfile;
    const auto& final = *df.final_stage();
    if (df.last_in_chain(final, "HEALTHCHECK")) return;  // CMD, or NONE on purpose
    const auto& from = df.from_of(final);
    out.report(ctx.file, from.begin, from.end, {{"image", final.display_image()}});
  }
};

}  // namespace

std::unique_ptr<engine::Check> make_docker_no_healthcheck() { return std::make_unique<DockerNoHealthcheck>(); }

}  // namespace svc::builtin

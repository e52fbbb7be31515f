// docker-single-stage: an image built in one stage ships its build toolchain.
#include "checks/engine/check.h"
#include "checks/dockerfile/dockerfile.h"

namespace svc::builtin {
namespace {

class DockerSingleStage final : public engine::Check {
 public:
  bool file_local() const override { return true; }
  void check_file(const engine::FileContext& ctx, engine::FindingSink& out) const override {
    if (!ctx.dockerfile || ctx.dockerfile->stages.size() != 1) return;
    const auto& df = *ctx.dockerfile;
    const auto& from = df.from_of(df.stages.front());
    out.report(ctx.file, from.begin, from.end, {{"image", df.stages.front().display_image()}});
  }
};

}  // namespace

std::unique_ptr<engine::Check> make_docker_single_stage() { return std::make_unique<DockerSingleStage>(); }

}  // namespace svc::builtin

// docker-root-user: the final image stage must not run as root. The effective user
// is the last USER along the `FROM <alias>` chain; with none, the base image
// decides, and only bases known to be non-root (rule option) pass.
#include <fnmatch.h>

#include <fmt/format.h>

#include "checks/engine/check.h"
#include "checks/dockerfile/dockerfile.h"

namespace svc::builtin {
namespace {

using engine::docker::Dockerfile;
using engine::docker::Instruction;
using engine::docker::Stage;

// `root`, `0`, `root:group`, `0:0`. Names are case-sensitive on Linux, so `Root` is not root.
bool is_root(std::string_view user) {
  auto b = user.find_first_not_of(" \t");
  if (b == std::string_view::npos) return false;
  std::string_view name = user.substr(b, user.find(':', b) - b);
  while (!name.empty() && (name.back() == ' ' || name.back() == '\t')) name.remove_suffix(1);
  if (name == "root") return true;
  return !name.empty() && name.find_first_not_of('0') == std::string_view::npos;
}

// Image patterns are shell globs; without FNM_PATHNAME `*` also spans '/' and ':'.
bool glob_match(const std::string& pattern, const std::string& text) {
  return fnmatch(pattern.c_str(), text.c_str(), 0) == 0;
}

std::string stage_label(const Dockerfile& df, const Stage& s) {
  if (!s.name.empty()) return s.name;
  return &s == df.final_stage() ? "final" : fmt::format("#{}", s.index);
}

// A RUN that creates an account: worth naming when nothing switches to it.
const Instruction* user_creation(const Dockerfile& df, const std::vector<const Stage*>& chain) {
  auto creates = [](std::string_view text) {
    return text.find("useradd") != std::string_view::npos || text.find("adduser") != std::string_view::npos;
  };
  for (const Stage* s : chain)
    for (std::size_t i : s->instructions) {
      const Instruction& ins = df.instructions[i];
      if (!ins.is("RUN")) continue;
      if (creates(ins.command)) return &ins;
      for (const auto& doc : ins.heredocs)
        if (creates(doc.body)) return &ins;
    }
  return nullptr;
}

class DockerRootUser final : public engine::Check {
 public:
  bool file_local() const override { return true; }
  void configure(const YAML::Node& options) override {
    patterns_.clear();
    for (const char* key : {"nonroot_images", "extra_nonroot_images"}) {
      const YAML::Node list = options[key];
      if (list && list.IsScalar()) patterns_.push_back(engine::docker::normalized_image(list.Scalar()));
      if (!list || !list.IsSequence()) continue;
      for (const auto& item : list)
        if (item.IsScalar()) patterns_.push_back(engine::docker::normalized_image(item.Scalar()));
    }
  }

  void check_file(const engine::FileContext& ctx, engine::FindingSink& out) const override {
    if (!ctx.dockerfile || !ctx.dockerfile->final_stage()) return;
    const Dockerfile& df = *ctx.dockerfile;
    const Stage& final = *df.final_stage();
    auto chain = df.stage_chain(final);
    const Stage& root = *chain.front();
    if (const Instruction* user = df.last_in_chain(final, "USER")) {
      // An unresolvable `USER $X` may well be unprivileged: only a known root counts.
      if (user->resolved && is_root(*user->resolved)) report_root_user(ctx, df, *user, root, out);
      return;
    }
    if (root.resolved_image && nonroot_base(*root.resolved_image)) return;
    std::string reason = fmt::format("no USER after FROM {}", root.display_image());
    if (chain.size() > 1) {
      std::string names;
      for (const Stage* s : chain) names += (names.empty() ? "" : " -> ") + stage_label(df, *s);
      reason += fmt::format(" in the stage chain {}", names);
    }
    if (const Instruction* created = user_creation(df, chain))
      reason += fmt::format(" (the user created on line {} is never switched to)", created->line);
    const Instruction& from = df.from_of(final);
    out.report(ctx.file, from.begin, from.end, {{"reason", reason}, {"image", root.display_image()}, {"user", "root"}});
  }

 private:
  void report_root_user(const engine::FileContext& ctx, const Dockerfile& df, const Instruction& user,
                        const Stage& root, engine::FindingSink& out) const {
    std::string written = "USER " + user.arguments;
    if (user.arguments != *user.resolved) written += fmt::format(" (= {})", *user.resolved);
    std::string reason = fmt::format("its last USER is `{}`", written);
    const Stage& owner = df.stages[user.stage];
    if (&owner != df.final_stage()) reason += fmt::format(", inherited from stage {}", stage_label(df, owner));
    out.report(ctx.file, user.begin, user.end,
               {{"reason", reason}, {"image", root.display_image()}, {"user", *user.resolved}});
  }

  bool nonroot_base(const std::string& image) const {
    std::string ref = engine::docker::normalized_image(image);
    for (const auto& p : patterns_)
      if (glob_match(p, ref)) return true;
    return false;
  }

  std::vector<std::string> patterns_;
};

}  // namespace

std::unique_ptr<engine::Check> make_docker_root_user() { return std::make_unique<DockerRootUser>(); }

}  // namespace svc::builtin

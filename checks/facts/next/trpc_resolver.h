#pragma once
// tRPC procedures of a service with their dotted paths (`post.byId`), composed across
// files: routers mount routers and procedures by name, imported from other files.
#include <string>
#include <vector>

#include "checks/facts/facts.h"

namespace svc::engine {

struct ResolvedProcedure {
  // From the root router (the one a handler serves, else one bound as `appRouter`); when
  // no root reaches it, from the outermost router that holds it, or its own binding.
  std::string path;
  bool rooted = false;
  const FileFacts* file = nullptr;
  const TrpcProcedure* procedure = nullptr;
};

// `files` are one service's facts (and, where its routers live in workspace packages,
// those packages' files). Relative imports resolve with the service's ModuleMap; a
// package import (`@acme/api`) falls back to the router or procedure of that name.
std::vector<ResolvedProcedure> resolve_trpc_procedures(const std::string& service_root,
                                                       const std::vector<const FileFacts*>& files);

}  // namespace svc::engine

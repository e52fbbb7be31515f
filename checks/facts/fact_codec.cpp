#include "checks/facts/fact_codec.h"

#include "checks/core/json_codec.h"

namespace svc::engine {

SVC_JSON_FIELDS(NameRef, name, member, module)
SVC_JSON_FIELDS(BodySummary, touches_dependency, opaque_calls, calls)

// Routes.
SVC_JSON_FIELDS(Container, name, framework, kind, prefix, typed, span)
SVC_JSON_FIELDS(ContainerAlias, name, factory)
SVC_JSON_FIELDS(Handler, body, ref)
SVC_JSON_FIELDS(Route, receiver, method, path, dynamic_path, definition, handler, span, view_class)
SVC_JSON_FIELDS(Mount, parent, child, prefix, replaces_child_prefix, prefix_known, span, autoload_dir,
                folder_prefix)
SVC_JSON_FIELDS(Import, local, module, imported, kind)
SVC_JSON_FIELDS(Export, exported, local, module)
SVC_JSON_FIELDS(RouteDefinition, name, method, path)
SVC_JSON_FIELDS(FunctionFacts, name, body, returns_container)
SVC_JSON_FIELDS(ServerCreation, framework, container, span, text)
SVC_JSON_FIELDS(NestVersionedMethod, begin, end, versions)
SVC_JSON_FIELDS(NestControllerVersion, controller, versions)
SVC_JSON_FIELDS(NestAppPaths, known, global_prefix, exclude, versioning, uri_versioning,
                   default_versions, version_prefix)
SVC_JSON_FIELDS(NestVersioning, app, controllers, methods, router_module)
SVC_JSON_FIELDS(RouteFacts, containers, aliases, routes, mounts, imports, exports, definitions,
                   functions, servers, health_library, reexports, nest, file_router, next_base_path,
                   next_config, called_paths)

// Tables.
SVC_JSON_FIELDS(TableDefinition, table, symbol, origin, change, span, renamed_to, rollback)
SVC_JSON_FIELDS(TableReference, name, target, access, module_kind, module, statement, span)
SVC_JSON_FIELDS(TableAlias, symbol, reference)
SVC_JSON_FIELDS(TableFacts, definitions, references, aliases, modules, migration)

// Links.
SVC_JSON_FIELDS(EnvVar, name, value, span)
SVC_JSON_FIELDS(NamedRef, name, span)
SVC_JSON_FIELDS(QueueRef, system, queue, task, produces, span)
SVC_JSON_FIELDS(HealthProbe, source, path, span)
SVC_JSON_FIELDS(ProcessDecl, kind, name, container, namespace_, build, dockerfile, image, env,
                   env_files, config_maps, depends_on, queues, span, probes)
SVC_JSON_FIELDS(ConfigMapDecl, name, namespace_, data)
SVC_JSON_FIELDS(UrlLiteral, url, span)
SVC_JSON_FIELDS(EnvRead, name, span)
SVC_JSON_FIELDS(LinkFacts, compose, env_file, processes, env, config_maps, database_urls,
                   service_urls, env_reads, queues, probes)

// Servers started without a framework.
SVC_JSON_FIELDS(RuntimeServer, runtime, span, text, default_export)
SVC_JSON_FIELDS(ServerFacts, servers, url_paths)

// Next.js server surface.
SVC_JSON_FIELDS(BodyCall, kind, callee, span)
SVC_JSON_FIELDS(AwaitLoop, kind, awaited, span)
SVC_JSON_FIELDS(BodyTouches, body, calls, loops)
SVC_JSON_FIELDS(ServerAction, name, exported, inline_directive, span, touches)
SVC_JSON_FIELDS(SegmentConfig, name, value, span)
SVC_JSON_FIELDS(TrpcProcedure, router, key, type, base, span, touches)
SVC_JSON_FIELDS(TrpcRouter, name, exported, span)
SVC_JSON_FIELDS(TrpcMount, router, key, target, span)
SVC_JSON_FIELDS(TrpcRoot, target, span)
SVC_JSON_FIELDS(NextFacts, actions, segment_config, routers, procedures, mounts, roots, imports)

// Split signals and imports (`svc review`).
SVC_JSON_FIELDS(Signal, kind, note, span)
SVC_JSON_FIELDS(SignalFacts, signals)
SVC_JSON_FIELDS(ImportedModule, specifier, line, type_only)
SVC_JSON_FIELDS(ImportFacts, modules)

void to_json(nlohmann::json& j, const FileFacts& facts) {
  j = nlohmann::json{{"routes", facts.routes}, {"tables", facts.tables}, {"links", facts.links},
                     {"servers", facts.servers}, {"next", facts.next},
                     {"signals", facts.signals}, {"imports", facts.imports}};
}

void from_json(const nlohmann::json& j, FileFacts& facts) {
  j.at("routes").get_to(facts.routes);
  j.at("tables").get_to(facts.tables);
  j.at("links").get_to(facts.links);
  j.at("servers").get_to(facts.servers);
  j.at("next").get_to(facts.next);
  j.at("signals").get_to(facts.signals);
  j.at("imports").get_to(facts.imports);
}

}  // namespace svc::engine

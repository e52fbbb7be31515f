#pragma once
#include <string>

#include "checks/facts/imports/import_facts.h"
#include "checks/facts/links/link_facts.h"
#include "checks/facts/next/next_facts.h"
#include "checks/facts/routes/route_facts.h"
#include "checks/facts/servers/server_facts.h"
#include "checks/facts/signals/signal_facts.h"
#include "checks/facts/tables/table_facts.h"

namespace svc::engine {

// What one file contributes to cross-file checks. Facts are small and owned, so
// syntax trees can be freed as soon as a file is done (memory stays flat).
struct FileFacts {
  std::string path;
  int service = -1;  // index into the ServiceMap, -1 for none
  RouteFacts routes;
  TableFacts tables;
  LinkFacts links;
  ServerFacts servers;
  NextFacts next;
  SignalFacts signals;
  ImportFacts imports;

  bool empty() const {
    return routes.empty() && tables.empty() && links.empty() && servers.empty() && next.empty() && signals.empty() &&
           imports.empty();
  }
};

}  // namespace svc::engine

// Validates a SARIF document against the published OASIS schema (tests/data), with the
// validator the schema asks for (draft-04) and with Draft-07, either of which a consumer may use.
#pragma once
#include <string>

#include "e2e/cli_runner.h"
#include "e2e/temp_tree.h"

namespace svc::e2e {

// Exit 0 when `document` is valid; the errors on stdout otherwise.
RunResult validate_sarif(const TempTree& tree, const std::string& document);

}  // namespace svc::e2e

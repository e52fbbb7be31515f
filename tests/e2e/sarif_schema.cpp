#include "e2e/sarif_schema.h"

namespace svc::e2e {
namespace {

constexpr const char* kValidate = R"(
import json, sys
import jsonschema
schema = json.load(open(sys.argv[1]))
doc = json.load(open(sys.argv[2]))
errors = []
for cls in {jsonschema.validators.validator_for(schema), jsonschema.Draft7Validator}:
    errors += ["%s: /%s: %s" % (cls.__name__, "/".join(map(str, e.absolute_path)), e.message)
               for e in cls(schema).iter_errors(doc)]
print("\n".join(errors))
sys.exit(1 if errors else 0)
)";

}  // namespace

RunResult validate_sarif(const TempTree& tree, const std::string& document) {
  auto file = tree.write_file("to-validate.sarif", document);
  return run_program({SVC_PYTHON, "-c", kValidate, std::string(SVC_TEST_DATA_DIR) + "/sarif-schema-2.1.0.json", file.string()});
}

}  // namespace svc::e2e

#include "checks/report/reporter.h"

namespace svc::report {
void write_sarif(const engine::AuditResult&, const ReportOptions&, std::ostream&) {}
}  // namespace svc::report

#include "checks/report/reporter.h"

namespace svc::report {
void write_github(const engine::AuditResult&, const ReportOptions&, std::ostream&) {}
}  // namespace svc::report

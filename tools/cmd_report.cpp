// chokepoint report FILE -o report.html: one self-contained HTML page.
#include "tools/cli.hpp"

namespace chokepoint::cli {

void add_report_command(CLI::App& app, Context& ctx) { (void)app; (void)ctx; }

}  // namespace chokepoint::cli

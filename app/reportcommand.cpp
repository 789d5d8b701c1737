#include "reportcommand.h"

#include "analytics/availabilityquery.h"
#include "analytics/reportformat.h"
#include "core/terminaltext.h"
#include "options.h"
#include "store/resultstore.h"
#include "workspace/workspaceloader.h"

#include <QDir>
#include <QFileInfo>

using namespace Qt::StringLiterals;

namespace Vigie {

int ReportCommand::run(const Options &options, QTextStream &out, QTextStream &err)
{
    const auto loaded = WorkspaceLoader::loadFile(options.workspace);
    if (!loaded) {
        for (const WorkspaceError &error : loaded.error())
            err << terminalSafe(error.toString()) << '\n';
        err.flush();
        return 2;
    }
    QList<ReportService> services = reportServices(*loaded);
    if (!options.reportService.isEmpty()) {
        services.removeIf([&](const ReportService &s) { return s.id != options.reportService; });
        if (services.isEmpty()) {
            err << tr("vigie report: %1 has no service \"%2\".")
                       .arg(QDir::toNativeSeparators(options.workspace), terminalSafe(options.reportService))
                << '\n';
            err.flush();
            return 2;
        }
    }

    const QString dataDir = options.dataDir.isEmpty() ? Options::defaultDataDir() : options.dataDir;
    // A report reads a history: it does not create an empty one where there was none.
    if (!QFileInfo::exists(QDir(dataDir).filePath(u"vigie.sqlite"_s))) {
        err << tr("vigie report: no history in %1 (the console and vigie watch keep it there).")
                   .arg(QDir::toNativeSeparators(dataDir))
            << '\n';
        err.flush();
        return 1;
    }
    ResultStore store;
    if (const auto opened = store.open(dataDir); !opened) {
        err << tr("vigie report: %1").arg(opened.error()) << '\n';
        err.flush();
        return 1;
    }
    const AvailabilityReport report =
        queryAvailability(store, services, options.reportFromMs, options.reportToMs).result();
    const auto kind = ReportFormat::kindFromName(options.reportFormat).value_or(ReportFormat::Kind::Markdown);
    out << ReportFormat::format(report, services, kind);
    out.flush();
    return 0;
}

} // namespace Vigie

#include "validatecommand.h"

#include "core/terminaltext.h"
#include "workspace/workspaceloader.h"

#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

using namespace Qt::StringLiterals;

namespace Vigie {

int ValidateCommand::run(const QString &workspacePath, bool json, QTextStream &out, QTextStream &err)
{
    const auto loaded = WorkspaceLoader::loadFile(workspacePath);
    if (json) {
        QJsonObject verdict{{u"file"_s, workspacePath}, {u"valid"_s, loaded.has_value()}};
        if (loaded) {
            verdict.insert(u"services"_s, loaded->services.size());
            verdict.insert(u"probes"_s, loaded->probeCount());
        } else {
            QJsonArray errors;
            for (const WorkspaceError &error : loaded.error())
                errors.append(QJsonObject{{u"file"_s, error.location.file},
                                          {u"line"_s, error.location.line},
                                          {u"column"_s, error.location.column},
                                          {u"message"_s, error.message}});
            verdict.insert(u"errors"_s, errors);
        }
        out << QString::fromUtf8(QJsonDocument(verdict).toJson(QJsonDocument::Indented));
        out.flush();
        return loaded ? 0 : 2;
    }
    if (!loaded) {
        for (const WorkspaceError &error : loaded.error())
            err << terminalSafe(error.toString()) << '\n';
        err << tr("%n error(s) in %1.", "", int(loaded.error().size())).arg(QDir::toNativeSeparators(workspacePath))
            << '\n';
        err.flush();
        return 2;
    }
    out << tr("%1 is valid: %2, %3.")
               .arg(QDir::toNativeSeparators(workspacePath), tr("%n service(s)", "", int(loaded->services.size())),
                    tr("%n probe(s)", "", loaded->probeCount()))
        << '\n';
    out.flush();
    return 0;
}

} // namespace Vigie

#pragma once

#include <QByteArray>
#include <QCoreApplication>
#include <QFuture>
#include <QString>

namespace Vigie {

// Writes an export (a report, the event log as CSV) on the global thread pool, never on the
// caller's: whole or not at all (QSaveFile). The future holds a sentence naming the file when it
// failed, and an empty string when it worked.
class ExportFile
{
    Q_DECLARE_TR_FUNCTIONS(Vigie::ExportFile)

public:
    static QFuture<QString> save(const QString &path, const QByteArray &data);
};

} // namespace Vigie

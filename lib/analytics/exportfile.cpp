#include "exportfile.h"

#include <QDir>
#include <QSaveFile>
#include <QtConcurrent/QtConcurrentRun>

namespace Vigie {

QFuture<QString> ExportFile::save(const QString &path, const QByteArray &data)
{
    return QtConcurrent::run([path, data] {
        QSaveFile file(path);
        if (!file.open(QIODevice::WriteOnly) || file.write(data) != data.size() || !file.commit())
            return tr("Could not save %1: %2").arg(QDir::toNativeSeparators(path), file.errorString());
        return QString();
    });
}

} // namespace Vigie

// The workspace file format is documented once, in README.md ("Workspaces"). The loader is three
// parts: the YAML pre-pass and error positions (yamlsource.h), the pure value parsers
// (valueparsers.h) and the readers that build a Workspace from the nodes (workspacereader.h).

#include "workspaceloader.h"

#include "workspacereader.h"
#include "yamlsource.h"

#include <QFile>
#include <QFileInfo>

#include <exception>

namespace Vigie {

std::expected<Workspace, QList<WorkspaceError>> WorkspaceLoader::loadFile(const QString &path)
{
    const auto failed = [&](const QString &message) {
        return std::unexpected(QList<WorkspaceError>{{SourceLocation{path, 1, 1}, message}});
    };
    const QFileInfo info(path);
    if (info.isDir())
        return failed(YamlSource::tr("cannot read the workspace file: it is a directory"));
    // Opening a FIFO waits for a writer, and a device may never end: only a regular file is read.
    if (info.exists() && !info.isFile())
        return failed(
            YamlSource::tr("cannot read the workspace file: it is not a regular file (a FIFO, a device or a socket)"));
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return failed(YamlSource::tr("cannot read the workspace file: %1").arg(file.errorString()));
    if (file.size() > YamlSource::maxFileSize)
        return failed(YamlSource::fileTooLargeMessage(file.size()));
    // A size of 0 can hide a larger stream (a pipe, a /proc file): read one byte past the limit.
    const QByteArray data = file.read(YamlSource::maxFileSize + 1);
    if (file.error() != QFileDevice::NoError)
        return failed(YamlSource::tr("cannot read the workspace file: %1").arg(file.errorString()));
    if (data.size() > YamlSource::maxFileSize)
        return failed(YamlSource::fileTooLargeMessage(data.size()));
    auto workspace = parse(data, path);
    if (workspace)
        workspace->filePath = info.absoluteFilePath();
    return workspace;
}

std::expected<Workspace, QList<WorkspaceError>> WorkspaceLoader::parse(const QByteArray &yaml, const QString &fileName)
{
    try {
        YamlSource source(yaml, fileName);
        std::optional<Workspace> workspace;
        if (const std::optional<YamlNode> root = source.load())
            workspace = WorkspaceReader(source).readWorkspace(*root);
        if (source.hasErrors() || !workspace)
            return std::unexpected(source.takeErrors());
        return std::move(*workspace);
    } catch (const std::exception &e) {
        return std::unexpected(QList<WorkspaceError>{
            {SourceLocation{fileName, 1, 1},
             YamlSource::tr("could not read the workspace: %1").arg(QString::fromLocal8Bit(e.what()))}});
    }
}

} // namespace Vigie

#pragma once

#include "workspaceerror.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QList>
#include <QString>

#include <yaml-cpp/yaml.h>

#include <optional>
#include <string>
#include <vector>

namespace Vigie {

// The YAML pre-pass of a workspace file, and the errors of its load.
//
// yaml-cpp accepts text it should not (broken UTF-8, control characters), recurses without bound
// on deep nesting, loops forever on some stray characters (0.8's LoadAll) and reports positions
// that are hard to act on. This class checks the text first, parses it, and turns positions into
// file:line:column in characters, as editors show them. The readers add their own errors here.
class YamlSource
{
    Q_DECLARE_TR_FUNCTIONS(Vigie::WorkspaceLoader)

public:
    static constexpr qsizetype maxFileSize = 16 * 1024 * 1024;

    YamlSource(QByteArray text, QString fileName);

    // The root of the document, or nullopt once an error says why there is none.
    std::optional<YAML::Node> load();

    const QString &fileName() const { return m_file; }
    SourceLocation locationAt(qsizetype offset) const;
    SourceLocation locationOf(const YAML::Mark &mark) const;
    SourceLocation locationOf(const YAML::Node &node) const;
    // A column counted inside a scalar's text (a condition's), placed in the file.
    SourceLocation locationInScalar(const YAML::Node &node, int column) const;

    void addError(const SourceLocation &where, const QString &message) { m_errors.append({where, message}); }
    bool hasErrors() const { return !m_errors.isEmpty(); }
    // The errors in file order, at most a hundred and a last one that counts the rest.
    QList<WorkspaceError> takeErrors();

    // A yaml-cpp exception's message, with a hint at the usual cause and a better place if known.
    void addSyntaxError(const YAML::Mark &mark, const std::string &what);

    static QString fileTooLargeMessage(qint64 size);

private:
    bool checkEncoding();
    bool checkNesting();

    QByteArray m_text;
    QString m_file;
    std::vector<qsizetype> m_lineStarts;
    QList<WorkspaceError> m_errors;
    qsizetype m_unclosedFlow = -1; // offset of the innermost '[' or '{' the pre-scan saw left open
};

} // namespace Vigie

#pragma once

#include "workspaceerror.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QCoreApplication>
#include <QList>
#include <QString>

#include <optional>
#include <string>
#include <vector>

namespace YAML {
struct Mark;
}

namespace Vigie {

struct YamlTree;

// A node of the document a YamlSource read: a light handle, valid while the source lives. An alias
// (*name) is the node it names, at the place of that node.
class YamlNode
{
public:
    enum class Type : quint8 { Null, Scalar, Sequence, Map };

    YamlNode() = default; // a null node that is nowhere in the file

    Type type() const;
    bool isNull() const { return type() == Type::Null; }
    bool isScalar() const { return type() == Type::Scalar; }
    bool isSequence() const { return type() == Type::Sequence; }
    bool isMap() const { return type() == Type::Map; }

    // A scalar's text; empty for any other node.
    QString scalar() const;
    // The same as UTF-8, without a copy: valid while the source lives.
    QByteArrayView scalarBytes() const;
    // The byte offset where the node starts in the text, or -1 for a node that is nowhere.
    qsizetype offset() const;

    // The items of a sequence, or the pairs of a map; 0 for a scalar.
    qsizetype size() const;
    YamlNode item(qsizetype i) const;
    YamlNode key(qsizetype i) const;
    YamlNode value(qsizetype i) const;

private:
    friend class YamlSource;
    YamlNode(const YamlTree *tree, quint32 index)
        : m_tree(tree)
        , m_index(index)
    {}

    const YamlTree *m_tree = nullptr;
    quint32 m_index = 0;
};

// What the pre-pass builds from yaml-cpp's events: every node once, aliases as indices.
struct YamlTree
{
    struct Node
    {
        quint32 offset = 0;
        quint32 first = 0; // a scalar: its text's start in `text`; a collection: its first child in `children`
        quint32 count = 0; // a scalar: its text's length in bytes; a collection: its children
        YamlNode::Type type = YamlNode::Type::Null;
    };
    std::vector<Node> nodes;
    std::vector<quint32> children; // of each collection, consecutive; a map's are key, value, key...
    std::string text;              // the scalars' UTF-8 texts, one after the other
};

// The YAML pre-pass of a workspace file, and the errors of its load.
//
// yaml-cpp accepts text it should not (broken UTF-8, control characters), recurses without bound
// on deep nesting, loops forever on some stray characters (0.8's LoadAll), builds nodes of several
// hundred bytes each, and reports positions that are hard to act on. This class checks the text
// first, reads it through yaml-cpp's event parser into a compact tree (linear in the text; aliases
// cost what they repeat, within a bound), and turns positions into file:line:column in characters,
// as editors show them. The readers add their own errors here.
class YamlSource
{
    Q_DECLARE_TR_FUNCTIONS(Vigie::WorkspaceLoader)

public:
    static constexpr qsizetype maxFileSize = 16 * 1024 * 1024;
    // Bounds the tree, and the time yaml-cpp takes (about a microsecond a value): a workspace of
    // 50,000 services with a probe each holds half a million values.
    static constexpr qsizetype maxValues = 1'000'000;
    // Aliases let a small file name the same subtree many times; the values they repeat are
    // counted, and this bounds the work of the readers.
    static constexpr qsizetype maxAliasedValues = 200'000;

    YamlSource(QByteArray text, QString fileName);
    Q_DISABLE_COPY_MOVE(YamlSource)

    // The root of the document, or nullopt once an error says why there is none.
    std::optional<YamlNode> load();

    const QString &fileName() const { return m_file; }
    SourceLocation locationAt(qsizetype offset) const;
    SourceLocation locationOf(const YamlNode &node) const;
    // A column counted inside a scalar's text (a condition's), placed in the file.
    SourceLocation locationInScalar(const YamlNode &node, int column) const;

    void addError(const SourceLocation &where, const QString &message);
    bool hasErrors() const { return !m_errors.isEmpty(); }
    // So many errors that reading on would only cost time: the readers stop.
    bool hasTooManyErrors() const { return m_errors.size() >= maxStoredErrors; }
    // The errors in file order, at most a hundred and a last one that counts the rest.
    QList<WorkspaceError> takeErrors();

    static QString fileTooLargeMessage(qint64 size);

private:
    static constexpr qsizetype maxStoredErrors = 1000;

    SourceLocation locationOf(const YAML::Mark &mark) const;
    bool checkEncoding();
    bool checkNesting();
    void noteCleanLine(qsizetype lineStart, qsizetype contentStart, qsizetype indent);
    enum class Chunked { No, Read, Refused }; // refused: a syntax error is reported
    Chunked parseInChunks(std::optional<quint32> &root);
    void addSyntaxError(const YAML::Mark &mark, const std::string &what);

    QByteArray m_text;
    QString m_file;
    std::vector<qsizetype> m_lineStarts;
    // The UTF-8 continuation bytes before each multiple of 256 bytes, so that a column is counted
    // from the nearest one rather than from the start of a long line.
    std::vector<quint32> m_continuationBytes;
    YamlTree m_tree;
    QList<WorkspaceError> m_errors;
    qsizetype m_unstoredErrors = 0; // found once m_errors was full
    qsizetype m_unclosedFlow = -1;  // offset of the innermost '[' or '{' the pre-scan saw left open
    qsizetype m_unclosedQuote = -1; // offset of a quote the pre-scan saw open at the end of the text

    // A block sequence under a top-level key (`services:` and its `  - ` items), as the pre-scan saw
    // it: yaml-cpp reads about 5 MB/s, so a long one is read in chunks on several threads.
    struct TopSequence
    {
        qsizetype keyLine = -1;   // the line of its key, at column 0
        qsizetype firstItem = -1; // the line of its first item
        qsizetype end = -1;       // the line after its last item (a line at column 0), or the end of the text
        qsizetype indent = 0;     // the column of its items' '-', above 0
        qsizetype lastSplit = -1;
        std::vector<qsizetype> splits; // lines of items where a chunk can start, a few kilobytes apart
        bool broken = false;           // a line between its items is less indented, or not an item
    };
    TopSequence m_openSequence;    // being read by the pre-scan
    TopSequence m_longestSequence; // the longest one it finished
    bool m_awaitingSequence = false;
    // Directives, document markers or a tab before a line's content: read in one piece.
    bool m_unchunkable = false;
};

} // namespace Vigie

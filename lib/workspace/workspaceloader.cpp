// The workspace file format.
//
// A workspace is one YAML document, UTF-8 encoded, at most 16 MiB and at most 64 levels deep.
//
// Top level (a mapping; any other key is an error):
//   name        required  text shown as the workspace title.
//   services    required  a non-empty sequence of services.
//
// Service (a mapping):
//   id          required  lower-case letters, digits, '-' and '_', starting with a letter or digit;
//                         unique in the file.
//   name        optional  text shown to people; default: the id.
//   group       optional  the board section it appears under; default: "Services".
//   probes      required  a non-empty sequence of probes.
//
// Probe (a mapping) with exactly one target:
//   http        a URL with scheme http or https and a host, e.g. https://portal.example.org/
//   tcp         HOST:PORT with a port from 1 to 65535, e.g. mail.example.org:25; an IPv6 address
//               goes in brackets and, because YAML reads '[' as a list, in quotes: "[::1]:25".
// and for both kinds:
//   interval    optional  a duration (below); default 60s; at most 1d.
//   timeout     optional  a duration, at most the interval; default 10s, or the interval when it
//                         is shorter.
// Durations are a number and a unit, largest unit first: 250ms, 30s, 5m, 1h, 2d, 1m30s, 1.5s.
//
// For http probes only:
//   expect             optional  a mapping:
//     status           an int (200), a class ("2xx"), a range ("200-299"), or a list of those;
//                      every code from 100 to 599; default 200-399.
//     body_contains    text the body must contain.
//     max_latency      a duration, at most the timeout; a slower answer marks the probe degraded.
//   max_redirects      optional  0 to 50; default 10.
//   max_body           optional  a size: bytes as an int, or with a unit B, KB, MB, KiB, MiB
//                      (512KiB, 2MB); at most 64 MiB; default 1MiB. A larger body fails the probe.
// For tcp probes only:
//   expect_banner      optional  a regular expression (Perl syntax) the first line must match.
//
// Anchors and aliases (&name, *name) may share repeated parts.
// Errors name file:line:column, with 1-based lines and columns counted in characters, as editors
// show them. Unknown keys, keys given twice in one mapping, keys of the other probe kind and values
// of the wrong type are all errors: a typo in a monitoring file must not silently drop a check.

#include "workspaceloader.h"

#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QHostAddress>
#include <QRegularExpression>
#include <QUrl>

#include <yaml-cpp/anchor.h>
#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <exception>
#include <sstream>
#include <string>
#include <vector>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;

namespace Vigie {

namespace {

constexpr qsizetype maxFileSize = 16 * 1024 * 1024;
// yaml-cpp parses nested collections recursively; a pre-scan refuses deeper documents before they
// reach it. A workspace needs 7 levels.
constexpr int maxNesting = 64;
// Aliases let a small file name the same subtree many times; this bounds the work of the walk.
constexpr qsizetype maxNodeVisits = 200'000;
// Past this many, more errors only bury the first ones, which are the ones to fix.
constexpr qsizetype maxErrors = 100;
constexpr std::chrono::milliseconds longestInterval = 24h;
constexpr qint64 largestMaxBody = 64 * 1024 * 1024;
constexpr int largestMaxRedirects = 50;

const QList<QLatin1StringView> workspaceKeys{"name"_L1, "services"_L1};
const QList<QLatin1StringView> serviceKeys{"id"_L1, "name"_L1, "group"_L1, "probes"_L1};
const QList<QLatin1StringView> commonProbeKeys{"http"_L1, "tcp"_L1, "interval"_L1, "timeout"_L1};
const QList<QLatin1StringView> httpProbeKeys{"expect"_L1, "max_redirects"_L1, "max_body"_L1};
const QList<QLatin1StringView> tcpProbeKeys{"expect_banner"_L1};
const QList<QLatin1StringView> expectKeys{"status"_L1, "body_contains"_L1, "max_latency"_L1};

bool isBreak(char c)
{
    return c == '\n' || c == '\r';
}

bool isBlank(char c)
{
    return c == ' ' || c == '\t';
}

bool isFlowIndicator(char c)
{
    return c == ',' || c == '[' || c == ']' || c == '{' || c == '}';
}

// Optimal string alignment distance: a swapped pair of letters counts as one edit.
qsizetype editDistance(QStringView a, QStringView b)
{
    const qsizetype n = a.size();
    const qsizetype m = b.size();
    std::vector<std::vector<qsizetype>> d(size_t(n + 1), std::vector<qsizetype>(size_t(m + 1)));
    for (qsizetype i = 0; i <= n; ++i)
        d[size_t(i)][0] = i;
    for (qsizetype j = 0; j <= m; ++j)
        d[0][size_t(j)] = j;
    for (qsizetype i = 1; i <= n; ++i) {
        for (qsizetype j = 1; j <= m; ++j) {
            const qsizetype cost = a[i - 1] == b[j - 1] ? 0 : 1;
            qsizetype best = std::min({d[size_t(i - 1)][size_t(j)] + 1, d[size_t(i)][size_t(j - 1)] + 1,
                                       d[size_t(i - 1)][size_t(j - 1)] + cost});
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                best = std::min(best, d[size_t(i - 2)][size_t(j - 2)] + 1);
            d[size_t(i)][size_t(j)] = best;
        }
    }
    return d[size_t(n)][size_t(m)];
}

// User text quoted back in a message: long values would drown the message.
QString shown(const QString &text)
{
    constexpr qsizetype longest = 60;
    return text.size() > longest ? text.left(longest - 1) + QChar(0x2026) : text;
}

bool isValidServiceId(QStringView id)
{
    if (id.isEmpty())
        return false;
    const auto lowerOrDigit = [](QChar c) { return (c >= u'a' && c <= u'z') || (c >= u'0' && c <= u'9'); };
    if (!lowerOrDigit(id.front()))
        return false;
    return std::all_of(id.begin(), id.end(), [&](QChar c) { return lowerOrDigit(c) || c == u'-' || c == u'_'; });
}

std::optional<int> parseBoundedInt(QStringView text, int low, int high)
{
    if (text.isEmpty() || text.size() > 9 ||
        !std::all_of(text.begin(), text.end(), [](QChar c) { return c >= u'0' && c <= u'9'; }))
        return std::nullopt;
    const int value = text.toInt();
    if (value < low || value > high)
        return std::nullopt;
    return value;
}

// 200, "2xx" or "200-299".
std::optional<StatusRange> parseStatus(QStringView text)
{
    if (text.size() == 3 && (text.sliced(1).compare(u"xx", Qt::CaseInsensitive) == 0)) {
        const auto hundreds = parseBoundedInt(text.first(1), 1, 5);
        if (!hundreds)
            return std::nullopt;
        return StatusRange{*hundreds * 100, *hundreds * 100 + 99};
    }
    const qsizetype dash = text.indexOf(u'-');
    if (dash < 0) {
        const auto code = parseBoundedInt(text, 100, 599);
        if (!code)
            return std::nullopt;
        return StatusRange{*code, *code};
    }
    const auto from = parseBoundedInt(text.first(dash).trimmed(), 100, 599);
    const auto to = parseBoundedInt(text.sliced(dash + 1).trimmed(), 100, 599);
    if (!from || !to || *from > *to)
        return std::nullopt;
    return StatusRange{*from, *to};
}

// Bytes as an int, or a number with a unit: B, KB (or kB), MB (powers of 1000), KiB, MiB (of 1024).
std::optional<qint64> parseSize(QStringView text)
{
    qsizetype digits = 0;
    while (digits < text.size() && text[digits] >= u'0' && text[digits] <= u'9')
        ++digits;
    if (digits == 0 || digits > 12)
        return std::nullopt;
    const qint64 number = text.first(digits).toLongLong();
    const QStringView unit = text.sliced(digits).trimmed();
    struct Multiplier
    {
        QStringView name;
        qint64 factor;
    };
    static constexpr Multiplier multipliers[] = {
        {u"", 1}, {u"B", 1}, {u"KB", 1000}, {u"kB", 1000}, {u"MB", 1000 * 1000}, {u"KiB", 1024}, {u"MiB", 1024 * 1024},
    };
    for (const Multiplier &m : multipliers) {
        if (unit == m.name)
            return number * m.factor;
    }
    return std::nullopt;
}

bool isHostCharacter(QChar c)
{
    return c.isLetterOrNumber() || c == u'-' || c == u'.' || c == u'_';
}

// "host:port", or "[ipv6]:port".
bool isValidTcpTarget(QStringView text)
{
    QStringView host;
    QStringView port;
    if (text.startsWith(u'[')) {
        const qsizetype close = text.indexOf(u']');
        if (close < 0 || close + 1 >= text.size() || text[close + 1] != u':')
            return false;
        host = text.sliced(1, close - 1);
        port = text.sliced(close + 2);
        QHostAddress address;
        if (!address.setAddress(host.toString()) || address.protocol() != QAbstractSocket::IPv6Protocol)
            return false;
    } else {
        const qsizetype colon = text.lastIndexOf(u':');
        if (colon <= 0)
            return false;
        host = text.first(colon);
        port = text.sliced(colon + 1);
        if (!std::all_of(host.begin(), host.end(), isHostCharacter))
            return false;
    }
    return parseBoundedInt(port, 1, 65535).has_value();
}

bool isValidHttpTarget(const QString &text)
{
    const QUrl url(text, QUrl::StrictMode);
    const QString scheme = url.scheme();
    return url.isValid() && (scheme == "http"_L1 || scheme == "https"_L1) && !url.host().isEmpty();
}

// Records where each document starts, through yaml-cpp's event interface, which builds no nodes.
class DocumentStarts final : public YAML::EventHandler
{
public:
    std::vector<YAML::Mark> marks;

    void OnDocumentStart(const YAML::Mark &mark) override { marks.push_back(mark); }
    void OnDocumentEnd() override {}
    void OnNull(const YAML::Mark &, YAML::anchor_t) override {}
    void OnAlias(const YAML::Mark &, YAML::anchor_t) override {}
    void OnScalar(const YAML::Mark &, const std::string &, YAML::anchor_t, const std::string &) override {}
    void OnSequenceStart(const YAML::Mark &, const std::string &, YAML::anchor_t, YAML::EmitterStyle::value) override {}
    void OnSequenceEnd() override {}
    void OnMapStart(const YAML::Mark &, const std::string &, YAML::anchor_t, YAML::EmitterStyle::value) override {}
    void OnMapEnd() override {}
};

class Parser
{
    Q_DECLARE_TR_FUNCTIONS(Vigie::WorkspaceLoader)

public:
    Parser(QByteArray text, QString fileName)
        : m_text(std::move(text))
        , m_file(std::move(fileName))
    {}

    std::expected<Workspace, QList<WorkspaceError>> run();
    static QString fileTooLargeMessage(qint64 size);

private:
    struct Entry
    {
        QString key;
        YAML::Node keyNode;
        YAML::Node value;
    };

    enum class Expected { Mapping, Sequence, Scalar };

    void addError(const SourceLocation &where, const QString &message) { m_errors.append({where, message}); }
    SourceLocation locationAt(qsizetype offset) const;
    SourceLocation locationOf(const YAML::Node &node) const;
    SourceLocation locationOf(const YAML::Mark &mark) const;
    static QString describe(const YAML::Node &node);
    void addSyntaxError(const YAML::Mark &mark, const std::string &what);

    bool checkEncoding();
    bool checkNesting();
    bool spend(const YAML::Node &at);
    bool expectType(const YAML::Node &node, Expected type, const QString &subject);
    QList<Entry> entries(const YAML::Node &mapping);
    QList<YAML::Node> items(const YAML::Node &sequence, const QString &subject);
    std::optional<QString> scalar(const Entry &entry);
    std::optional<QString> nonEmptyText(const Entry &entry);
    std::optional<std::chrono::milliseconds> duration(const Entry &entry, std::chrono::milliseconds longest);
    void unknownKey(const Entry &entry, const QList<QLatin1StringView> &known, const QString &owner);

    std::optional<Workspace> readWorkspace(const YAML::Node &root);
    std::optional<Service> readService(const YAML::Node &node);
    std::optional<ProbeSpec> readProbe(const YAML::Node &node);
    void readExpect(const YAML::Node &node, ProbeSpec &probe, std::optional<Entry> &maxLatency);
    void readStatus(const YAML::Node &node, ProbeSpec &probe);

    QByteArray m_text;
    QString m_file;
    std::vector<qsizetype> m_lineStarts;
    QList<WorkspaceError> m_errors;
    QHash<QString, SourceLocation> m_serviceIds;
    qsizetype m_visitsLeft = maxNodeVisits;
    qsizetype m_unclosedFlow = -1; // offset of the innermost '[' or '{' the pre-scan saw left open
};

QString Parser::fileTooLargeMessage(qint64 size)
{
    return tr("the file is %1 MiB; a workspace file can be at most %2 MiB")
        .arg(QString::number(double(size) / (1024 * 1024), 'f', 1), QString::number(maxFileSize / (1024 * 1024)));
}

SourceLocation Parser::locationAt(qsizetype offset) const
{
    offset = std::clamp(offset, qsizetype(0), m_text.size());
    const auto next = std::upper_bound(m_lineStarts.begin(), m_lineStarts.end(), offset);
    const qsizetype line = next - m_lineStarts.begin(); // lines start at offset 0, so at least 1
    int column = 1;
    for (qsizetype i = m_lineStarts[size_t(line - 1)]; i < offset; ++i) {
        if ((uchar(m_text[i]) & 0xC0) != 0x80) // count characters, not UTF-8 continuation bytes
            ++column;
    }
    return {m_file, int(line), column};
}

SourceLocation Parser::locationOf(const YAML::Mark &mark) const
{
    if (mark.is_null() || mark.pos < 0)
        return {m_file, 1, 1};
    return locationAt(mark.pos);
}

SourceLocation Parser::locationOf(const YAML::Node &node) const
{
    return locationOf(node.Mark());
}

QString Parser::describe(const YAML::Node &node)
{
    switch (node.Type()) {
    case YAML::NodeType::Map:
        return tr("a mapping");
    case YAML::NodeType::Sequence:
        return tr("a sequence");
    case YAML::NodeType::Scalar:
        return tr("the value '%1'").arg(shown(QString::fromStdString(node.Scalar())));
    case YAML::NodeType::Null:
    case YAML::NodeType::Undefined:
        break;
    }
    return tr("nothing");
}

// yaml-cpp's messages are terse and its position for an unclosed bracket is the end of the file;
// the frequent ones get a hint at the usual cause and, where the pre-scan knows it, a better place.
void Parser::addSyntaxError(const YAML::Mark &mark, const std::string &what)
{
    if (!mark.is_null() && mark.pos >= 0 && mark.pos <= m_text.size()) {
        const auto next = std::upper_bound(m_lineStarts.begin(), m_lineStarts.end(), qsizetype(mark.pos));
        qsizetype i = *(next - 1);
        while (i < m_text.size() && (m_text[i] == ' ' || m_text[i] == '\t')) {
            if (m_text[i] == '\t') {
                addError(locationAt(i), tr("invalid YAML: a tab in the indentation; YAML indents with spaces only"));
                return;
            }
            ++i;
        }
    }
    if ((what == YAML::ErrorMsg::END_OF_SEQ_FLOW || what == YAML::ErrorMsg::END_OF_MAP_FLOW) && m_unclosedFlow >= 0) {
        const bool sequence = what == YAML::ErrorMsg::END_OF_SEQ_FLOW;
        if (m_text[m_unclosedFlow] == (sequence ? '[' : '{')) {
            addError(locationAt(m_unclosedFlow), sequence
                                                     ? tr("invalid YAML: this '[' is not closed by a matching ']'")
                                                     : tr("invalid YAML: this '{' is not closed by a matching '}'"));
            return;
        }
    }
    QString message;
    if (what == YAML::ErrorMsg::MAP_VALUE)
        message = tr("a ':' where none can be; a value that contains ': ' must be quoted");
    else if (what == YAML::ErrorMsg::END_OF_SEQ_FLOW)
        message = tr("a '[' is not closed by a matching ']'");
    else if (what == YAML::ErrorMsg::END_OF_MAP_FLOW)
        message = tr("a '{' is not closed by a matching '}'");
    else if (what == YAML::ErrorMsg::FLOW_END)
        message = tr("this ']' or '}' closes nothing");
    else if (what == YAML::ErrorMsg::TAB_IN_INDENTATION)
        message = tr("a tab in the indentation; YAML indents with spaces only");
    else if (what == YAML::ErrorMsg::BLOCK_ENTRY || what == YAML::ErrorMsg::END_OF_MAP ||
             what == YAML::ErrorMsg::END_OF_SEQ)
        message = tr("this does not fit the structure above it (%1); check the indentation, and quote a value that "
                     "starts with [, {, *, & or !")
                      .arg(QString::fromStdString(what));
    else if (what == YAML::ErrorMsg::EOF_IN_SCALAR)
        message = tr("a quoted value is not closed before the end of the file");
    else
        message = QString::fromStdString(what);
    addError(locationOf(mark), tr("invalid YAML: %1").arg(message));
}

// yaml-cpp guesses UTF-16 and UTF-32 from NUL bytes and accepts broken UTF-8; only proper UTF-8
// text without control characters reaches it, so its offsets are byte offsets into m_text.
bool Parser::checkEncoding()
{
    const auto *bytes = reinterpret_cast<const uchar *>(m_text.constData());
    const qsizetype n = m_text.size();
    for (qsizetype i = 0; i < n;) {
        const uchar c = bytes[i];
        if (c < 0x80) {
            if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7f) {
                addError(locationAt(i), tr("control character U+%1 is not allowed in a workspace file; is this a "
                                           "binary file?")
                                            .arg(uint(c), 4, 16, QLatin1Char('0')));
                return false;
            }
            ++i;
            continue;
        }
        qsizetype length = 0;
        char32_t codePoint = 0;
        char32_t smallest = 0;
        if ((c & 0xE0) == 0xC0) {
            length = 2;
            codePoint = c & 0x1F;
            smallest = 0x80;
        } else if ((c & 0xF0) == 0xE0) {
            length = 3;
            codePoint = c & 0x0F;
            smallest = 0x800;
        } else if ((c & 0xF8) == 0xF0) {
            length = 4;
            codePoint = c & 0x07;
            smallest = 0x10000;
        }
        bool valid = length > 0 && i + length <= n;
        for (qsizetype k = 1; valid && k < length; ++k) {
            valid = (bytes[i + k] & 0xC0) == 0x80;
            codePoint = (codePoint << 6) | (bytes[i + k] & 0x3F);
        }
        valid =
            valid && codePoint >= smallest && codePoint <= 0x10FFFF && !(codePoint >= 0xD800 && codePoint <= 0xDFFF);
        if (!valid) {
            addError(
                locationAt(i),
                tr("this is not UTF-8 text (byte 0x%1); save the file as UTF-8").arg(uint(c), 2, 16, QLatin1Char('0')));
            return false;
        }
        i += length;
    }
    return true;
}

// A cheap, approximate reading of the YAML structure that only measures nesting: indentation
// levels of block collections plus open '[' and '{'. It skips quoted values, comments and block
// scalars so that brackets inside text do not count.
bool Parser::checkNesting()
{
    const char *p = m_text.constData();
    const qsizetype n = m_text.size();
    std::vector<qsizetype> blocks;   // indentation of the open block collections
    std::vector<qsizetype> flowOpen; // offsets of the open '[' and '{'
    char quote = 0;
    qsizetype blockScalarIndent = -1; // while >= 0, lines indented deeper are the text of a | or > scalar
    qsizetype lineStart = 0;
    qsizetype lineIndent = 0;
    qsizetype nodeColumn = 0; // where the node being read on this line starts: a key's column
    bool atLineStart = true;
    bool atNodeStart = true;

    const auto tooDeep = [&](qsizetype at) {
        if (blocks.size() + flowOpen.size() <= size_t(maxNesting))
            return false;
        addError(locationAt(at), tr("the document is nested more than %1 levels deep here; a workspace needs only "
                                    "a few levels")
                                     .arg(maxNesting));
        return true;
    };
    // A block collection is counted once its first '- ', '? ' or 'key: ' shows where it starts.
    const auto openBlock = [&](qsizetype column) {
        if (!blocks.empty() && blocks.back() >= column)
            return false;
        blocks.push_back(column);
        return tooDeep(lineStart + column);
    };
    const auto skipToLineEnd = [&](qsizetype from) {
        while (from < n && !isBreak(p[from]))
            ++from;
        return from;
    };

    qsizetype i = 0;
    while (i < n) {
        if (atLineStart) {
            atLineStart = false;
            lineStart = i;
            qsizetype j = i;
            while (j < n && p[j] == ' ')
                ++j;
            const qsizetype indent = j - i;
            if (quote == 0) {
                const bool empty = j == n || isBreak(p[j]);
                if (blockScalarIndent >= 0 && (empty || indent > blockScalarIndent)) {
                    i = skipToLineEnd(j);
                    continue;
                }
                blockScalarIndent = -1;
                if (empty || p[j] == '#') {
                    i = skipToLineEnd(j);
                    continue;
                }
                if (flowOpen.empty()) {
                    const bool marker = indent == 0 && n - j >= 3 &&
                                        (qstrncmp(p + j, "---", 3) == 0 || qstrncmp(p + j, "...", 3) == 0) &&
                                        (j + 3 == n || isBlank(p[j + 3]) || isBreak(p[j + 3]));
                    if (marker) {
                        blocks.clear();
                        i = j + 3;
                        atNodeStart = true;
                        continue;
                    }
                    if (indent == 0 && p[j] == '%') {
                        i = skipToLineEnd(j);
                        continue;
                    }
                    while (!blocks.empty() && blocks.back() > indent)
                        blocks.pop_back();
                }
                lineIndent = indent;
                atNodeStart = true;
            }
            i = j;
            continue;
        }

        const char c = p[i];
        if (isBreak(c)) {
            i += (c == '\r' && i + 1 < n && p[i + 1] == '\n') ? 2 : 1;
            atLineStart = true;
            continue;
        }
        if (quote != 0) {
            if (quote == '"' && c == '\\') {
                i += (i + 1 < n && !isBreak(p[i + 1])) ? 2 : 1;
            } else if (c == quote && quote == '\'' && i + 1 < n && p[i + 1] == '\'') {
                i += 2;
            } else {
                if (c == quote) {
                    quote = 0;
                    atNodeStart = false;
                }
                ++i;
            }
            continue;
        }
        if (isBlank(c)) {
            ++i;
            continue;
        }
        if (c == '#' && (i == lineStart || isBlank(p[i - 1]))) {
            i = skipToLineEnd(i);
            continue;
        }
        const bool followedBySpace = i + 1 == n || isBlank(p[i + 1]) || isBreak(p[i + 1]);
        if (atNodeStart) {
            if (c == '[' || c == '{') {
                flowOpen.push_back(i);
                if (tooDeep(i))
                    return false;
                ++i;
                continue;
            }
            if (c == '"' || c == '\'') {
                nodeColumn = i - lineStart;
                quote = c;
                ++i;
                continue;
            }
            if (flowOpen.empty() && (c == '-' || c == '?') && followedBySpace) {
                if (openBlock(i - lineStart))
                    return false;
                ++i;
                continue;
            }
            if (flowOpen.empty() && (c == '|' || c == '>')) {
                blockScalarIndent = lineIndent;
                i = skipToLineEnd(i);
                continue;
            }
            if (c == '&' || c == '!') { // an anchor or a tag comes before the node it names
                while (i < n && !isBlank(p[i]) && !isBreak(p[i]) && !(!flowOpen.empty() && isFlowIndicator(p[i])))
                    ++i;
                continue;
            }
        }
        if (!flowOpen.empty()) {
            if (c == ']' || c == '}') {
                flowOpen.pop_back();
                atNodeStart = false;
            } else if (c == ',') {
                atNodeStart = true;
            } else if ((c == ':' || c == '?') && (followedBySpace || (i + 1 < n && isFlowIndicator(p[i + 1])))) {
                atNodeStart = true;
            } else {
                atNodeStart = false;
            }
            ++i;
            continue;
        }
        if (atNodeStart)
            nodeColumn = i - lineStart;
        atNodeStart = c == ':' && followedBySpace;
        if (atNodeStart && openBlock(nodeColumn))
            return false;
        ++i;
    }
    m_unclosedFlow = flowOpen.empty() ? -1 : flowOpen.back();
    return true;
}

bool Parser::spend(const YAML::Node &at)
{
    if (m_visitsLeft == 0)
        return false;
    if (--m_visitsLeft == 0) {
        addError(locationOf(at), tr("the document names more than %1 values, through aliases (*name); write the "
                                    "workspace out without so many aliases")
                                     .arg(maxNodeVisits));
        return false;
    }
    return true;
}

bool Parser::expectType(const YAML::Node &node, Expected type, const QString &subject)
{
    QString wanted;
    switch (type) {
    case Expected::Mapping:
        if (node.IsMap())
            return true;
        wanted = tr("a mapping (key: value lines)");
        break;
    case Expected::Sequence:
        if (node.IsSequence())
            return true;
        wanted = tr("a sequence (a list of '- ' items)");
        break;
    case Expected::Scalar:
        if (node.IsScalar())
            return true;
        wanted = tr("a single value");
        break;
    }
    addError(locationOf(node), tr("%1 should be %2, found %3").arg(subject, wanted, describe(node)));
    return false;
}

QList<Parser::Entry> Parser::entries(const YAML::Node &mapping)
{
    QList<Entry> out;
    QHash<QString, SourceLocation> seen;
    for (const auto &pair : mapping) {
        if (!spend(pair.first))
            break;
        if (!pair.first.IsScalar()) {
            addError(locationOf(pair.first),
                     tr("a key should be a single word such as 'name', found %1").arg(describe(pair.first)));
            continue;
        }
        const QString key = QString::fromStdString(pair.first.Scalar());
        const SourceLocation where = locationOf(pair.first);
        // yaml-cpp keeps both entries of a repeated key; which one a reader sees is an accident.
        if (const auto first = seen.constFind(key); first != seen.cend()) {
            addError(where, tr("duplicate key '%1' (first defined at %2)").arg(shown(key), first->toString()));
            continue;
        }
        seen.insert(key, where);
        out.append({key, pair.first, pair.second});
    }
    return out;
}

QList<YAML::Node> Parser::items(const YAML::Node &sequence, const QString &subject)
{
    QList<YAML::Node> out;
    if (!expectType(sequence, Expected::Sequence, subject))
        return out;
    for (const auto &item : sequence) {
        if (!spend(item))
            break;
        out.append(item);
    }
    return out;
}

std::optional<QString> Parser::scalar(const Entry &entry)
{
    if (!expectType(entry.value, Expected::Scalar, u'\'' + entry.key + u'\''))
        return std::nullopt;
    return QString::fromStdString(entry.value.Scalar());
}

std::optional<QString> Parser::nonEmptyText(const Entry &entry)
{
    std::optional<QString> text = scalar(entry);
    if (text && text->trimmed().isEmpty()) {
        addError(locationOf(entry.value), tr("'%1' should not be empty").arg(entry.key));
        return std::nullopt;
    }
    return text;
}

std::optional<std::chrono::milliseconds> Parser::duration(const Entry &entry, std::chrono::milliseconds longest)
{
    const std::optional<QString> text = scalar(entry);
    if (!text)
        return std::nullopt;
    const auto value = parseDuration(*text);
    const SourceLocation where = locationOf(entry.value);
    if (!value) {
        addError(where, tr("'%1' is not a duration; expected a number and a unit: ms, s, m, h, d (for example 30s "
                           "or 1m30s)")
                            .arg(shown(*text)));
        return std::nullopt;
    }
    if (*value <= 0ms) {
        addError(where, tr("%1 should be longer than zero, found %2").arg(entry.key, *text));
        return std::nullopt;
    }
    if (*value > longest) {
        addError(where, tr("%1 can be at most %2, found %3").arg(entry.key, formatDuration(longest), shown(*text)));
        return std::nullopt;
    }
    return value;
}

void Parser::unknownKey(const Entry &entry, const QList<QLatin1StringView> &known, const QString &owner)
{
    const SourceLocation where = locationOf(entry.keyNode);
    QLatin1StringView closest;
    qsizetype closestDistance = 3;
    for (QLatin1StringView candidate : known) {
        const qsizetype distance = editDistance(entry.key, QString(candidate));
        if (distance < closestDistance && distance < entry.key.size()) {
            closest = candidate;
            closestDistance = distance;
        }
    }
    if (!closest.isEmpty()) {
        addError(where, tr("unknown key '%1'; did you mean '%2'?").arg(shown(entry.key), closest));
        return;
    }
    QStringList names;
    for (QLatin1StringView candidate : known)
        names.append(candidate);
    addError(where, tr("unknown key '%1'; %2 accepts: %3").arg(shown(entry.key), owner, names.join(", "_L1)));
}

std::optional<Workspace> Parser::readWorkspace(const YAML::Node &root)
{
    if (!expectType(root, Expected::Mapping, tr("the top of a workspace file")))
        return std::nullopt;
    Workspace workspace;
    workspace.filePath = m_file;
    bool hasName = false;
    bool hasServices = false;
    for (const Entry &entry : entries(root)) {
        if (entry.key == "name"_L1) {
            hasName = true;
            if (const auto name = nonEmptyText(entry))
                workspace.name = *name;
        } else if (entry.key == "services"_L1) {
            hasServices = true;
            const QList<YAML::Node> services = items(entry.value, tr("'services'"));
            if (services.isEmpty() && entry.value.IsSequence())
                addError(locationOf(entry.value), tr("'services' is empty; add at least one service"));
            for (const YAML::Node &node : services) {
                if (auto service = readService(node))
                    workspace.services.append(std::move(*service));
            }
        } else {
            unknownKey(entry, workspaceKeys, tr("the top level"));
        }
    }
    const SourceLocation where = locationOf(root);
    if (!hasName)
        addError(where, tr("the workspace has no 'name'; add one, for example: name: ACME production"));
    if (!hasServices)
        addError(where, tr("the workspace has no 'services'; add a sequence of services, each with an id and probes"));
    return workspace;
}

std::optional<Service> Parser::readService(const YAML::Node &node)
{
    if (!expectType(node, Expected::Mapping, tr("each item of 'services'")))
        return std::nullopt;
    Service service;
    service.location = locationOf(node);
    bool hasId = false;
    bool hasProbes = false;
    for (const Entry &entry : entries(node)) {
        if (entry.key == "id"_L1) {
            hasId = true;
            const auto id = scalar(entry);
            if (!id)
                continue;
            const SourceLocation where = locationOf(entry.value);
            if (!isValidServiceId(*id)) {
                addError(where, tr("'%1' is not a valid service id; use lower-case letters, digits, '-' and '_', "
                                   "starting with a letter or digit")
                                    .arg(shown(*id)));
            } else if (const auto first = m_serviceIds.constFind(*id); first != m_serviceIds.cend()) {
                addError(where, tr("duplicate service id '%1' (first defined at %2)").arg(*id, first->toString()));
            } else {
                m_serviceIds.insert(*id, where);
                service.id = *id;
            }
        } else if (entry.key == "name"_L1) {
            if (const auto name = nonEmptyText(entry))
                service.name = *name;
        } else if (entry.key == "group"_L1) {
            if (const auto group = nonEmptyText(entry))
                service.group = *group;
        } else if (entry.key == "probes"_L1) {
            hasProbes = true;
            const QList<YAML::Node> probes = items(entry.value, tr("'probes'"));
            if (probes.isEmpty() && entry.value.IsSequence())
                addError(locationOf(entry.value), tr("'probes' is empty; add at least one http or tcp probe"));
            for (const YAML::Node &probeNode : probes) {
                if (auto probe = readProbe(probeNode))
                    service.probes.append(std::move(*probe));
            }
        } else {
            unknownKey(entry, serviceKeys, tr("a service"));
        }
    }
    if (!hasId)
        addError(service.location, tr("this service has no 'id'; add one, for example: id: portal"));
    if (!hasProbes)
        addError(service.location, tr("this service has no 'probes'; add a sequence with at least one http or tcp "
                                      "probe"));
    if (service.name.isEmpty())
        service.name = service.id;
    if (service.group.isEmpty())
        service.group = tr("Services");
    return service;
}

std::optional<ProbeSpec> Parser::readProbe(const YAML::Node &node)
{
    if (!expectType(node, Expected::Mapping, tr("each item of 'probes'")))
        return std::nullopt;
    ProbeSpec probe;
    probe.location = locationOf(node);
    const QList<Entry> all = entries(node);

    // The target decides which of the other keys apply, so it is found first.
    const Entry *target = nullptr;
    for (const Entry &entry : all) {
        if (entry.key != "http"_L1 && entry.key != "tcp"_L1)
            continue;
        if (target) {
            addError(locationOf(entry.keyNode), tr("a probe has exactly one target; this one already has '%1' at %2")
                                                    .arg(target->key, locationOf(target->keyNode).toString()));
            continue;
        }
        target = &entry;
        probe.kind = entry.key == "http"_L1 ? ProbeKind::Http : ProbeKind::Tcp;
    }
    if (!target)
        addError(probe.location, tr("this probe has no target; add 'http: URL' or 'tcp: HOST:PORT'"));
    const bool isHttp = target && probe.kind == ProbeKind::Http;
    const bool isTcp = target && probe.kind == ProbeKind::Tcp;

    std::optional<std::chrono::milliseconds> interval;
    std::optional<std::chrono::milliseconds> timeout;
    std::optional<Entry> timeoutEntry;
    std::optional<Entry> maxLatencyEntry;
    const auto wrongKind = [&](const Entry &entry) {
        const SourceLocation where = locationOf(entry.keyNode);
        if (isHttp)
            addError(where, tr("'%1' applies to tcp probes only; this is an http probe").arg(entry.key));
        else
            addError(where, tr("'%1' applies to http probes only; this is a tcp probe").arg(entry.key));
    };

    for (const Entry &entry : all) {
        if (entry.key == "http"_L1 || entry.key == "tcp"_L1) {
            if (&entry != target)
                continue;
            const auto text = scalar(entry);
            if (!text)
                continue;
            const QString trimmed = text->trimmed();
            if (probe.kind == ProbeKind::Http && !isValidHttpTarget(trimmed)) {
                addError(locationOf(entry.value), tr("'%1' is not an http target; expected a URL that starts with "
                                                     "http:// or https:// and names a host")
                                                      .arg(shown(*text)));
            } else if (probe.kind == ProbeKind::Tcp && !isValidTcpTarget(trimmed)) {
                addError(locationOf(entry.value),
                         tr("'%1' is not a tcp target; expected HOST:PORT with a port from 1 to 65535, for example "
                            "mail.example.org:25 (an IPv6 address goes in brackets and quotes: \"[::1]:25\")")
                             .arg(shown(*text)));
            } else {
                probe.target = trimmed;
            }
        } else if (entry.key == "interval"_L1) {
            interval = duration(entry, longestInterval);
        } else if (entry.key == "timeout"_L1) {
            timeout = duration(entry, longestInterval);
            timeoutEntry = entry;
        } else if (httpProbeKeys.contains(entry.key) && isTcp) {
            wrongKind(entry);
        } else if (tcpProbeKeys.contains(entry.key) && isHttp) {
            wrongKind(entry);
        } else if (entry.key == "expect"_L1) {
            if (expectType(entry.value, Expected::Mapping, tr("'expect'")))
                readExpect(entry.value, probe, maxLatencyEntry);
        } else if (entry.key == "max_redirects"_L1) {
            const auto text = scalar(entry);
            if (!text)
                continue;
            if (const auto value = parseBoundedInt(*text, 0, largestMaxRedirects)) {
                probe.maxRedirects = *value;
            } else {
                addError(locationOf(entry.value), tr("max_redirects should be a whole number from 0 to %1, found "
                                                     "'%2'")
                                                      .arg(QString::number(largestMaxRedirects), shown(*text)));
            }
        } else if (entry.key == "max_body"_L1) {
            const auto text = scalar(entry);
            if (!text)
                continue;
            const auto value = parseSize(*text);
            if (value && *value > 0 && *value <= largestMaxBody) {
                probe.maxBodyBytes = *value;
            } else {
                addError(locationOf(entry.value), tr("'%1' is not a valid max_body; expected a size from 1 byte to "
                                                     "64MiB, in bytes or with a unit: B, KB, MB, KiB, MiB (for "
                                                     "example 512KiB)")
                                                      .arg(shown(*text)));
            }
        } else if (entry.key == "expect_banner"_L1) {
            const auto text = scalar(entry);
            if (!text)
                continue;
            const QRegularExpression pattern(*text);
            if (pattern.isValid()) {
                probe.expectBanner = *text;
            } else {
                addError(
                    locationOf(entry.value),
                    tr("'%1' is not a valid regular expression: %2 (at character %3 of the pattern)")
                        .arg(shown(*text), pattern.errorString(), QString::number(pattern.patternErrorOffset() + 1)));
            }
        } else {
            unknownKey(entry, commonProbeKeys + httpProbeKeys + tcpProbeKeys, tr("a probe"));
        }
    }

    if (interval)
        probe.interval = *interval;
    probe.timeout = timeout ? *timeout : std::min(probe.timeout, probe.interval);
    if (timeout && interval && *timeout > *interval) {
        addError(locationOf(timeoutEntry->value), tr("timeout %1 is longer than interval %2; a probe must finish "
                                                     "before the next one starts")
                                                      .arg(formatDuration(*timeout), formatDuration(*interval)));
    } else if (timeout && !interval && *timeout > probe.interval) {
        addError(locationOf(timeoutEntry->value), tr("timeout %1 is longer than the default interval %2; a probe "
                                                     "must finish before the next one starts")
                                                      .arg(formatDuration(*timeout), formatDuration(probe.interval)));
    }
    if (probe.maxLatency && *probe.maxLatency > probe.timeout) {
        addError(locationOf(maxLatencyEntry->value),
                 tr("max_latency %1 is longer than the timeout %2; the probe would time out before it could be "
                    "called slow")
                     .arg(formatDuration(*probe.maxLatency), formatDuration(probe.timeout)));
    }
    return probe;
}

void Parser::readExpect(const YAML::Node &node, ProbeSpec &probe, std::optional<Entry> &maxLatency)
{
    for (const Entry &entry : entries(node)) {
        if (entry.key == "status"_L1) {
            readStatus(entry.value, probe);
        } else if (entry.key == "body_contains"_L1) {
            if (const auto text = nonEmptyText(entry))
                probe.expectBodyContains = *text;
        } else if (entry.key == "max_latency"_L1) {
            probe.maxLatency = duration(entry, longestInterval);
            maxLatency = entry;
        } else {
            unknownKey(entry, expectKeys, tr("'expect'"));
        }
    }
}

void Parser::readStatus(const YAML::Node &node, ProbeSpec &probe)
{
    QList<YAML::Node> codes;
    if (node.IsScalar()) {
        codes.append(node);
    } else if (node.IsSequence()) {
        codes = items(node, tr("'status'"));
        if (codes.isEmpty()) {
            addError(locationOf(node), tr("'status' is empty; give at least one status, for example 200"));
            return;
        }
    } else {
        addError(locationOf(node),
                 tr("'status' should be a status or a sequence of them, found %1").arg(describe(node)));
        return;
    }
    QList<StatusRange> ranges;
    bool valid = true;
    for (const YAML::Node &code : codes) {
        const std::optional<StatusRange> range =
            code.IsScalar() ? parseStatus(QString::fromStdString(code.Scalar()).trimmed()) : std::nullopt;
        if (range) {
            ranges.append(*range);
            continue;
        }
        valid = false;
        addError(locationOf(code), tr("%1 is not an HTTP status; expected a code from 100 to 599 (200), a class "
                                      "(2xx) or a range (200-299)")
                                       .arg(describe(code)));
    }
    if (valid)
        probe.expectStatus = ranges;
}

std::expected<Workspace, QList<WorkspaceError>> Parser::run()
{
    const auto failed = [this] {
        std::stable_sort(m_errors.begin(), m_errors.end(), [](const WorkspaceError &a, const WorkspaceError &b) {
            return std::pair(a.location.line, a.location.column) < std::pair(b.location.line, b.location.column);
        });
        if (m_errors.size() > maxErrors) {
            const qsizetype hidden = m_errors.size() - maxErrors;
            const SourceLocation where = m_errors.at(maxErrors).location;
            m_errors.resize(maxErrors);
            m_errors.append({where, tr("and %n more problem(s) from here on, not shown", nullptr, int(hidden))});
        }
        return std::unexpected(m_errors);
    };

    if (m_text.size() > maxFileSize) {
        addError({m_file, 1, 1}, fileTooLargeMessage(m_text.size()));
        return failed();
    }
    // Editors hide a byte order mark, so positions are counted after it.
    if (m_text.startsWith("\xEF\xBB\xBF"))
        m_text.remove(0, 3);
    m_lineStarts.push_back(0);
    for (qsizetype i = 0; i < m_text.size(); ++i) {
        const char c = m_text.at(i);
        if (c == '\n' || (c == '\r' && (i + 1 == m_text.size() || m_text.at(i + 1) != '\n')))
            m_lineStarts.push_back(i + 1);
    }
    if (!checkEncoding() || !checkNesting())
        return failed();

    std::optional<Workspace> workspace;
    try {
        const std::string text = m_text.toStdString();
        // yaml-cpp 0.8's LoadAll() loops forever, allocating, when a document consumes no token (a
        // stray ',' or ']' where a document starts; jbeder/yaml-cpp#1040). So documents are counted
        // with the event parser, stopping at a start that did not move, and only the first is loaded.
        std::istringstream stream(text);
        YAML::Parser events(stream);
        DocumentStarts starts;
        while (starts.marks.size() < 3 && events.HandleNextDocument(starts)) {
            const std::vector<YAML::Mark> &marks = starts.marks;
            if (marks.size() >= 2 && marks[marks.size() - 1].pos == marks[marks.size() - 2].pos) {
                const qsizetype at = marks.back().pos;
                addError(locationAt(at),
                         at < m_text.size()
                             ? tr("invalid YAML: unexpected '%1' here").arg(QChar::fromLatin1(m_text[at]))
                             : tr("invalid YAML: unexpected end of the file"));
                return failed();
            }
        }
        const YAML::Node root = starts.marks.empty() ? YAML::Node() : YAML::Load(text);
        if (root.IsNull()) {
            addError({m_file, 1, 1}, tr("the workspace file is empty; expected a mapping with 'name' and 'services'"));
            return failed();
        }
        if (starts.marks.size() > 1) {
            addError(locationOf(starts.marks[1]), tr("a workspace file holds one YAML document; a second one starts "
                                                     "here"));
        }
        workspace = readWorkspace(root);
    } catch (const YAML::Exception &e) {
        addSyntaxError(e.mark, e.msg);
    } catch (const std::exception &e) {
        addError({m_file, 1, 1}, tr("could not read the YAML document: %1").arg(QString::fromLocal8Bit(e.what())));
    }
    if (!m_errors.isEmpty() || !workspace)
        return failed();
    return std::move(*workspace);
}

} // namespace

std::expected<Workspace, QList<WorkspaceError>> WorkspaceLoader::loadFile(const QString &path)
{
    const auto failed = [&](const QString &message) {
        return std::unexpected(QList<WorkspaceError>{{SourceLocation{path, 1, 1}, message}});
    };
    const QFileInfo info(path);
    if (info.isDir())
        return failed(Parser::tr("cannot read the workspace file: it is a directory"));
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return failed(Parser::tr("cannot read the workspace file: %1").arg(file.errorString()));
    if (file.size() > maxFileSize)
        return failed(Parser::fileTooLargeMessage(file.size()));
    // A size of 0 can hide a larger stream (a pipe, a /proc file): read one byte past the limit.
    const QByteArray data = file.read(maxFileSize + 1);
    if (file.error() != QFileDevice::NoError)
        return failed(Parser::tr("cannot read the workspace file: %1").arg(file.errorString()));
    if (data.size() > maxFileSize)
        return failed(Parser::fileTooLargeMessage(data.size()));
    auto workspace = parse(data, path);
    if (workspace)
        workspace->filePath = info.absoluteFilePath();
    return workspace;
}

std::expected<Workspace, QList<WorkspaceError>> WorkspaceLoader::parse(const QByteArray &yaml, const QString &fileName)
{
    try {
        return Parser(yaml, fileName).run();
    } catch (const std::exception &e) {
        return std::unexpected(QList<WorkspaceError>{
            {SourceLocation{fileName, 1, 1},
             Parser::tr("could not read the workspace: %1").arg(QString::fromLocal8Bit(e.what()))}});
    }
}

} // namespace Vigie

#include "yamlsource.h"

#include <yaml-cpp/anchor.h>
#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/yaml.h>

#include <QThread>

#include <algorithm>
#include <atomic>
#include <exception>
#include <istream>
#include <limits>
#include <streambuf>
#include <system_error>
#include <thread>

using namespace Qt::StringLiterals;

namespace Vigie {

namespace {

// yaml-cpp parses nested collections recursively; a pre-scan refuses deeper documents before they
// reach it. A workspace needs 7 levels.
constexpr int maxNesting = 64;
// Past this many, more errors only bury the first ones, which are the ones to fix.
constexpr qsizetype maxErrors = 100;
constexpr size_t checkpointBytes = 256;
// A top-level sequence this long is read in chunks on up to `maxThreads` threads, `chunksPerThread`
// a thread so that a thread that gets less of the machine reads fewer; the pre-scan notes where an
// item starts every `splitSpacing` bytes, for the chunks to start there.
constexpr qsizetype minChunkedBytes = 256 * 1024;
constexpr int maxThreads = 4;
constexpr int chunksPerThread = 4;
constexpr qsizetype splitSpacing = 16 * 1024;

bool isContinuationByte(char c)
{
    return (uchar(c) & 0xC0) == 0x80;
}

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

// Stops yaml-cpp's event parser from a handler.
struct StopParsing
{
};

// Reads yaml-cpp's events for the first document into a YamlTree, as NodeBuilder (behind
// YAML::Load) would into nodes: the same events, so the same document. Stops at the start of a
// second document, at `maxValues`, and when aliases repeat more than `maxAliasedValues` values.
class TreeBuilder final : public YAML::EventHandler
{
public:
    explicit TreeBuilder(YamlTree &tree)
        : m_tree(tree)
    {}
    // When the text read is a part of the file: it starts at `base` in the file, and once past
    // `gapFrom` it skips `gapLength` bytes of the file.
    qsizetype base = 0;
    qsizetype gapFrom = std::numeric_limits<qsizetype>::max();
    qsizetype gapLength = 0;
    bool sawAnchor = false;    // an anchor (&name) or an alias (*name)
    qsizetype lastScalar = -1; // where the last scalar starts, in the text read

    std::vector<YAML::Mark> documentStarts;
    std::optional<quint32> root;
    // Why the events stopped early, when they did: where, and which limit.
    enum class Limit { None, Values, Aliases, Loop };
    Limit limit = Limit::None;
    qsizetype limitOffset = -1;
    // The offset of a quote the pre-scan saw open at the end, and whether a scalar starts there.
    qsizetype unclosedQuote = -1;
    bool unclosedQuoteIsScalar = false;

    void OnDocumentStart(const YAML::Mark &mark) override
    {
        documentStarts.push_back(mark);
        if (documentStarts.size() > 1)
            throw StopParsing{};
    }
    void OnDocumentEnd() override {}
    void OnNull(const YAML::Mark &mark, YAML::anchor_t anchor) override
    {
        add(leaf(mark, YamlNode::Type::Null, 0, 0), anchor);
    }
    void OnAlias(const YAML::Mark &mark, YAML::anchor_t anchor) override
    {
        sawAnchor = true;
        if (anchor >= m_anchors.size() || m_anchors[anchor] == noNode)
            throw YAML::ParserException(mark, YAML::ErrorMsg::UNKNOWN_ANCHOR);
        const quint32 target = m_anchors[anchor];
        if (m_weights[target] == 0) // still open: the alias is inside the node it names
            stop(mark, Limit::Loop);
        m_aliased += m_weights[target] - 1;
        if (m_aliased > quint64(YamlSource::maxAliasedValues))
            stop(mark, Limit::Aliases);
        addChild(target);
    }
    void OnScalar(const YAML::Mark &mark, const std::string &, YAML::anchor_t anchor, const std::string &value) override
    {
        if (m_tree.text.size() + value.size() > std::numeric_limits<quint32>::max())
            stop(mark, Limit::Values);
        const auto start = quint32(m_tree.text.size());
        m_tree.text += value;
        lastScalar = mark.pos;
        add(leaf(mark, YamlNode::Type::Scalar, start, quint32(value.size())), anchor);
    }
    void OnSequenceStart(const YAML::Mark &mark, const std::string &, YAML::anchor_t anchor,
                         YAML::EmitterStyle::value) override
    {
        open(mark, YamlNode::Type::Sequence, anchor);
    }
    void OnSequenceEnd() override { close(); }
    void OnMapStart(const YAML::Mark &mark, const std::string &, YAML::anchor_t anchor,
                    YAML::EmitterStyle::value) override
    {
        open(mark, YamlNode::Type::Map, anchor);
    }
    void OnMapEnd() override { close(); }

private:
    static constexpr quint32 noNode = std::numeric_limits<quint32>::max();

    [[noreturn]] void stop(const YAML::Mark &mark, Limit why)
    {
        limit = why;
        limitOffset = position(mark);
        throw StopParsing{};
    }

    qsizetype position(const YAML::Mark &mark) const
    {
        const qsizetype pos = std::max(mark.pos, 0);
        return base + (pos >= gapFrom ? pos + gapLength : pos);
    }

    quint32 leaf(const YAML::Mark &mark, YamlNode::Type type, quint32 first, quint32 count)
    {
        if (m_tree.nodes.size() >= size_t(YamlSource::maxValues))
            stop(mark, Limit::Values);
        const auto index = quint32(m_tree.nodes.size());
        const qsizetype at = position(mark);
        m_tree.nodes.push_back({quint32(at), first, count, type});
        m_weights.push_back(type == YamlNode::Type::Null || type == YamlNode::Type::Scalar ? 1 : 0);
        if (type == YamlNode::Type::Scalar && at == unclosedQuote)
            unclosedQuoteIsScalar = true;
        return index;
    }

    void add(quint32 index, YAML::anchor_t anchor)
    {
        if (anchor != YAML::NullAnchor) {
            sawAnchor = true;
            if (anchor >= m_anchors.size())
                m_anchors.resize(anchor + 1, noNode);
            m_anchors[anchor] = index;
        }
        addChild(index);
    }

    void addChild(quint32 index)
    {
        if (m_open.empty())
            root = index;
        else
            m_pending.push_back(index);
    }

    void open(const YAML::Mark &mark, YamlNode::Type type, YAML::anchor_t anchor)
    {
        const quint32 index = leaf(mark, type, 0, 0);
        add(index, anchor); // registered now, as NodeBuilder does: an alias inside it is a loop
        m_open.push_back({index, m_pending.size()});
    }

    void close()
    {
        const auto [index, start] = m_open.back();
        m_open.pop_back();
        YamlTree::Node &node = m_tree.nodes[index];
        node.first = quint32(m_tree.children.size());
        node.count = quint32(m_pending.size() - start);
        quint64 weight = 1;
        for (size_t i = start; i < m_pending.size(); ++i)
            weight += m_weights[m_pending[i]];
        m_weights[index] = weight;
        m_tree.children.insert(m_tree.children.end(), m_pending.begin() + qsizetype(start), m_pending.end());
        m_pending.resize(start);
    }

    struct Open
    {
        quint32 index;
        size_t pendingStart;
    };

    YamlTree &m_tree;
    // The values a walk from each node meets, aliases followed; 0 while a collection is open.
    // Bounded by maxAliasedValues, so it cannot overflow.
    std::vector<quint64> m_weights;
    std::vector<quint32> m_anchors; // by yaml-cpp's anchor id
    std::vector<Open> m_open;
    std::vector<quint32> m_pending; // the children read so far of the open collections
    quint64 m_aliased = 0;
};

// A read-only stream over the text, without the copy an std::istringstream makes.
class TextBuffer final : public std::streambuf
{
public:
    TextBuffer(const char *text, qsizetype size)
    {
        char *begin = const_cast<char *>(text); // only read: setg() takes non-const pointers
        setg(begin, begin, begin + size);
    }
};

// Reads a part of the file through `builder`: true when it is one document without anchors or
// aliases and within the limits, so that it reads as it does in the whole file.
bool readPart(const char *text, qsizetype size, TreeBuilder &builder,
              std::optional<YAML::Exception> *syntaxError = nullptr)
{
    try {
        TextBuffer buffer(text, size);
        std::istream stream(&buffer);
        YAML::Parser events(stream);
        while (events.HandleNextDocument(builder)) {
        }
    } catch (const YAML::Exception &e) {
        if (syntaxError)
            *syntaxError = e;
        return false;
    } catch (...) { // whatever went wrong, the whole file is read again, and says it
        return false;
    }
    return builder.root && builder.documentStarts.size() == 1 && builder.limit == TreeBuilder::Limit::None &&
           !builder.sawAnchor;
}

// Whether the quoted scalar at `from` closes before `size`: yaml-cpp ends one at the end of its text
// without a word, which at the end of a chunk would hide that the quote goes on in the next one.
bool quoteCloses(const char *text, qsizetype from, qsizetype size)
{
    const char quote = text[from];
    for (qsizetype i = from + 1; i < size; ++i) {
        if (quote == '"' && text[i] == '\\')
            ++i;
        else if (text[i] == quote && quote == '\'' && i + 1 < size && text[i + 1] == '\'')
            ++i;
        else if (text[i] == quote)
            return true;
    }
    return false;
}

} // namespace

YamlSource::YamlSource(QByteArray text, QString fileName)
    : m_text(std::move(text))
    , m_file(std::move(fileName))
{}

QString YamlSource::fileTooLargeMessage(qint64 size)
{
    return tr("the file is %1 MiB; a workspace file can be at most %2 MiB")
        .arg(QString::number(double(size) / (1024 * 1024), 'f', 1), QString::number(maxFileSize / (1024 * 1024)));
}

YamlNode::Type YamlNode::type() const
{
    return m_tree ? m_tree->nodes[m_index].type : Type::Null;
}

QString YamlNode::scalar() const
{
    return isScalar() ? QString::fromUtf8(scalarBytes()) : QString();
}

QByteArrayView YamlNode::scalarBytes() const
{
    if (!isScalar())
        return {};
    const YamlTree::Node &node = m_tree->nodes[m_index];
    return QByteArrayView(m_tree->text.data() + node.first, qsizetype(node.count));
}

qsizetype YamlNode::offset() const
{
    return m_tree ? qsizetype(m_tree->nodes[m_index].offset) : -1;
}

qsizetype YamlNode::size() const
{
    if (!isSequence() && !isMap())
        return 0;
    const quint32 count = m_tree->nodes[m_index].count;
    return isMap() ? count / 2 : count;
}

YamlNode YamlNode::item(qsizetype i) const
{
    Q_ASSERT(isSequence() && i >= 0 && i < size());
    return {m_tree, m_tree->children[m_tree->nodes[m_index].first + size_t(i)]};
}

YamlNode YamlNode::key(qsizetype i) const
{
    Q_ASSERT(isMap() && i >= 0 && i < size());
    return {m_tree, m_tree->children[m_tree->nodes[m_index].first + 2 * size_t(i)]};
}

YamlNode YamlNode::value(qsizetype i) const
{
    Q_ASSERT(isMap() && i >= 0 && i < size());
    return {m_tree, m_tree->children[m_tree->nodes[m_index].first + 2 * size_t(i) + 1]};
}

SourceLocation YamlSource::locationAt(qsizetype offset) const
{
    offset = std::clamp(offset, qsizetype(0), m_text.size());
    const auto next = std::upper_bound(m_lineStarts.begin(), m_lineStarts.end(), offset);
    const qsizetype line = next - m_lineStarts.begin(); // lines start at offset 0, so at least 1
    // Characters, not bytes: UTF-8 continuation bytes do not count.
    const auto continuationBytesBefore = [this](qsizetype at) {
        const size_t checkpoint = size_t(at) / checkpointBytes;
        qsizetype count = checkpoint < m_continuationBytes.size() ? m_continuationBytes[checkpoint] : 0;
        for (qsizetype i = qsizetype(checkpoint * checkpointBytes); i < at; ++i)
            count += isContinuationByte(m_text[i]);
        return count;
    };
    const qsizetype lineStart = m_lineStarts[size_t(line - 1)];
    qsizetype continuationBytes = 0;
    if (offset - lineStart <= qsizetype(checkpointBytes)) { // most lines: count them directly
        for (qsizetype i = lineStart; i < offset; ++i)
            continuationBytes += isContinuationByte(m_text[i]);
    } else {
        continuationBytes = continuationBytesBefore(offset) - continuationBytesBefore(lineStart);
    }
    const qsizetype column = offset - lineStart - continuationBytes;
    return {m_file, int(line), int(column + 1)};
}

SourceLocation YamlSource::locationOf(const YAML::Mark &mark) const
{
    if (mark.is_null() || mark.pos < 0)
        return {m_file, 1, 1};
    return locationAt(mark.pos);
}

SourceLocation YamlSource::locationOf(const YamlNode &node) const
{
    if (node.offset() < 0)
        return {m_file, 1, 1};
    return locationAt(node.offset());
}

// A column counted inside a scalar's text (a condition's), placed in the file: after the opening
// quote of a quoted scalar. Escapes and folded lines are not undone, so a column past them is near.
SourceLocation YamlSource::locationInScalar(const YamlNode &node, int column) const
{
    SourceLocation where = locationOf(node);
    const qsizetype start = node.offset();
    const bool quoted = start >= 0 && start < m_text.size() && (m_text[start] == '"' || m_text[start] == '\'');
    where.column += std::max(column, 1) - 1 + (quoted ? 1 : 0);
    return where;
}

void YamlSource::addError(const SourceLocation &where, const QString &message)
{
    if (hasTooManyErrors())
        ++m_unstoredErrors;
    else
        m_errors.append({where, message});
}

// yaml-cpp's messages are terse and its position for an unclosed bracket is the end of the file;
// the frequent ones get a hint at the usual cause and, where the pre-scan knows it, a better place.
void YamlSource::addSyntaxError(const YAML::Mark &mark, const std::string &what)
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
    else if (what == YAML::ErrorMsg::EOF_IN_SCALAR && m_unclosedQuote >= 0)
        return addError(locationAt(m_unclosedQuote),
                        tr("invalid YAML: %1").arg(tr("a quoted value is not closed before the end of the file")));
    else if (what == YAML::ErrorMsg::EOF_IN_SCALAR)
        message = tr("a quoted value is not closed before the end of the file");
    else
        message = QString::fromStdString(what);
    addError(locationOf(mark), tr("invalid YAML: %1").arg(message));
}

// yaml-cpp guesses UTF-16 and UTF-32 from NUL bytes and accepts broken UTF-8; only proper UTF-8
// text without control characters reaches it, so its offsets are byte offsets into m_text.
bool YamlSource::checkEncoding()
{
    const auto *bytes = reinterpret_cast<const uchar *>(m_text.constData());
    const qsizetype n = m_text.size();
    for (qsizetype i = 0; i < n;) {
        const uchar c = bytes[i];
        if (c < 0x80) {
            if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7f) {
                addError(locationAt(i), tr("control character U+%1 is not allowed in a workspace file; is this a "
                                           "binary file?")
                                            .arg(uint(c), 4, 16, QChar(u'0')));
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
            addError(locationAt(i),
                     tr("this is not UTF-8 text (byte 0x%1); save the file as UTF-8").arg(uint(c), 2, 16, QChar(u'0')));
            return false;
        }
        i += length;
    }
    return true;
}

// A cheap, approximate reading of the YAML structure that only measures nesting: indentation
// levels of block collections plus open '[' and '{'. It skips quoted values, comments and block
// scalars so that brackets inside text do not count.
bool YamlSource::checkNesting()
{
    const char *p = m_text.constData();
    const qsizetype n = m_text.size();
    std::vector<qsizetype> blocks;   // indentation of the open block collections
    std::vector<qsizetype> flowOpen; // offsets of the open '[' and '{'
    char quote = 0;
    qsizetype quoteStart = -1;
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
                        m_unchunkable = true;
                        blocks.clear();
                        i = j + 3;
                        atNodeStart = true;
                        continue;
                    }
                    if (indent == 0 && p[j] == '%') {
                        m_unchunkable = true;
                        i = skipToLineEnd(j);
                        continue;
                    }
                    while (!blocks.empty() && blocks.back() > indent)
                        blocks.pop_back();
                    noteCleanLine(i, j, indent);
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
                quoteStart = i;
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
    m_unclosedQuote = quote != 0 ? quoteStart : -1;
    noteCleanLine(n, n, 0);
    return true;
}

// A line the pre-scan read outside quotes, flows and block scalars, at `indent` spaces: follows the
// top-level block sequences (a key alone on its line at column 0, then items at one column above 0)
// and keeps the longest one whose lines between items are all more indented. The end of the text
// comes as a last line.
void YamlSource::noteCleanLine(qsizetype lineStart, qsizetype contentStart, qsizetype indent)
{
    const char *p = m_text.constData();
    const qsizetype n = m_text.size();
    if (contentStart < n && p[contentStart] == '\t') // yaml-cpp counts a tab as one column
        m_unchunkable = true;
    const bool item = contentStart < n && p[contentStart] == '-' &&
                      (contentStart + 1 == n || isBlank(p[contentStart + 1]) || isBreak(p[contentStart + 1]));
    TopSequence &open = m_openSequence;
    if (indent == 0) {
        if (open.firstItem >= 0) {
            // Only a plain key ends it the same way in the whole file as after its key alone.
            const char c = contentStart < n ? p[contentStart] : 'a';
            open.end = lineStart;
            open.broken = open.broken ||
                          !((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_');
            const auto length = [](const TopSequence &s) { return s.end - s.firstItem; };
            if (!open.broken && (m_longestSequence.firstItem < 0 || length(open) > length(m_longestSequence)))
                m_longestSequence = std::move(open);
        }
        open = {};
        open.keyLine = item ? -1 : lineStart;
        m_awaitingSequence = !item;
        return;
    }
    if (m_awaitingSequence) {
        m_awaitingSequence = false;
        if (item) {
            open.firstItem = lineStart;
            open.indent = indent;
            open.lastSplit = lineStart;
        }
        return;
    }
    if (open.firstItem < 0 || open.broken)
        return;
    if (indent < open.indent || (indent == open.indent && !item)) {
        open.broken = true;
    } else if (indent == open.indent && lineStart - open.lastSplit >= splitSpacing) {
        open.splits.push_back(lineStart);
        open.lastSplit = lineStart;
    }
}

// Reads the longest top-level sequence in chunks on several threads, and the rest of the file around
// it, into one tree: the same tree as one reading, or false (and nothing read) when that is not
// certain. A chunk starts on an item's line, outside any quote, flow or block scalar; each is one
// sequence without anchors, whose last scalar is not a quote left open; the rest holds the key of
// the sequence with no value, where the chunks' items go.
YamlSource::Chunked YamlSource::parseInChunks(std::optional<quint32> &root)
{
    const TopSequence &sequence = m_longestSequence;
    if (m_unchunkable || m_unclosedQuote >= 0 || m_unclosedFlow >= 0 || sequence.firstItem < 0 ||
        sequence.end - sequence.firstItem < minChunkedBytes)
        return Chunked::No;
    const int threads = std::clamp(QThread::idealThreadCount(), 1, maxThreads);
    if (threads < 2)
        return Chunked::No;
    const int wanted = threads * chunksPerThread;
    std::vector<qsizetype> bounds{sequence.firstItem};
    const qsizetype length = sequence.end - sequence.firstItem;
    for (int k = 1; k < wanted; ++k) {
        const qsizetype target = sequence.firstItem + length * k / wanted;
        const auto split = std::lower_bound(sequence.splits.begin(), sequence.splits.end(), target);
        if (split != sequence.splits.end() && *split > bounds.back())
            bounds.push_back(*split);
    }
    bounds.push_back(sequence.end);
    const size_t chunks = bounds.size() - 1;
    if (chunks < 2)
        return Chunked::No;

    struct Part
    {
        YamlTree tree;
        std::optional<quint32> root;
        bool ok = false;
        bool sawAnchor = false;
        std::optional<YAML::Exception> syntaxError; // at an offset in the chunk
        qsizetype lastLine = 0;                     // where the chunk's last line with text starts, in the chunk
    };
    std::vector<Part> parts(chunks);
    const char *text = m_text.constData();
    const auto readChunk = [&](size_t k) {
        TreeBuilder builder(parts[k].tree);
        builder.base = bounds[k];
        const qsizetype size = bounds[k + 1] - bounds[k];
        const char *start = text + bounds[k];
        parts[k].ok =
            readPart(start, size, builder, &parts[k].syntaxError) &&
            parts[k].tree.nodes[*builder.root].type == YamlNode::Type::Sequence &&
            (builder.lastScalar < 0 || (start[builder.lastScalar] != '"' && start[builder.lastScalar] != '\'') ||
             quoteCloses(start, builder.lastScalar, size));
        parts[k].root = builder.root;
        parts[k].sawAnchor = builder.sawAnchor;
        qsizetype last = size;
        while (last > 0 && (isBreak(start[last - 1]) || isBlank(start[last - 1])))
            --last;
        while (last > 0 && !isBreak(start[last - 1]))
            --last;
        parts[k].lastLine = last;
    };
    // Each thread takes the next chunk in file order until none is left, or one could not be read:
    // the chunks after it are not needed.
    std::atomic<size_t> next = 0;
    std::atomic<size_t> firstFailed = chunks;
    const auto readChunks = [&] {
        for (size_t k = next++; k < chunks && k < firstFailed; k = next++) {
            readChunk(k);
            if (!parts[k].ok) {
                size_t failed = firstFailed;
                while (k < failed && !firstFailed.compare_exchange_weak(failed, k)) {
                }
            }
        }
    };
    std::vector<std::thread> workers;
    workers.reserve(size_t(threads - 1));
    for (int t = 1; t < threads; ++t) {
        try {
            workers.emplace_back(readChunks);
        } catch (const std::system_error &) { // no more threads to be had: fewer read them
            break;
        }
    }

    // The rest of the file, without the sequence, on this thread.
    TreeBuilder builder(m_tree);
    builder.gapFrom = sequence.firstItem;
    builder.gapLength = length;
    const QByteArray rest = m_text.first(sequence.firstItem) + m_text.sliced(sequence.end);
    bool ok = readPart(rest.constData(), rest.size(), builder);
    readChunks();
    for (std::thread &worker : workers)
        worker.join();

    // Where the sequence goes: the value of its key, empty in the rest of the file.
    quint32 slot = 0;
    if (ok) {
        ok = false;
        const YamlNode top(&m_tree, *builder.root);
        for (qsizetype i = 0; top.isMap() && i < top.size(); ++i) {
            if (top.key(i).offset() == sequence.keyLine) {
                // Nothing but a comment after the key: its empty value is where the next line starts.
                ok = top.value(i).isNull() && top.value(i).offset() >= sequence.end;
                slot = m_tree.children[m_tree.nodes[*builder.root].first + 2 * size_t(i) + 1];
                break;
            }
        }
    }
    size_t nodes = m_tree.nodes.size();
    size_t textSize = m_tree.text.size();
    for (const Part &part : parts) {
        nodes += part.tree.nodes.size();
        textSize += part.tree.text.size();
    }
    const bool inLimits = nodes <= size_t(maxValues) && textSize <= std::numeric_limits<quint32>::max();
    // A syntax error in a chunk after chunks read as in the whole file is where one reading finds
    // its first: reported at once rather than after reading it all again. Not near the chunk's end,
    // where the end of its text can make an error that the whole file does not have.
    for (size_t k = 0; ok && inLimits && k < chunks; ++k) {
        const Part &part = parts[k];
        if (part.ok)
            continue;
        const std::optional<YAML::Exception> &error = part.syntaxError;
        if (!part.sawAnchor && error && !error->mark.is_null() && error->mark.pos >= 0 &&
            error->mark.pos < part.lastLine && error->msg != YAML::ErrorMsg::UNKNOWN_ANCHOR) {
            YAML::Mark mark = error->mark;
            mark.pos += int(bounds[k]);
            m_tree = {};
            addSyntaxError(mark, error->msg);
            return Chunked::Refused;
        }
        break;
    }
    for (const Part &part : parts)
        ok = ok && part.ok;
    // Past a limit, one reading says where.
    if (!ok || !inLimits) {
        m_tree = {};
        return Chunked::No;
    }

    const quint32 sequenceOffset = parts.front().tree.nodes[*parts.front().root].offset;
    size_t children = m_tree.children.size();
    size_t itemCount = 0;
    for (const Part &part : parts) {
        children += part.tree.children.size();
        itemCount += part.tree.nodes[*part.root].count;
    }
    m_tree.nodes.reserve(nodes);
    m_tree.children.reserve(children + itemCount);
    m_tree.text.reserve(textSize);
    std::vector<quint32> items;
    items.reserve(itemCount);
    for (Part &part : parts) {
        const auto nodeBase = quint32(m_tree.nodes.size());
        const auto childBase = quint32(m_tree.children.size());
        const auto textBase = quint32(m_tree.text.size());
        for (YamlTree::Node node : part.tree.nodes) {
            if (node.type == YamlNode::Type::Scalar)
                node.first += textBase;
            else if (node.type != YamlNode::Type::Null)
                node.first += childBase;
            m_tree.nodes.push_back(node);
        }
        for (const quint32 child : part.tree.children)
            m_tree.children.push_back(child + nodeBase);
        m_tree.text += part.tree.text;
        const YamlTree::Node &chunk = part.tree.nodes[*part.root];
        for (quint32 i = 0; i < chunk.count; ++i)
            items.push_back(part.tree.children[chunk.first + i] + nodeBase);
        part.tree = {};
    }
    YamlTree::Node &value = m_tree.nodes[slot];
    value = {sequenceOffset, quint32(m_tree.children.size()), quint32(items.size()), YamlNode::Type::Sequence};
    m_tree.children.insert(m_tree.children.end(), items.begin(), items.end());
    root = builder.root;
    return Chunked::Read;
}

QList<WorkspaceError> YamlSource::takeErrors()
{
    std::stable_sort(m_errors.begin(), m_errors.end(), [](const WorkspaceError &a, const WorkspaceError &b) {
        return std::pair(a.location.line, a.location.column) < std::pair(b.location.line, b.location.column);
    });
    if (m_errors.size() > maxErrors) {
        const qsizetype hidden = m_errors.size() - maxErrors + m_unstoredErrors;
        const SourceLocation where = m_errors.at(maxErrors).location;
        const bool stopped = hasTooManyErrors();
        m_errors.resize(maxErrors);
        m_errors.append({where, stopped ? tr("and more than %n problem(s) from here on, not shown; reading stopped "
                                             "there",
                                             nullptr, int(hidden))
                                        : tr("and %n more problem(s) from here on, not shown", nullptr, int(hidden))});
    }
    m_unstoredErrors = 0;
    return std::exchange(m_errors, {});
}

std::optional<YamlNode> YamlSource::load()
{
    if (m_text.size() > maxFileSize) {
        addError({m_file, 1, 1}, fileTooLargeMessage(m_text.size()));
        return std::nullopt;
    }
    // Editors hide a byte order mark, so positions are counted after it.
    if (m_text.startsWith("\xEF\xBB\xBF"))
        m_text.remove(0, 3);
    m_lineStarts.push_back(0);
    m_continuationBytes.reserve(size_t(m_text.size()) / checkpointBytes + 1);
    quint32 continuationBytes = 0;
    for (qsizetype i = 0; i < m_text.size(); ++i) {
        if (size_t(i) % checkpointBytes == 0)
            m_continuationBytes.push_back(continuationBytes);
        const char c = m_text.at(i);
        continuationBytes += isContinuationByte(c);
        if (c == '\n' || (c == '\r' && (i + 1 == m_text.size() || m_text.at(i + 1) != '\n')))
            m_lineStarts.push_back(i + 1);
    }
    if (!checkEncoding() || !checkNesting())
        return std::nullopt;

    std::optional<quint32> chunkedRoot;
    switch (parseInChunks(chunkedRoot)) {
    case Chunked::Read:
        return YamlNode(&m_tree, *chunkedRoot);
    case Chunked::Refused:
        return std::nullopt;
    case Chunked::No:
        break;
    }

    TreeBuilder builder(m_tree);
    builder.unclosedQuote = m_unclosedQuote;
    try {
        // Only the first document is read: yaml-cpp 0.8's LoadAll() loops forever, allocating, when
        // a document consumes no token (a stray ',' or ']' where a document starts;
        // jbeder/yaml-cpp#1040), so the builder stops where a second one starts.
        TextBuffer buffer(m_text.constData(), m_text.size());
        std::istream stream(&buffer);
        YAML::Parser events(stream);
        while (events.HandleNextDocument(builder)) {
        }
    } catch (const StopParsing &) {
    } catch (const YAML::Exception &e) {
        addSyntaxError(e.mark, e.msg);
        return std::nullopt;
    } catch (const std::exception &e) {
        addError({m_file, 1, 1}, tr("could not read the YAML document: %1").arg(QString::fromLocal8Bit(e.what())));
        return std::nullopt;
    }

    const std::vector<YAML::Mark> &starts = builder.documentStarts;
    switch (builder.limit) {
    case TreeBuilder::Limit::None:
        break;
    case TreeBuilder::Limit::Values:
        addError(
            locationAt(builder.limitOffset),
            tr("the document holds more than %1 values; a workspace file can hold at most that many").arg(maxValues));
        return std::nullopt;
    case TreeBuilder::Limit::Aliases:
        addError(locationAt(builder.limitOffset),
                 tr("the document names more than %1 values, through aliases (*name); write the workspace out "
                    "without so many aliases")
                     .arg(maxAliasedValues));
        return std::nullopt;
    case TreeBuilder::Limit::Loop:
        addError(locationAt(builder.limitOffset),
                 tr("this alias (*name) is inside the node it names, which would make the document endless"));
        return std::nullopt;
    }
    if (starts.size() >= 2 && starts[1].pos == starts[0].pos) {
        const qsizetype at = starts[1].pos;
        addError(locationAt(at), at < m_text.size()
                                     ? tr("invalid YAML: unexpected '%1' here").arg(QChar::fromLatin1(m_text[at]))
                                     : tr("invalid YAML: unexpected end of the file"));
        return std::nullopt;
    }
    // yaml-cpp ends a quoted scalar at the end of the text without a word.
    if (builder.unclosedQuoteIsScalar) {
        addError(locationAt(m_unclosedQuote),
                 tr("invalid YAML: %1").arg(tr("a quoted value is not closed before the end of the file")));
        return std::nullopt;
    }
    const YamlNode root = builder.root ? YamlNode(&m_tree, *builder.root) : YamlNode();
    if (root.isNull()) {
        addError({m_file, 1, 1}, tr("the workspace file is empty; expected a mapping with 'name' and 'services'"));
        return std::nullopt;
    }
    if (starts.size() > 1)
        addError(locationOf(starts[1]), tr("a workspace file holds one YAML document; a second one starts here"));
    return root;
}

} // namespace Vigie

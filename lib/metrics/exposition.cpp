#include "exposition.h"

#include <QHashFunctions>

#include <charconv>
#include <cmath>
#include <cstring>
#include <limits>
#include <vector>

using namespace Qt::StringLiterals;

namespace Vigie {

namespace {

constexpr double Inf = std::numeric_limits<double>::infinity();
constexpr double NaN = std::numeric_limits<double>::quiet_NaN();

// A set of 64-bit hashes in one reused table: inserting never allocates once the table has grown,
// and clearing costs what was inserted.
class HashSet
{
public:
    void clear()
    {
        for (quint32 slot : m_used)
            m_slots[slot] = 0;
        m_used.clear();
    }
    // False when it was there already.
    bool insert(quint64 hash)
    {
        hash = hash ? hash : 1;
        if ((m_used.size() + 1) * 2 > m_slots.size())
            grow();
        const quint64 mask = m_slots.size() - 1;
        for (quint64 i = hash & mask;; i = (i + 1) & mask) {
            if (m_slots[i] == hash)
                return false;
            if (m_slots[i] == 0) {
                m_slots[i] = hash;
                m_used.push_back(quint32(i));
                return true;
            }
        }
    }
    bool contains(quint64 hash) const
    {
        hash = hash ? hash : 1;
        if (m_slots.empty())
            return false;
        const quint64 mask = m_slots.size() - 1;
        for (quint64 i = hash & mask;; i = (i + 1) & mask) {
            if (m_slots[i] == hash)
                return true;
            if (m_slots[i] == 0)
                return false;
        }
    }

private:
    void grow()
    {
        std::vector<quint64> old;
        old.swap(m_slots);
        m_slots.assign(std::max<size_t>(64, old.size() * 2), 0);
        m_used.clear();
        for (quint64 h : old)
            if (h)
                insert(h);
    }
    std::vector<quint64> m_slots;
    std::vector<quint32> m_used;
};

// FNV-1a, streaming (fnv(b, fnv(a)) is fnv(a + b)), then a final mix: cheap on the short names and
// values of an exposition.
constexpr quint64 FnvOffset = 1469598103934665603ull;
quint64 fnv(QByteArrayView bytes, quint64 h = FnvOffset)
{
    for (char c : bytes) {
        h ^= quint8(c);
        h *= 1099511628211ull;
    }
    return h;
}
quint64 mix(quint64 h)
{
    h ^= h >> 29;
    h *= 0xbf58476d1ce4e5b9ull;
    h ^= h >> 32;
    return h;
}
quint64 hashBytes(QByteArrayView bytes, quint64 seed = 0)
{
    return mix(fnv(bytes, FnvOffset ^ seed));
}

bool isNameStart(char c, bool colon)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || (colon && c == ':');
}
bool isNameChar(char c, bool colon)
{
    return isNameStart(c, colon) || (c >= '0' && c <= '9');
}
bool isDigit(char c)
{
    return c >= '0' && c <= '9';
}
bool isBlank(char c)
{
    return c == ' ' || c == '\t';
}

bool equalsIgnoringCase(QByteArrayView text, QByteArrayView lower)
{
    if (text.size() != lower.size())
        return false;
    for (qsizetype i = 0; i < text.size(); ++i) {
        char c = text[i];
        if (c >= 'A' && c <= 'Z')
            c = char(c - 'A' + 'a');
        if (c != lower[i])
            return false;
    }
    return true;
}

// OpenMetrics's realnumber: [sign] digits [. digits] [e [sign] digits], or [sign] . digits [...].
bool isRealNumber(QByteArrayView t)
{
    qsizetype i = 0;
    const qsizetype n = t.size();
    if (i < n && (t[i] == '+' || t[i] == '-'))
        ++i;
    qsizetype digits = 0;
    while (i < n && isDigit(t[i]))
        ++i, ++digits;
    if (i < n && t[i] == '.') {
        ++i;
        while (i < n && isDigit(t[i]))
            ++i, ++digits;
    }
    if (digits == 0)
        return false;
    if (i < n && (t[i] == 'e' || t[i] == 'E')) {
        ++i;
        if (i < n && (t[i] == '+' || t[i] == '-'))
            ++i;
        qsizetype exponent = 0;
        while (i < n && isDigit(t[i]))
            ++i, ++exponent;
        if (exponent == 0)
            return false;
    }
    return i == n;
}

std::optional<double> fromChars(QByteArrayView t, std::chars_format format = std::chars_format::general)
{
    bool negative = false;
    if (!t.isEmpty() && (t[0] == '+' || t[0] == '-')) {
        negative = t[0] == '-';
        t = t.sliced(1);
    }
    if (t.isEmpty() || t[0] == '+' || t[0] == '-')
        return std::nullopt;
    double value = 0;
    const auto [end, ec] = std::from_chars(t.data(), t.data() + t.size(), value, format);
    if (end != t.data() + t.size())
        return std::nullopt;
    if (ec == std::errc::result_out_of_range)
        value = std::isinf(value) ? value : (value == 0 ? 0.0 : Inf); // overflow is ±Inf, underflow 0, as Go does
    else if (ec != std::errc())
        return std::nullopt;
    return negative ? -value : value;
}

// OpenMetrics: realnumber, ±Inf / ±Infinity, NaN (case-insensitive, as ABNF strings are).
std::optional<double> parseOpenMetricsNumber(QByteArrayView t)
{
    if (isRealNumber(t))
        return fromChars(t);
    if (equalsIgnoringCase(t, "nan"))
        return NaN;
    if (!t.isEmpty() && (t[0] == '+' || t[0] == '-')) {
        const QByteArrayView rest = t.sliced(1);
        if (equalsIgnoringCase(rest, "inf") || equalsIgnoringCase(rest, "infinity"))
            return t[0] == '-' ? -Inf : Inf;
    }
    return std::nullopt;
}

// 0.0.4: what Go's strconv.ParseFloat reads: decimal, hexadecimal with a p exponent, Inf, Infinity
// and NaN in any case, with an optional sign (none on NaN).
std::optional<double> parseGoFloat(QByteArrayView t)
{
    if (isRealNumber(t))
        return fromChars(t);
    if (equalsIgnoringCase(t, "nan"))
        return NaN;
    QByteArrayView rest = t;
    bool negative = false;
    if (!rest.isEmpty() && (rest[0] == '+' || rest[0] == '-')) {
        negative = rest[0] == '-';
        rest = rest.sliced(1);
    }
    if (equalsIgnoringCase(rest, "inf") || equalsIgnoringCase(rest, "infinity"))
        return negative ? -Inf : Inf;
    if (rest.size() > 2 && rest[0] == '0' && (rest[1] == 'x' || rest[1] == 'X')) {
        const QByteArrayView hex = rest.sliced(2);
        const qsizetype p = std::max(hex.indexOf('p'), hex.indexOf('P'));
        if (p <= 0 || hex.contains('_'))
            return std::nullopt;
        // from_chars(hex) wants no sign on the mantissa and reads the exponent itself.
        const std::optional<double> value = fromChars(hex, std::chars_format::hex);
        if (!value)
            return std::nullopt;
        return negative ? -*value : *value;
    }
    return std::nullopt;
}

// What Go's strconv.ParseInt(s, 10, 64) reads: an optional sign, then decimal digits.
std::optional<qint64> parseInteger(QByteArrayView t)
{
    qint64 value = 0;
    const char *begin = t.data();
    const char *end = t.data() + t.size();
    if (begin != end && *begin == '+')
        ++begin;
    const char *digits = begin != end && *begin == '-' ? begin + 1 : begin;
    if (digits == end || !std::all_of(digits, end, isDigit))
        return std::nullopt;
    const auto [stop, ec] = std::from_chars(begin, end, value);
    if (ec != std::errc() || stop != end)
        return std::nullopt;
    return value;
}

// OpenMetrics's le and quantile values are written as numbers (the +Inf bucket exactly so).
std::optional<double> parseThreshold(QByteArrayView t, ExpositionFormat format)
{
    if (format == ExpositionFormat::OpenMetrics1) {
        if (t == "+Inf")
            return Inf;
        if (isRealNumber(t))
            return fromChars(t);
        return std::nullopt;
    }
    return parseGoFloat(t);
}

// The suffixes a family's samples may carry, per type and format.
bool suffixAllowed(MetricType type, QByteArrayView suffix, ExpositionFormat format)
{
    const bool om = format == ExpositionFormat::OpenMetrics1;
    switch (type) {
    case MetricType::Counter:
        return om ? (suffix == "_total" || suffix == "_created") : suffix.isEmpty();
    case MetricType::Gauge:
    case MetricType::Unknown:
    case MetricType::StateSet:
        return suffix.isEmpty();
    case MetricType::Info:
        return suffix == "_info";
    case MetricType::Histogram:
        return suffix == "_bucket" || suffix == "_count" || suffix == "_sum" || (om && suffix == "_created");
    case MetricType::GaugeHistogram:
        return suffix == "_bucket" || suffix == "_gcount" || suffix == "_gsum";
    case MetricType::Summary:
        return suffix.isEmpty() || suffix == "_count" || suffix == "_sum" || (om && suffix == "_created");
    }
    return false;
}

constexpr QByteArrayView knownSuffixes[] = {"_total", "_created", "_bucket", "_count",
                                            "_sum",   "_gcount",  "_gsum",   "_info"};

std::optional<MetricType> typeFromName(QByteArrayView t, ExpositionFormat format)
{
    if (t == "counter")
        return MetricType::Counter;
    if (t == "gauge")
        return MetricType::Gauge;
    if (t == "histogram")
        return MetricType::Histogram;
    if (t == "summary")
        return MetricType::Summary;
    if (format == ExpositionFormat::Prometheus004)
        return t == "untyped" ? std::optional(MetricType::Unknown) : std::nullopt;
    if (t == "unknown")
        return MetricType::Unknown;
    if (t == "gaugehistogram")
        return MetricType::GaugeHistogram;
    if (t == "info")
        return MetricType::Info;
    if (t == "stateset")
        return MetricType::StateSet;
    return std::nullopt;
}

QString viewText(QByteArrayView bytes)
{
    return QString::fromUtf8(bytes);
}

} // namespace

QByteArrayView metricTypeName(MetricType type)
{
    switch (type) {
    case MetricType::Unknown:
        return "unknown";
    case MetricType::Counter:
        return "counter";
    case MetricType::Gauge:
        return "gauge";
    case MetricType::Histogram:
        return "histogram";
    case MetricType::GaugeHistogram:
        return "gaugehistogram";
    case MetricType::Summary:
        return "summary";
    case MetricType::Info:
        return "info";
    case MetricType::StateSet:
        return "stateset";
    }
    return "unknown";
}

QByteArray expositionAcceptHeader()
{
    return QByteArrayLiteral("application/openmetrics-text;version=1.0.0,application/openmetrics-text;version=0.0.1;"
                             "q=0.75,text/plain;version=0.0.4;q=0.5,*/*;q=0.1");
}

ExpositionFormat expositionFormatFromContentType(QByteArrayView contentType)
{
    const qsizetype semicolon = contentType.indexOf(';');
    const QByteArrayView mediaType = (semicolon < 0 ? contentType : contentType.first(semicolon)).trimmed();
    return equalsIgnoringCase(mediaType, "application/openmetrics-text") ? ExpositionFormat::OpenMetrics1
                                                                         : ExpositionFormat::Prometheus004;
}

QByteArrayView ExpositionSample::label(QByteArrayView labelName) const
{
    for (const ExpositionLabel &l : labels)
        if (l.name == labelName)
            return l.value;
    return {};
}

QString ExpositionError::toString() const
{
    return u"%1:%2: %3"_s.arg(line).arg(column).arg(message.toString());
}

struct ExpositionParser::Private
{
    // The text and where the parser is in it.
    const char *begin = nullptr;
    const char *end = nullptr;
    const char *lineStart = nullptr;
    const char *lineEnd = nullptr; // the line feed, or end
    const char *p = nullptr;
    int lineNumber = 0;
    ExpositionFormat format = ExpositionFormat::Prometheus004;
    const Visitor *visit = nullptr;
    std::optional<ExpositionError> error;

    // Reused from one sample and one text to the next.
    std::vector<ExpositionLabel> labels;
    std::vector<ExpositionLabel> exemplarLabels;
    std::vector<char> unescaped; // label values with escapes, unescaped; reserved to the line's length
    size_t unescapedUsed = 0;
    std::vector<char> help;

    // The current family.
    MetricFamilyInfo family;
    bool hasFamily = false;
    bool hasType = false;
    bool hasHelp = false;
    bool hasUnit = false;
    bool hasSamples = false;
    HashSet claimed; // every name a family of this text has taken, with its suffixes (OpenMetrics)

    // OpenMetrics: the current group (a family's samples with the same labels, le, quantile and
    // the state aside) and its current point (a group's samples with the same timestamp).
    HashSet seenGroups;
    HashSet groupSeries;
    bool hasGroup = false;
    quint64 group = 0;
    std::optional<qint64> groupTimestamp;
    // The histogram checks of the current point.
    bool pointOpen = false;
    double lastBucket = -Inf;
    bool hasBucket = false;
    double lastBucketValue = 0;
    bool hasNegativeBucket = false;
    std::optional<double> count;
    bool hasSum = false;
    bool hasGsum = false;
    bool hasNegativeGsum = false;
    int pointLine = 0;

    bool om() const { return format == ExpositionFormat::OpenMetrics1; }

    bool fail(const char *at, const Message &message)
    {
        if (!error) {
            int column = 1;
            for (const char *c = lineStart; c < at && c < end; ++c)
                if ((quint8(*c) & 0xC0) != 0x80)
                    ++column;
            error = ExpositionError{lineNumber, column, message};
        }
        return false;
    }
    bool failAtLine(int line, const Message &message)
    {
        if (!error)
            error = ExpositionError{line, 1, message};
        return false;
    }

    std::optional<ExpositionError> run(QByteArrayView text);
    bool parseLine();
    bool parseMetadata004();
    bool parseMetadataOpenMetrics();
    bool startFamily(QByteArrayView name, const char *at);
    bool startFamily004(QByteArrayView name, const char *at);
    bool claimSuffixes(const char *at);
    bool finishFamily();
    bool parseSample();
    bool parseLabels(std::vector<ExpositionLabel> &into, bool exemplar);
    bool parseLabelValue(QByteArrayView &value);
    QByteArrayView readName(bool colon);
    QByteArrayView readToken();
    bool checkSample(const ExpositionSample &sample, QByteArrayView suffix, const char *at, bool &keep);
    bool finishPoint();
};

ExpositionParser::ExpositionParser()
    : d(std::make_unique<Private>())
{}

ExpositionParser::~ExpositionParser() = default;

std::optional<ExpositionError> ExpositionParser::parse(QByteArrayView text, ExpositionFormat format,
                                                       const Visitor &visit)
{
    d->format = format;
    d->visit = &visit;
    return d->run(text);
}

std::optional<ExpositionError> ExpositionParser::Private::run(QByteArrayView text)
{
    begin = text.data();
    end = text.data() + text.size();
    error.reset();
    lineNumber = 0;
    hasFamily = hasType = hasHelp = hasUnit = hasSamples = false;
    family = {};
    claimed.clear();
    seenGroups.clear();
    groupSeries.clear();
    hasGroup = pointOpen = false;

    bool sawEof = false;
    const char *next = begin;
    while (next < end) {
        lineStart = next;
        ++lineNumber;
        const void *lf = std::memchr(lineStart, '\n', size_t(end - lineStart));
        lineEnd = lf ? static_cast<const char *>(lf) : end;
        next = lf ? lineEnd + 1 : end;
        p = lineStart;
        const QByteArrayView line(lineStart, lineEnd - lineStart);
        if (om() && line == "# EOF") {
            if (!finishFamily())
                return error;
            sawEof = true;
            if (next < end) {
                lineStart = next;
                ++lineNumber;
                fail(next, trMessage("Vigie::ExpositionParser", "nothing may follow # EOF"));
                return error;
            }
            break;
        }
        if (!lf) {
            if (!om()) {
                // 0.0.4: "The last line must end with a line feed character."
                const QByteArrayView rest = line.trimmed();
                if (!rest.isEmpty()) {
                    fail(lineEnd, trMessage("Vigie::ExpositionParser", "the last line must end with a line feed"));
                    return error;
                }
                break;
            }
        }
        if (!parseLine())
            return error;
    }
    if (om() && !sawEof) {
        if (end == begin || end[-1] == '\n') {
            lineStart = end;
            ++lineNumber;
        }
        fail(end, trMessage("Vigie::ExpositionParser", "an OpenMetrics exposition must end with # EOF"));
        return error;
    }
    if (!om() || !sawEof)
        finishFamily();
    return error;
}

QByteArrayView ExpositionParser::Private::readName(bool colon)
{
    const char *start = p;
    if (p < lineEnd && isNameStart(*p, colon)) {
        ++p;
        while (p < lineEnd && isNameChar(*p, colon))
            ++p;
    }
    return QByteArrayView(start, p - start);
}

QByteArrayView ExpositionParser::Private::readToken()
{
    const char *start = p;
    while (p < lineEnd && !isBlank(*p))
        ++p;
    return QByteArrayView(start, p - start);
}

bool ExpositionParser::Private::parseLine()
{
    if (om()) {
        if (p == lineEnd)
            return fail(p, trMessage("Vigie::ExpositionParser", "blank lines are not allowed in OpenMetrics"));
        if (*p == '#')
            return parseMetadataOpenMetrics();
        return parseSample();
    }
    while (p < lineEnd && isBlank(*p))
        ++p;
    if (p == lineEnd)
        return true; // blank lines are allowed in 0.0.4
    if (*p == '#')
        return parseMetadata004();
    return parseSample();
}

// 0.0.4: "# HELP name docstring" and "# TYPE name type"; any other line starting with # is a
// comment. "All lines for a given metric must be provided as one single group, with the optional
// HELP and TYPE lines first."
bool ExpositionParser::Private::parseMetadata004()
{
    ++p; // '#'
    while (p < lineEnd && isBlank(*p))
        ++p;
    const QByteArrayView keyword = readToken();
    if (keyword != "HELP" && keyword != "TYPE")
        return true; // a comment
    while (p < lineEnd && isBlank(*p))
        ++p;
    const char *nameAt = p;
    const QByteArrayView name = readName(true);
    if (name.isEmpty() || (p < lineEnd && !isBlank(*p)))
        return fail(
            p, name.isEmpty() && p == lineEnd
                   ? trMessage("Vigie::ExpositionParser", "expected a metric name after %1").arg(viewText(keyword))
                   : trMessage("Vigie::ExpositionParser", "invalid metric name in a # %1 line").arg(viewText(keyword)));
    while (p < lineEnd && isBlank(*p))
        ++p;
    if (!hasFamily || family.name != name) {
        if (!startFamily004(name, nameAt))
            return false;
    } else if (hasSamples) {
        return fail(lineStart,
                    trMessage("Vigie::ExpositionParser", "%1 line for %2 after its samples (HELP and TYPE come first)")
                        .arg(viewText(keyword), viewText(name)));
    }
    if (keyword == "TYPE") {
        if (hasType)
            return fail(nameAt, trMessage("Vigie::ExpositionParser", "second TYPE line for %1").arg(viewText(name)));
        const QByteArrayView typeName(p, lineEnd - p);
        if (typeName.isEmpty())
            return fail(p, trMessage("Vigie::ExpositionParser", "expected a type after the metric name"));
        const auto type = typeFromName(typeName, format);
        if (!type)
            return fail(p, trMessage("Vigie::ExpositionParser",
                                     "unknown metric type \"%1\" (expected counter, gauge, histogram, "
                                     "summary or untyped)")
                               .arg(viewText(typeName)));
        family.type = *type;
        hasType = true;
        return true;
    }
    if (hasHelp)
        return fail(nameAt, trMessage("Vigie::ExpositionParser", "second HELP line for %1").arg(viewText(name)));
    // HELP escapes only \\ and \n in 0.0.4 (label values escape \" too).
    help.resize(size_t(lineEnd - p));
    size_t n = 0;
    for (; p < lineEnd; ++p) {
        if (*p != '\\') {
            help[n++] = *p;
            continue;
        }
        if (p + 1 == lineEnd || (p[1] != '\\' && p[1] != 'n'))
            return fail(p, trMessage("Vigie::ExpositionParser",
                                     "invalid escape sequence in HELP text (only \\\\ and \\n are allowed)"));
        ++p;
        help[n++] = *p == 'n' ? '\n' : '\\';
    }
    family.help = QByteArrayView(help.data(), qsizetype(n));
    hasHelp = true;
    return true;
}

bool ExpositionParser::Private::parseMetadataOpenMetrics()
{
    const QByteArrayView line(p, lineEnd - p);
    enum class Kind { Help, Type, Unit } kind;
    if (line.startsWith("# HELP "))
        kind = Kind::Help;
    else if (line.startsWith("# TYPE "))
        kind = Kind::Type;
    else if (line.startsWith("# UNIT "))
        kind = Kind::Unit;
    else
        return fail(
            p, trMessage("Vigie::ExpositionParser", "a line starting with # must be # HELP, # TYPE, # UNIT or # EOF"));
    p += 7;
    const char *nameAt = p;
    const QByteArrayView name = readName(true);
    if (name.isEmpty())
        return fail(p, trMessage("Vigie::ExpositionParser", "expected a metric name"));
    if (p == lineEnd || *p != ' ')
        return fail(p, p == lineEnd ? trMessage("Vigie::ExpositionParser", "expected a space after the metric name")
                                    : trMessage("Vigie::ExpositionParser", "invalid character in the metric name"));
    ++p;
    if (!hasFamily || family.name != name) {
        if (!startFamily(name, nameAt))
            return false;
    } else if (hasSamples) {
        return fail(lineStart,
                    trMessage("Vigie::ExpositionParser", "metadata for %1 after its samples").arg(viewText(name)));
    }
    switch (kind) {
    case Kind::Type: {
        if (hasType)
            return fail(lineStart, trMessage("Vigie::ExpositionParser", "second TYPE line for %1").arg(viewText(name)));
        const QByteArrayView typeName(p, lineEnd - p);
        const auto type = typeFromName(typeName, format);
        if (!type)
            return fail(p, trMessage("Vigie::ExpositionParser",
                                     "unknown metric type \"%1\" (expected counter, gauge, histogram, "
                                     "gaugehistogram, stateset, info, summary or unknown)")
                               .arg(viewText(typeName)));
        if (hasUnit && !family.unit.isEmpty() && (*type == MetricType::Info || *type == MetricType::StateSet))
            return fail(
                p,
                trMessage("Vigie::ExpositionParser", "a metric of type %1 cannot have a unit").arg(viewText(typeName)));
        family.type = *type;
        hasType = true;
        return claimSuffixes(nameAt);
    }
    case Kind::Unit: {
        if (hasUnit)
            return fail(lineStart, trMessage("Vigie::ExpositionParser", "second UNIT line for %1").arg(viewText(name)));
        const char *unitAt = p;
        while (p < lineEnd && isNameChar(*p, true))
            ++p;
        if (p != lineEnd)
            return fail(p, trMessage("Vigie::ExpositionParser", "invalid character in the unit"));
        family.unit = QByteArrayView(unitAt, p - unitAt);
        hasUnit = true;
        if (family.unit.isEmpty())
            return true;
        if (!name.endsWith(family.unit) || name.size() == family.unit.size() ||
            name[name.size() - family.unit.size() - 1] != '_')
            return fail(unitAt,
                        trMessage("Vigie::ExpositionParser", "the name of a metric with a unit must end with _%1")
                            .arg(viewText(family.unit)));
        if (family.type == MetricType::Info || family.type == MetricType::StateSet)
            return fail(unitAt, trMessage("Vigie::ExpositionParser", "a metric of type %1 cannot have a unit")
                                    .arg(viewText(metricTypeName(family.type))));
        return true;
    }
    case Kind::Help: {
        if (hasHelp)
            return fail(lineStart, trMessage("Vigie::ExpositionParser", "second HELP line for %1").arg(viewText(name)));
        // OpenMetrics escapes \\, \" and \n; another backslash is kept as it is, as the official
        // test suite expects.
        help.resize(size_t(lineEnd - p));
        size_t n = 0;
        for (; p < lineEnd; ++p) {
            if (*p == '\\' && p + 1 < lineEnd && (p[1] == '\\' || p[1] == 'n' || p[1] == '"')) {
                ++p;
                help[n++] = *p == 'n' ? '\n' : *p;
            } else {
                help[n++] = *p;
            }
        }
        family.help = QByteArrayView(help.data(), qsizetype(n));
        hasHelp = true;
        return true;
    }
    }
    return true;
}

// OpenMetrics: a family is one block; its name, and the names its samples take, may not come back.
bool ExpositionParser::Private::startFamily(QByteArrayView name, const char *at)
{
    if (!finishFamily())
        return false;
    hasFamily = true;
    hasType = hasHelp = hasUnit = hasSamples = false;
    family = MetricFamilyInfo{name, MetricType::Unknown, {}, {}};
    if (!claimed.insert(hashBytes(name)))
        return fail(at, trMessage("Vigie::ExpositionParser",
                                  "%1 was already exposed: each metric family must be one block, "
                                  "with a name no other family's samples use")
                            .arg(viewText(name)));
    return true;
}

bool ExpositionParser::Private::startFamily004(QByteArrayView name, const char *at)
{
    hasFamily = true;
    hasType = hasHelp = hasUnit = hasSamples = false;
    family = MetricFamilyInfo{name, MetricType::Unknown, {}, {}};
    if (!claimed.insert(hashBytes(name)))
        return fail(at, trMessage("Vigie::ExpositionParser",
                                  "the lines of %1 must be one group: it appeared before another metric's lines")
                            .arg(viewText(name)));
    return true;
}

bool ExpositionParser::Private::claimSuffixes(const char *at)
{
    const quint64 base = fnv(family.name);
    for (QByteArrayView suffix : knownSuffixes) {
        if (!suffixAllowed(family.type, suffix, format))
            continue;
        if (!claimed.insert(mix(fnv(suffix, base))))
            return fail(at, trMessage("Vigie::ExpositionParser",
                                      "the samples of %1 would clash with a metric family exposed before "
                                      "(%1%2)")
                                .arg(viewText(family.name), viewText(suffix)));
    }
    return true;
}

bool ExpositionParser::Private::finishFamily()
{
    if (hasGroup && !finishPoint())
        return false;
    hasGroup = false;
    pointOpen = false;
    seenGroups.clear();
    groupSeries.clear();
    return true;
}

bool ExpositionParser::Private::parseLabelValue(QByteArrayView &value)
{
    // p is on the opening quote.
    ++p;
    const char *start = p;
    bool escapes = false;
    while (p < lineEnd && *p != '"') {
        if (*p == '\\') {
            escapes = true;
            if (p + 1 == lineEnd)
                break;
            ++p;
        }
        ++p;
    }
    if (p == lineEnd)
        return fail(p, trMessage("Vigie::ExpositionParser", "unterminated label value: expected a closing \""));
    const char *stop = p;
    ++p;
    if (!escapes) {
        value = QByteArrayView(start, stop - start);
        return true;
    }
    // Unescaped into the reused buffer, reserved to the line's length so that views into it stay valid.
    const size_t from = unescapedUsed;
    for (const char *c = start; c < stop; ++c) {
        if (*c != '\\') {
            unescaped[unescapedUsed++] = *c;
            continue;
        }
        const char e = c[1];
        if (e == '\\' || e == '"' || e == 'n') {
            unescaped[unescapedUsed++] = e == 'n' ? '\n' : e;
            ++c;
        } else if (om()) {
            unescaped[unescapedUsed++] = '\\'; // kept as written (OpenMetrics test suite: escaping)
        } else {
            return fail(c, trMessage("Vigie::ExpositionParser",
                                     "invalid escape sequence in a label value (only \\\\, \\\" and \\n "
                                     "are allowed)"));
        }
    }
    value = QByteArrayView(unescaped.data() + from, qsizetype(unescapedUsed - from));
    return true;
}

bool ExpositionParser::Private::parseLabels(std::vector<ExpositionLabel> &into, bool exemplar)
{
    // p is on '{'.
    ++p;
    into.clear();
    const bool strict = om();
    auto skip = [this, strict] {
        if (!strict)
            while (p < lineEnd && isBlank(*p))
                ++p;
    };
    skip();
    if (p < lineEnd && *p == '}') {
        ++p;
        return true;
    }
    for (;;) {
        skip();
        if (!strict && p < lineEnd && *p == '}') { // 0.0.4 allows a trailing comma
            ++p;
            return true;
        }
        const char *nameAt = p;
        const QByteArrayView name = readName(false);
        if (name.isEmpty())
            return fail(p, p == lineEnd ? trMessage("Vigie::ExpositionParser", "unexpected end of line in the labels")
                                        : trMessage("Vigie::ExpositionParser", "expected a label name"));
        if (!strict && name == "__name__")
            return fail(nameAt, trMessage("Vigie::ExpositionParser", "the label name __name__ is reserved"));
        skip();
        if (p == lineEnd || *p != '=')
            return fail(p,
                        trMessage("Vigie::ExpositionParser", "expected = after the label name %1").arg(viewText(name)));
        ++p;
        skip();
        if (p == lineEnd || *p != '"')
            return fail(p, trMessage("Vigie::ExpositionParser", "expected a quoted label value"));
        QByteArrayView value;
        if (!parseLabelValue(value))
            return false;
        for (const ExpositionLabel &l : into)
            if (l.name == name)
                return fail(nameAt,
                            trMessage("Vigie::ExpositionParser", "duplicate label name %1").arg(viewText(name)));
        into.push_back({name, value});
        skip();
        if (p < lineEnd && *p == ',') {
            ++p;
            continue;
        }
        if (p < lineEnd && *p == '}') {
            ++p;
            break;
        }
        return fail(p, trMessage("Vigie::ExpositionParser", "expected , or } after a label value"));
    }
    if (exemplar) {
        qsizetype characters = 0;
        for (const ExpositionLabel &l : into)
            for (QByteArrayView part : {l.name, l.value})
                for (char c : part)
                    if ((quint8(c) & 0xC0) != 0x80)
                        ++characters;
        if (characters > 128)
            return fail(p - 1, trMessage("Vigie::ExpositionParser",
                                         "the exemplar's labels are %1 characters long; at most 128 are "
                                         "allowed")
                                   .arg(characters));
    }
    return true;
}

bool ExpositionParser::Private::parseSample()
{
    const char *nameAt = p;
    const QByteArrayView name = readName(true);
    if (name.isEmpty())
        return fail(p, trMessage("Vigie::ExpositionParser", "expected a metric name"));
    if (unescaped.size() < size_t(lineEnd - lineStart))
        unescaped.resize(size_t(lineEnd - lineStart));
    unescapedUsed = 0;

    // Which family: the current one when the name is its own or takes one of its suffixes.
    QByteArrayView suffix;
    bool belongs = false;
    if (hasFamily && name.startsWith(family.name)) {
        suffix = name.sliced(family.name.size());
        belongs = suffixAllowed(family.type, suffix, format);
        if (!belongs && om() && suffix.isEmpty())
            return fail(nameAt, trMessage("Vigie::ExpositionParser", "%1 is not a valid sample name for the %2 %3")
                                    .arg(viewText(name), viewText(metricTypeName(family.type)), viewText(family.name)));
    }
    if (!belongs) {
        if (om()) {
            if (!startFamily(name, nameAt))
                return false;
        } else if (!startFamily004(name, nameAt)) {
            return false;
        }
        suffix = {};
    }
    hasSamples = true;

    // Labels, then the value: 0.0.4 takes blanks (spaces, tabs) around them, OpenMetrics one space.
    labels.clear();
    if (om()) {
        const bool hasLabels = p < lineEnd && *p == '{';
        if (hasLabels && !parseLabels(labels, false))
            return false;
        if (p == lineEnd || *p != ' ')
            return fail(p, p == lineEnd ? trMessage("Vigie::ExpositionParser", "expected a space and a value")
                           : hasLabels  ? trMessage("Vigie::ExpositionParser", "expected a space before the value")
                                        : trMessage("Vigie::ExpositionParser", "invalid character in the metric name"));
        ++p;
    } else {
        const char *afterName = p;
        while (p < lineEnd && isBlank(*p))
            ++p;
        if (p < lineEnd && *p == '{') {
            if (!parseLabels(labels, false))
                return false;
            while (p < lineEnd && isBlank(*p))
                ++p;
        } else if (p == afterName) {
            return fail(p, p == lineEnd ? trMessage("Vigie::ExpositionParser", "expected a space and a value")
                                        : trMessage("Vigie::ExpositionParser", "invalid character in the metric name"));
        }
    }

    // Value.
    const char *valueAt = p;
    const QByteArrayView valueText = readToken();
    if (valueText.isEmpty())
        return fail(p, trMessage("Vigie::ExpositionParser", "expected a value"));
    const std::optional<double> value = om() ? parseOpenMetricsNumber(valueText) : parseGoFloat(valueText);
    if (!value)
        return fail(valueAt, trMessage("Vigie::ExpositionParser", "invalid value \"%1\"").arg(viewText(valueText)));

    ExpositionSample sample;
    sample.family = &family;
    sample.name = name;
    sample.value = *value;

    // Timestamp, then (OpenMetrics) an exemplar.
    ExpositionExemplar exemplar;
    if (om()) {
        if (p < lineEnd && *p == ' ' && p + 1 < lineEnd && p[1] != '#') {
            ++p;
            const char *at = p;
            const QByteArrayView t = readToken();
            if (!isRealNumber(t))
                return fail(at,
                            trMessage("Vigie::ExpositionParser", "invalid timestamp \"%1\" (expected seconds, such as "
                                                                 "1520879607.789)")
                                .arg(viewText(t)));
            sample.timestampMs = qint64(std::llround(*fromChars(t) * 1000.0));
        }
        if (p < lineEnd && QByteArrayView(p, lineEnd - p).startsWith(" #") &&
            !QByteArrayView(p, lineEnd - p).startsWith(" # {"))
            return fail(p + 1, trMessage("Vigie::ExpositionParser",
                                         "an exemplar is written \" # {labels} value\", with one space on each side "
                                         "of the #"));
        if (p < lineEnd && QByteArrayView(p, lineEnd - p).startsWith(" # {")) {
            const char *exemplarAt = p + 1;
            p += 3;
            if (!parseLabels(exemplarLabels, true))
                return false;
            if (p == lineEnd || *p != ' ')
                return fail(p, trMessage("Vigie::ExpositionParser",
                                         "expected a space and a value after the exemplar's labels"));
            ++p;
            const char *at = p;
            const QByteArrayView v = readToken();
            const std::optional<double> ev = parseOpenMetricsNumber(v);
            if (!ev)
                return fail(at, trMessage("Vigie::ExpositionParser", "invalid exemplar value \"%1\"").arg(viewText(v)));
            exemplar.value = *ev;
            if (p < lineEnd && *p == ' ') {
                ++p;
                const char *tsAt = p;
                const QByteArrayView t = readToken();
                if (!isRealNumber(t))
                    return fail(
                        tsAt,
                        trMessage("Vigie::ExpositionParser", "invalid exemplar timestamp \"%1\"").arg(viewText(t)));
                exemplar.timestampMs = qint64(std::llround(*fromChars(t) * 1000.0));
            }
            exemplar.labels = QSpan<const ExpositionLabel>(exemplarLabels.data(), qsizetype(exemplarLabels.size()));
            sample.exemplar = &exemplar;
            const bool allowed = (family.type == MetricType::Counter && suffix == "_total") ||
                                 ((family.type == MetricType::Histogram || family.type == MetricType::GaugeHistogram) &&
                                  suffix == "_bucket");
            if (!allowed)
                return fail(exemplarAt,
                            trMessage("Vigie::ExpositionParser", "exemplars are only allowed on a counter's _total and "
                                                                 "a histogram's _bucket samples"));
        }
        if (p != lineEnd)
            return fail(p, *p == ' ' ? trMessage("Vigie::ExpositionParser",
                                                 "unexpected space (OpenMetrics separates with exactly one "
                                                 "space and allows none at the end of a line)")
                                     : trMessage("Vigie::ExpositionParser", "unexpected text after the sample"));
    } else {
        while (p < lineEnd && isBlank(*p))
            ++p;
        if (p < lineEnd) {
            const char *at = p;
            if (*p == '#')
                return fail(p, trMessage("Vigie::ExpositionParser",
                                         "the text format 0.0.4 has no exemplars nor comments after a sample"));
            const QByteArrayView t = readToken();
            const std::optional<qint64> ms = parseInteger(t);
            if (!ms)
                return fail(at, trMessage("Vigie::ExpositionParser",
                                          "invalid timestamp \"%1\" (expected milliseconds, an integer)")
                                    .arg(viewText(t)));
            sample.timestampMs = *ms;
            while (p < lineEnd && isBlank(*p))
                ++p;
            if (p < lineEnd)
                return fail(p, trMessage("Vigie::ExpositionParser", "unexpected text after the timestamp"));
        }
    }
    sample.labels = QSpan<const ExpositionLabel>(labels.data(), qsizetype(labels.size()));

    bool keep = true;
    if (!checkSample(sample, suffix, nameAt, keep))
        return false;
    if (keep)
        (*visit)(sample);
    return true;
}

// The rules of each type: required labels, allowed values, and in OpenMetrics how a family's
// samples group and order.
bool ExpositionParser::Private::checkSample(const ExpositionSample &sample, QByteArrayView suffix, const char *at,
                                            bool &keep)
{
    const MetricType type = family.type;
    const bool histogram = type == MetricType::Histogram || type == MetricType::GaugeHistogram;
    QByteArrayView aside; // the label that tells a group's samples apart: le, quantile, the state
    std::optional<double> threshold;
    if (histogram && suffix == "_bucket") {
        aside = "le";
        const auto it = std::ranges::find(sample.labels, QByteArrayView("le"), &ExpositionLabel::name);
        if (it == sample.labels.end())
            return fail(at, trMessage("Vigie::ExpositionParser", "a histogram bucket needs an le label"));
        threshold = parseThreshold(it->value, format);
        if (!threshold || std::isnan(*threshold))
            return fail(at,
                        trMessage("Vigie::ExpositionParser", "invalid le label value \"%1\"").arg(viewText(it->value)));
    } else if (type == MetricType::Summary && suffix.isEmpty()) {
        aside = "quantile";
        const auto it = std::ranges::find(sample.labels, QByteArrayView("quantile"), &ExpositionLabel::name);
        if (it == sample.labels.end())
            return fail(at, trMessage("Vigie::ExpositionParser", "a summary's quantile sample needs a quantile label"));
        const std::optional<double> q = parseThreshold(it->value, format);
        if (!q || std::isnan(*q) || (om() && (*q < 0 || *q > 1)))
            return fail(at, trMessage("Vigie::ExpositionParser", "invalid quantile \"%1\"").arg(viewText(it->value)));
    } else if (type == MetricType::StateSet) {
        aside = family.name;
        if (std::ranges::find(sample.labels, family.name, &ExpositionLabel::name) == sample.labels.end())
            return fail(at, trMessage("Vigie::ExpositionParser", "a stateset's sample needs a label named %1")
                                .arg(viewText(family.name)));
    }
    if (!om())
        return true;

    // Values.
    const double v = sample.value;
    const bool counterLike = (type == MetricType::Counter && suffix == "_total") ||
                             (histogram && (suffix == "_bucket" || suffix == "_count" || suffix == "_gcount")) ||
                             (type == MetricType::Histogram && suffix == "_sum") ||
                             (type == MetricType::Summary && (suffix == "_count" || suffix == "_sum"));
    if (counterLike && (std::isnan(v) || v < 0))
        return fail(
            at, trMessage("Vigie::ExpositionParser", "%1 must be neither negative nor NaN").arg(viewText(sample.name)));
    if (suffix == "_gsum" && std::isnan(v))
        return fail(at, trMessage("Vigie::ExpositionParser", "%1 must not be NaN").arg(viewText(sample.name)));
    if (type == MetricType::StateSet && v != 0 && v != 1)
        return fail(at, trMessage("Vigie::ExpositionParser", "a stateset's value must be 0 or 1"));
    if (type == MetricType::Info && v != 1)
        return fail(at, trMessage("Vigie::ExpositionParser", "an info metric's value must be 1"));

    // Groups: a family's samples with the same labels (le, quantile or the state aside) are one
    // block, their timestamps present in all or none and never going back.
    quint64 key = 0x9e3779b97f4a7c15ull;
    for (const ExpositionLabel &l : sample.labels)
        if (l.name != aside)
            key += hashBytes(l.value, hashBytes(l.name)); // order-independent
    if (!hasGroup || key != group) {
        if (hasGroup && !finishPoint())
            return false;
        if (!seenGroups.insert(key))
            return fail(at, trMessage("Vigie::ExpositionParser",
                                      "the samples of one metric must be together: these labels of %1 "
                                      "appeared before another metric's samples")
                                .arg(viewText(family.name)));
        hasGroup = true;
        group = key;
        groupTimestamp = sample.timestampMs;
        groupSeries.clear();
        pointOpen = false;
    } else {
        if (sample.timestampMs.has_value() != groupTimestamp.has_value())
            return fail(at, trMessage("Vigie::ExpositionParser",
                                      "the samples of one metric must all have a timestamp or none"));
        if (groupTimestamp && *sample.timestampMs < *groupTimestamp && type != MetricType::Info)
            return fail(at, trMessage("Vigie::ExpositionParser", "timestamps went backwards within a metric"));
        if (sample.timestampMs != groupTimestamp && !finishPoint())
            return false;
    }
    quint64 series = hashBytes(sample.name, key);
    for (const ExpositionLabel &l : sample.labels)
        if (l.name == aside)
            series = hashBytes(l.value, series);
    if (!groupSeries.insert(series)) {
        if (!sample.timestampMs)
            return fail(at, trMessage("Vigie::ExpositionParser", "%1 repeats with the same labels and no timestamp")
                                .arg(viewText(sample.name)));
        if (sample.timestampMs == groupTimestamp) {
            keep = false; // the same point again (timestamps truncated): dropped, as the reference parser does
            return true;
        }
        groupSeries.clear();
        groupSeries.insert(series);
    }
    groupTimestamp = sample.timestampMs;

    if (!histogram)
        return true;
    if (!pointOpen) {
        pointOpen = true;
        pointLine = lineNumber;
        hasBucket = hasNegativeBucket = hasSum = hasGsum = hasNegativeGsum = false;
        lastBucket = -Inf;
        lastBucketValue = 0;
        count.reset();
    }
    if (suffix == "_bucket") {
        if (hasBucket && *threshold <= lastBucket)
            return fail(at,
                        trMessage("Vigie::ExpositionParser", "histogram buckets must be in increasing order of le"));
        if (v < lastBucketValue)
            return fail(at, trMessage("Vigie::ExpositionParser",
                                      "histogram buckets are cumulative: this one is below the previous"));
        hasBucket = true;
        lastBucket = *threshold;
        lastBucketValue = v;
        hasNegativeBucket = hasNegativeBucket || *threshold < 0;
    } else if (suffix == "_count" || suffix == "_gcount") {
        count = v;
    } else if (suffix == "_sum") {
        hasSum = true;
    } else if (suffix == "_gsum") {
        hasGsum = true;
        hasNegativeGsum = hasNegativeGsum || v < 0;
    }
    return true;
}

// The checks of a histogram's point once all its samples are in.
bool ExpositionParser::Private::finishPoint()
{
    if (!pointOpen)
        return true;
    pointOpen = false;
    const bool gauge = family.type == MetricType::GaugeHistogram;
    const QString name = viewText(family.name);
    if (!hasBucket || lastBucket != Inf)
        return failAtLine(pointLine,
                          trMessage("Vigie::ExpositionParser", "the histogram %1 has no +Inf bucket").arg(name));
    if (count && *count != lastBucketValue)
        return failAtLine(
            pointLine, trMessage("Vigie::ExpositionParser", "the count of %1 differs from its +Inf bucket").arg(name));
    if ((hasSum || hasGsum) && !count)
        return failAtLine(pointLine,
                          trMessage("Vigie::ExpositionParser", "%1 has a %2 but no %3")
                              .arg(name, gauge ? u"_gsum"_s : u"_sum"_s, gauge ? u"_gcount"_s : u"_count"_s));
    if (count && !hasSum && !hasGsum)
        return failAtLine(pointLine,
                          trMessage("Vigie::ExpositionParser", "%1 has a %2 but no %3")
                              .arg(name, gauge ? u"_gcount"_s : u"_count"_s, gauge ? u"_gsum"_s : u"_sum"_s));
    if (hasNegativeBucket && hasSum)
        return failAtLine(pointLine,
                          trMessage("Vigie::ExpositionParser", "a histogram with negative buckets cannot have a _sum"));
    if (!hasNegativeBucket && hasNegativeGsum)
        return failAtLine(pointLine, trMessage("Vigie::ExpositionParser", "a negative _gsum needs negative buckets"));
    return true;
}

} // namespace Vigie

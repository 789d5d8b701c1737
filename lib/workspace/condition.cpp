#include "condition.h"

#include "duration.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>
#include <QJsonValue>
#include <QRegularExpression>

#include <algorithm>
#include <array>
#include <cmath>
#include <compare>
#include <limits>

using namespace Qt::StringLiterals;

namespace Vigie {

namespace {

enum class Source {
    Status,
    ResponseTime,
    Body,
    Header,
    CertificateExpiration,
    Connected,
    Ip,
    DnsRcode,
    DnsAnswers,
    Value
};
enum class Function { None, Len, Has };
enum class Op { Eq, Ne, Lt, Le, Gt, Ge, Match, NotMatch };
enum class RightKind { Value, Pattern, AnyOf, Regex };

struct PlaceholderName
{
    QLatin1StringView name;
    Source source;
};

constexpr std::array<PlaceholderName, 10> placeholderNames{{
    {"[STATUS]"_L1, Source::Status},
    {"[RESPONSE_TIME]"_L1, Source::ResponseTime},
    {"[BODY]"_L1, Source::Body},
    {"[HEADER]"_L1, Source::Header},
    {"[CERTIFICATE_EXPIRATION]"_L1, Source::CertificateExpiration},
    {"[CONNECTED]"_L1, Source::Connected},
    {"[IP]"_L1, Source::Ip},
    {"[DNS_RCODE]"_L1, Source::DnsRcode},
    {"[DNS_ANSWERS]"_L1, Source::DnsAnswers},
    {"[VALUE]"_L1, Source::Value},
}};

struct OperatorName
{
    QLatin1StringView name;
    Op op;
};

// Two-character operators first, so that "<=" is not read as "<" followed by "=".
constexpr std::array<OperatorName, 8> operatorNames{{
    {"=="_L1, Op::Eq},
    {"!="_L1, Op::Ne},
    {"<="_L1, Op::Le},
    {">="_L1, Op::Ge},
    {"=~"_L1, Op::Match},
    {"!~"_L1, Op::NotMatch},
    {"<"_L1, Op::Lt},
    {">"_L1, Op::Gt},
}};

// Longer values are cut in failure messages: one line on a tile, not the whole body.
constexpr qsizetype shownValueChars = 80;

struct PathStep
{
    QString key;
    int index = -1; // an array element when >= 0
};

struct Literal
{
    QString text;
    std::optional<double> number;
    std::optional<double> milliseconds; // a number, or a duration such as 48h
    std::optional<bool> boolean;
    bool isNull = false;
};

// The parsed form of a condition, immutable once built and shared by every copy.
struct Form
{
    QString text;
    QString shown; // the text without surrounding spaces, for messages
    bool warning = false;

    Function function = Function::None;
    Source source = Source::Status;
    QList<PathStep> path;  // [BODY] only
    QByteArray headerName; // [HEADER] only, in lower case
    QString headerShown;   // [HEADER] only, as written
    QString leftText;      // as written: "[BODY].items", "len([BODY].items)"

    Op op = Op::Eq;
    RightKind rightKind = RightKind::Value;
    QList<Literal> literals;  // one for a value, several for any()
    QRegularExpression regex; // for =~, !~ and pat(), compiled at parse time
};

bool isDurationAware(const Form &form)
{
    return form.function == Function::None &&
           (form.source == Source::ResponseTime || form.source == Source::CertificateExpiration);
}

bool isNumeric(const Form &form)
{
    return form.function == Function::Len ||
           (form.function == Function::None &&
            (form.source == Source::Status || form.source == Source::ResponseTime ||
             form.source == Source::CertificateExpiration || form.source == Source::Value));
}

bool isOrdering(Op op)
{
    return op == Op::Lt || op == Op::Le || op == Op::Gt || op == Op::Ge;
}

std::optional<double> parseNumber(QStringView text)
{
    // QString::toDouble also reads "inf" and "nan", which are words here, not numbers.
    if (text.isEmpty() ||
        !(text.front().isDigit() || text.front() == u'-' || text.front() == u'+' || text.front() == u'.'))
        return std::nullopt;
    bool ok = false;
    const double value = text.toDouble(&ok);
    if (!ok || !std::isfinite(value))
        return std::nullopt;
    return value;
}

Literal makeLiteral(const QString &text, bool quoted)
{
    Literal literal;
    literal.text = text;
    if (quoted)
        return literal;
    if (text == "true"_L1)
        literal.boolean = true;
    else if (text == "false"_L1)
        literal.boolean = false;
    else if (text == "null"_L1)
        literal.isNull = true;
    literal.number = parseNumber(text);
    if (literal.number)
        literal.milliseconds = literal.number;
    else if (const auto duration = parseDuration(text))
        literal.milliseconds = double(duration->count());
    return literal;
}

// Edit distance, to suggest the placeholder a typo meant.
qsizetype distance(QStringView a, QStringView b)
{
    QList<qsizetype> previous(b.size() + 1);
    QList<qsizetype> current(b.size() + 1);
    for (qsizetype j = 0; j <= b.size(); ++j)
        previous[j] = j;
    for (qsizetype i = 1; i <= a.size(); ++i) {
        current[0] = i;
        for (qsizetype j = 1; j <= b.size(); ++j) {
            const qsizetype substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
            current[j] = std::min({previous[j] + 1, current[j - 1] + 1, substitution});
        }
        std::swap(previous, current);
    }
    return previous[b.size()];
}

QString closestPlaceholder(const QString &written)
{
    const QString upper = written.toUpper();
    QLatin1StringView best;
    qsizetype bestDistance = std::numeric_limits<qsizetype>::max();
    for (const PlaceholderName &candidate : placeholderNames) {
        const qsizetype d = distance(upper, QString(candidate.name));
        if (d < bestDistance) {
            best = candidate.name;
            bestDistance = d;
        }
    }
    return QString(best);
}

QString globToRegex(QStringView glob)
{
    QString pattern = u"\\A"_s;
    for (const QChar c : glob) {
        if (c == u'*')
            pattern += ".*"_L1;
        else if (c == u'?')
            pattern += u'.';
        else
            pattern += QRegularExpression::escape(QString(c));
    }
    return pattern + "\\z"_L1;
}

class Parser
{
public:
    explicit Parser(const QString &text)
        : m_text(text)
    {}

    bool parse(Form &form);
    Condition::ParseError error() const { return m_error; }

private:
    bool fail(qsizetype position, const QString &message)
    {
        m_error = Condition::ParseError{int(position) + 1, message};
        return false;
    }
    void skipSpaces()
    {
        while (m_pos < m_text.size() && m_text[m_pos].isSpace())
            ++m_pos;
    }
    bool atEnd() const { return m_pos >= m_text.size(); }
    bool lookingAt(QLatin1StringView word) const { return QStringView(m_text).sliced(m_pos).startsWith(word); }

    bool parseLeft(Form &form);
    bool parsePlaceholder(Form &form);
    bool parseOperator(Form &form);
    bool parseRight(Form &form);
    bool parseQuoted(qsizetype end, QString &out);
    bool parseAnyOf(Form &form, qsizetype open, qsizetype close);
    bool checkLiterals(const Form &form, qsizetype position);

    const QString &m_text;
    qsizetype m_pos = 0;
    Condition::ParseError m_error;
};

bool Parser::parse(Form &form)
{
    skipSpaces();
    if (atEnd())
        return fail(0, QCoreApplication::translate("Vigie::Condition", "the condition is empty"));
    return parseLeft(form) && parseOperator(form) && parseRight(form);
}

bool Parser::parseLeft(Form &form)
{
    const qsizetype start = m_pos;
    if (lookingAt("pat("_L1) || lookingAt("any("_L1)) {
        return fail(start,
                    QCoreApplication::translate(
                        "Vigie::Condition", "%1() goes on the right side of == or !=, as in [BODY].name == pat(api-*)")
                        .arg(m_text.mid(start, 3)));
    }
    if (lookingAt("len("_L1) || lookingAt("has("_L1)) {
        form.function = lookingAt("len("_L1) ? Function::Len : Function::Has;
        m_pos += 4;
        skipSpaces();
        if (atEnd() || m_text[m_pos] != u'[') {
            return fail(m_pos, QCoreApplication::translate("Vigie::Condition",
                                                           "%1() takes a placeholder, as in %1([BODY].items)")
                                   .arg(m_text.mid(start, 3)));
        }
        if (!parsePlaceholder(form))
            return false;
        skipSpaces();
        if (atEnd() || m_text[m_pos] != u')') {
            return fail(
                m_pos,
                QCoreApplication::translate("Vigie::Condition", "missing ) to close %1(").arg(m_text.mid(start, 3)));
        }
        ++m_pos;
        form.leftText = m_text.sliced(start, m_pos - start);
        if (form.function == Function::Len && (form.source == Source::Status || form.source == Source::ResponseTime ||
                                               form.source == Source::CertificateExpiration ||
                                               form.source == Source::Connected || form.source == Source::Value)) {
            return fail(start, QCoreApplication::translate(
                                   "Vigie::Condition",
                                   "len() measures [BODY], a [BODY] path, a [HEADER], [IP], [DNS_RCODE] or "
                                   "[DNS_ANSWERS], not %1")
                                   .arg(placeholderNames[size_t(form.source)].name));
        }
        if (form.function == Function::Has && form.source != Source::Body && form.source != Source::Header) {
            return fail(start, QCoreApplication::translate("Vigie::Condition",
                                                           "has() checks a [BODY] path or a [HEADER], not %1")
                                   .arg(placeholderNames[size_t(form.source)].name));
        }
        return true;
    }
    if (m_text[m_pos] != u'[') {
        return fail(start, QCoreApplication::translate(
                               "Vigie::Condition",
                               "a condition starts with a placeholder such as [STATUS] or [BODY].status, or with "
                               "len() or has()"));
    }
    if (!parsePlaceholder(form))
        return false;
    form.leftText = m_text.sliced(start, m_pos - start);
    return true;
}

bool Parser::parsePlaceholder(Form &form)
{
    const qsizetype start = m_pos;
    const qsizetype close = m_text.indexOf(u']', start);
    if (close < 0)
        return fail(start, QCoreApplication::translate("Vigie::Condition", "unterminated placeholder: missing ]"));
    const QString name = m_text.sliced(start, close - start + 1);
    const auto known = std::find_if(placeholderNames.cbegin(), placeholderNames.cend(),
                                    [&name](const PlaceholderName &p) { return p.name == name; });
    if (known == placeholderNames.cend()) {
        return fail(start, QCoreApplication::translate("Vigie::Condition", "unknown placeholder %1; did you mean %2?")
                               .arg(name, closestPlaceholder(name)));
    }
    form.source = known->source;
    m_pos = close + 1;

    // A path or a header name ends where an operator, a space or a closing parenthesis begins.
    const auto endOfName = [this] {
        qsizetype end = m_pos;
        while (end < m_text.size() && !m_text[end].isSpace() && !QStringView(u".[]()=!<>~,\"").contains(m_text[end]))
            ++end;
        return end;
    };

    if (form.source == Source::Header) {
        if (atEnd() || m_text[m_pos] != u'.') {
            return fail(m_pos, QCoreApplication::translate(
                                   "Vigie::Condition", "[HEADER] needs a header name, as in [HEADER].Content-Type"));
        }
        ++m_pos;
        const qsizetype end = endOfName();
        if (end == m_pos) {
            return fail(m_pos, QCoreApplication::translate(
                                   "Vigie::Condition", "[HEADER] needs a header name, as in [HEADER].Content-Type"));
        }
        form.headerShown = m_text.sliced(m_pos, end - m_pos);
        form.headerName = form.headerShown.toLower().toUtf8();
        m_pos = end;
        return true;
    }

    if (form.source != Source::Body) {
        if (!atEnd() && (m_text[m_pos] == u'.' || m_text[m_pos] == u'['))
            return fail(m_pos, QCoreApplication::translate("Vigie::Condition", "%1 takes no path").arg(name));
        return true;
    }

    while (!atEnd() && (m_text[m_pos] == u'.' || m_text[m_pos] == u'[')) {
        if (m_text[m_pos] == u'.') {
            ++m_pos;
            const qsizetype end = endOfName();
            if (end == m_pos) {
                return fail(m_pos, QCoreApplication::translate("Vigie::Condition",
                                                               "a name is missing in the JSON path after the dot"));
            }
            form.path.append(PathStep{m_text.sliced(m_pos, end - m_pos), -1});
            m_pos = end;
            continue;
        }
        const qsizetype open = m_pos;
        const qsizetype closeIndex = m_text.indexOf(u']', open);
        bool ok = false;
        const int index = closeIndex > open + 1 ? m_text.sliced(open + 1, closeIndex - open - 1).toInt(&ok) : -1;
        if (!ok || index < 0 || !m_text[open + 1].isDigit()) {
            return fail(open, QCoreApplication::translate(
                                  "Vigie::Condition",
                                  "an index in a JSON path is a number between brackets, as in [BODY].items[0]"));
        }
        form.path.append(PathStep{QString(), index});
        m_pos = closeIndex + 1;
    }
    return true;
}

bool Parser::parseOperator(Form &form)
{
    skipSpaces();
    for (const OperatorName &candidate : operatorNames) {
        if (lookingAt(candidate.name)) {
            form.op = candidate.op;
            m_pos += candidate.name.size();
            return true;
        }
    }
    if (!atEnd() && m_text[m_pos] == u'=') {
        return fail(m_pos, QCoreApplication::translate("Vigie::Condition",
                                                       "a single = is not an operator: write == to compare"));
    }
    return fail(m_pos, QCoreApplication::translate("Vigie::Condition",
                                                   "missing operator after %1: expected ==, !=, <, <=, >, >=, =~ or !~")
                           .arg(form.leftText));
}

// Reads a double-quoted string starting at m_pos up to `end`. Only \" is an escape: any other
// backslash stays, so that regular expressions read as they are written.
bool Parser::parseQuoted(qsizetype end, QString &out)
{
    const qsizetype open = m_pos;
    ++m_pos;
    while (m_pos < end) {
        const QChar c = m_text[m_pos];
        if (c == u'\\' && m_pos + 1 < end && m_text[m_pos + 1] == u'"') {
            out += u'"';
            m_pos += 2;
            continue;
        }
        if (c == u'"') {
            ++m_pos;
            return true;
        }
        out += c;
        ++m_pos;
    }
    return fail(open,
                QCoreApplication::translate("Vigie::Condition", "unterminated string: the closing \" is missing"));
}

bool Parser::parseAnyOf(Form &form, qsizetype open, qsizetype close)
{
    m_pos = open;
    while (true) {
        skipSpaces();
        const qsizetype itemStart = m_pos;
        if (m_pos < close && m_text[m_pos] == u'"') {
            QString value;
            if (!parseQuoted(close, value))
                return false;
            form.literals.append(makeLiteral(value, true));
            skipSpaces();
        } else {
            qsizetype end = m_pos;
            while (end < close && m_text[end] != u',')
                ++end;
            const QString value = m_text.sliced(m_pos, end - m_pos).trimmed();
            if (value.isEmpty())
                return fail(itemStart, QCoreApplication::translate("Vigie::Condition", "a value is missing in any()"));
            form.literals.append(makeLiteral(value, false));
            m_pos = end;
        }
        if (m_pos >= close)
            return true;
        if (m_text[m_pos] != u',') {
            return fail(m_pos,
                        QCoreApplication::translate("Vigie::Condition", "the values of any() are separated by commas"));
        }
        ++m_pos;
    }
}

bool Parser::parseRight(Form &form)
{
    skipSpaces();
    if (atEnd()) {
        return fail(m_pos, QCoreApplication::translate("Vigie::Condition", "a value is missing after %1")
                               .arg(m_text.sliced(0, m_pos).trimmed()));
    }
    const qsizetype start = m_pos;
    qsizetype end = m_text.size();
    while (end > start && m_text[end - 1].isSpace())
        --end;
    const bool equality = form.op == Op::Eq || form.op == Op::Ne;

    if (lookingAt("pat("_L1) || lookingAt("any("_L1)) {
        const QString function = m_text.sliced(start, 3);
        if (!equality) {
            return fail(
                start, QCoreApplication::translate("Vigie::Condition", "%1() only works with == and !=").arg(function));
        }
        if (m_text[end - 1] != u')') {
            return fail(end, QCoreApplication::translate("Vigie::Condition", "missing ) to close %1(").arg(function));
        }
        const qsizetype open = start + 4;
        const qsizetype close = end - 1;
        if (function == "any"_L1) {
            form.rightKind = RightKind::AnyOf;
            return parseAnyOf(form, open, close) && checkLiterals(form, open);
        }
        form.rightKind = RightKind::Pattern;
        m_pos = open;
        skipSpaces();
        QString glob;
        if (m_pos < close && m_text[m_pos] == u'"') {
            if (!parseQuoted(close, glob))
                return false;
            skipSpaces();
            if (m_pos < close) {
                return fail(m_pos,
                            QCoreApplication::translate("Vigie::Condition", "unexpected text after the closing quote"));
            }
        } else {
            glob = m_text.sliced(m_pos, close - m_pos).trimmed();
        }
        form.regex = QRegularExpression(globToRegex(glob), QRegularExpression::DotMatchesEverythingOption);
        form.regex.optimize();
        return true;
    }

    if (lookingAt("len("_L1) || lookingAt("has("_L1) ||
        std::any_of(placeholderNames.cbegin(), placeholderNames.cend(),
                    [this](const PlaceholderName &p) { return lookingAt(p.name); })) {
        return fail(
            start, QCoreApplication::translate(
                       "Vigie::Condition", "the right side is a value such as 200, UP or \"text\", not a placeholder"));
    }

    QString value;
    bool quoted = false;
    if (m_text[m_pos] == u'"') {
        if (!parseQuoted(end, value))
            return false;
        skipSpaces();
        if (m_pos < end) {
            return fail(m_pos,
                        QCoreApplication::translate("Vigie::Condition", "unexpected text after the closing quote"));
        }
        quoted = true;
    } else {
        value = m_text.sliced(start, end - start);
    }

    if (form.op == Op::Match || form.op == Op::NotMatch) {
        form.rightKind = RightKind::Regex;
        form.regex = QRegularExpression(value);
        if (!form.regex.isValid()) {
            const qsizetype offset = std::max(form.regex.patternErrorOffset(), qsizetype(0));
            return fail(start + (quoted ? 1 : 0) + offset,
                        QCoreApplication::translate("Vigie::Condition",
                                                    "the regular expression is not valid at character %1: %2")
                            .arg(offset + 1)
                            .arg(form.regex.errorString()));
        }
        // Compiled now, on the loading thread, so that matching on the probe thread does no work
        // but the match itself.
        form.regex.optimize();
        return true;
    }
    form.literals.append(makeLiteral(value, quoted));
    return checkLiterals(form, start);
}

// Catches at load time the comparisons that could never mean what they say.
bool Parser::checkLiterals(const Form &form, qsizetype position)
{
    for (const Literal &literal : form.literals) {
        if (form.function == Function::Has) {
            if (!(form.op == Op::Eq || form.op == Op::Ne) || !literal.boolean || form.rightKind != RightKind::Value) {
                return fail(position, QCoreApplication::translate(
                                          "Vigie::Condition",
                                          "has() is compared with true or false, as in has([BODY].id) == true"));
            }
            continue;
        }
        if (isOrdering(form.op) && (literal.boolean || literal.isNull)) {
            return fail(position, QCoreApplication::translate("Vigie::Condition",
                                                              "%1 cannot be ordered: compare it with == or !=")
                                      .arg(literal.text));
        }
        if (isDurationAware(form) && !literal.milliseconds) {
            return fail(position, QCoreApplication::translate(
                                      "Vigie::Condition",
                                      "%1 is a duration: compare it with a duration such as 48h, 30d or 1h30m, or "
                                      "with milliseconds, not \"%2\"")
                                      .arg(form.leftText, literal.text));
        }
        if (isNumeric(form) && !isDurationAware(form) && !literal.number) {
            return fail(position, QCoreApplication::translate("Vigie::Condition",
                                                              "%1 is a number: compare it with a number, not \"%2\"")
                                      .arg(form.leftText, literal.text));
        }
        if (form.function == Function::None && form.source == Source::Connected && !literal.boolean) {
            return fail(position,
                        QCoreApplication::translate("Vigie::Condition", "[CONNECTED] is compared with true or false"));
        }
    }
    return true;
}

// A value seen on the left side of a condition.
struct Value
{
    enum class Kind { Null, Bool, Number, Text, Structure };
    Kind kind = Kind::Null;
    double number = 0;
    bool boolean = false;
    QString text;             // as text, for text comparisons, regular expressions and messages
    bool mayBeNumber = false; // raw text (a header, the whole body) read as a number when it is one
    bool isDuration = false;  // number is milliseconds, shown as a duration
};

QString numberText(double number)
{
    if (std::floor(number) == number && std::abs(number) < 9e15)
        return QString::number(qint64(number));
    return QString::number(number, 'g', 15);
}

Value numberValue(double number, bool isDuration = false)
{
    Value value;
    value.kind = Value::Kind::Number;
    value.number = number;
    value.text = numberText(number);
    value.isDuration = isDuration;
    return value;
}

Value textValue(const QString &text, bool mayBeNumber)
{
    Value value;
    value.kind = Value::Kind::Text;
    value.text = text;
    value.mayBeNumber = mayBeNumber;
    return value;
}

Value boolValue(bool b)
{
    Value value;
    value.kind = Value::Kind::Bool;
    value.boolean = b;
    value.text = b ? u"true"_s : u"false"_s;
    return value;
}

Value jsonValue(const QJsonValue &json)
{
    switch (json.type()) {
    case QJsonValue::Bool:
        return boolValue(json.toBool());
    case QJsonValue::Double:
        return numberValue(json.toDouble());
    case QJsonValue::String:
        return textValue(json.toString(), false);
    case QJsonValue::Array:
    case QJsonValue::Object: {
        Value value;
        value.kind = Value::Kind::Structure;
        value.text = QString::fromUtf8(json.isArray() ? QJsonDocument(json.toArray()).toJson(QJsonDocument::Compact)
                                                      : QJsonDocument(json.toObject()).toJson(QJsonDocument::Compact));
        return value;
    }
    case QJsonValue::Null:
    case QJsonValue::Undefined:
        break;
    }
    Value value;
    value.text = u"null"_s;
    return value;
}

QString shortened(QString text)
{
    text.replace(u'\n', "\\n"_L1).replace(u'\r', "\\r"_L1).replace(u'\t', "\\t"_L1);
    if (text.size() > shownValueChars)
        text = text.left(shownValueChars - 1) + u'…';
    return text;
}

QString shown(const Value &value)
{
    switch (value.kind) {
    case Value::Kind::Text:
        return u'"' + shortened(value.text) + u'"';
    case Value::Kind::Number:
        if (value.isDuration) {
            // Certificates expire in days: beyond an hour, minutes are precision enough.
            const qint64 ms = qint64(std::llround(value.number));
            const qint64 unit = std::abs(ms) >= 3'600'000 ? 60'000 : 1;
            return formatDuration(std::chrono::milliseconds(ms / unit * unit));
        }
        return value.text;
    case Value::Kind::Structure:
        return shortened(value.text);
    case Value::Kind::Null:
    case Value::Kind::Bool:
        break;
    }
    return value.text;
}

std::optional<double> asNumber(const Value &value)
{
    if (value.kind == Value::Kind::Number)
        return value.number;
    if (value.kind == Value::Kind::Text && value.mayBeNumber)
        return parseNumber(QStringView(value.text).trimmed());
    return std::nullopt;
}

bool holds(std::partial_ordering order, Op op)
{
    switch (op) {
    case Op::Eq:
        return order == std::partial_ordering::equivalent;
    case Op::Ne:
        return order != std::partial_ordering::equivalent;
    case Op::Lt:
        return order == std::partial_ordering::less;
    case Op::Le:
        return order == std::partial_ordering::less || order == std::partial_ordering::equivalent;
    case Op::Gt:
        return order == std::partial_ordering::greater;
    case Op::Ge:
        return order == std::partial_ordering::greater || order == std::partial_ordering::equivalent;
    case Op::Match:
    case Op::NotMatch:
        break;
    }
    return false;
}

bool compare(const Value &value, Op op, const Literal &literal, bool durationAware)
{
    if (literal.isNull)
        return holds(
            value.kind == Value::Kind::Null ? std::partial_ordering::equivalent : std::partial_ordering::unordered, op);
    if (literal.boolean && value.kind == Value::Kind::Bool)
        return holds(value.boolean == *literal.boolean ? std::partial_ordering::equivalent
                                                       : std::partial_ordering::unordered,
                     op);
    const std::optional<double> right = durationAware ? literal.milliseconds : literal.number;
    if (const std::optional<double> left = asNumber(value); left && right)
        return holds(*left <=> *right, op);
    return holds(QString::compare(value.text, literal.text) <=> 0, op);
}

bool test(const Form &form, const Value &value)
{
    switch (form.rightKind) {
    case RightKind::Regex:
        return form.regex.match(value.text).hasMatch() == (form.op == Op::Match);
    case RightKind::Pattern:
        return form.regex.match(value.text).hasMatch() == (form.op == Op::Eq);
    case RightKind::AnyOf: {
        const bool any = std::any_of(form.literals.cbegin(), form.literals.cend(), [&](const Literal &literal) {
            return compare(value, Op::Eq, literal, isDurationAware(form));
        });
        return any == (form.op == Op::Eq);
    }
    case RightKind::Value:
        break;
    }
    return compare(value, form.op, form.literals.constFirst(), isDurationAware(form));
}

QString pathText(const QList<PathStep> &path, qsizetype count)
{
    QString text;
    for (qsizetype i = 0; i < count; ++i) {
        const PathStep &step = path.at(i);
        if (step.index >= 0)
            text += u'[' + QString::number(step.index) + u']';
        else
            text += (text.isEmpty() ? QString() : u"."_s) + step.key;
    }
    return text;
}

} // namespace

struct Condition::Parsed : Form
{
};

struct Condition::Body
{
    explicit Body(const QByteArray *bytes)
        : bytes(bytes)
    {}

    const QString &text()
    {
        if (!m_text)
            m_text = QString::fromUtf8(*bytes);
        return *m_text;
    }
    const QJsonDocument &json()
    {
        if (!m_parsed) {
            m_parsed = true;
            m_json = QJsonDocument::fromJson(*bytes, &m_error);
        }
        return m_json;
    }
    // Why the body is not JSON, for messages; empty when it is.
    Message jsonError()
    {
        json();
        if (m_error.error == QJsonParseError::NoError)
            return {};
        if (bytes->trimmed().isEmpty())
            return trMessage("Vigie::Condition", "the body is empty");
        const QByteArray before = bytes->left(m_error.offset);
        const qsizetype line = before.count('\n') + 1;
        const qsizetype column = m_error.offset - (before.lastIndexOf('\n') + 1) + 1;
        return trMessage("Vigie::Condition", "the body is not JSON (line %1, column %2: %3)")
            .arg(line)
            .arg(column)
            .arg(m_error.errorString());
    }

    const QByteArray *bytes;

private:
    std::optional<QString> m_text;
    bool m_parsed = false;
    QJsonDocument m_json;
    QJsonParseError m_error{};
};

Condition::Condition() = default;

std::expected<Condition, Condition::ParseError> Condition::parse(const QString &text, bool warning)
{
    auto parsed = std::make_shared<Parsed>();
    Parser parser(text);
    if (!parser.parse(*parsed))
        return std::unexpected(parser.error());
    parsed->text = text;
    parsed->shown = text.trimmed();
    parsed->warning = warning;
    Condition condition;
    condition.d = std::move(parsed);
    return condition;
}

QString Condition::text() const
{
    return d ? d->text : QString();
}

bool Condition::isWarning() const
{
    return d && d->warning;
}

Condition::Outcome Condition::evaluate(const ConditionContext &context) const
{
    Body body(context.body);
    return evaluate(context, body);
}

Condition::Outcome Condition::evaluate(const ConditionContext &context, Body &body) const
{
    if (!d)
        return {true, {}};
    const Form &form = *d;
    const auto failed = [&form](const Message &reason) {
        return Outcome{false, trMessage("Vigie::Condition", "%1 failed: %2").arg(form.shown).arg(reason)};
    };
    const auto unavailable = [&] {
        return failed(trMessage("Vigie::Condition", "%1 is not available for this probe")
                          .arg(QString(placeholderNames[size_t(form.source)].name)));
    };
    const auto judge = [&](const Value &value) {
        if (test(form, value))
            return Outcome{true, {}};
        return failed(trMessage("Vigie::Condition", "%1 was %2").arg(form.leftText, shown(value)));
    };

    switch (form.source) {
    case Source::Status:
        return context.status ? judge(numberValue(*context.status)) : unavailable();
    case Source::ResponseTime:
        return context.responseTimeMs ? judge(numberValue(*context.responseTimeMs, true)) : unavailable();
    case Source::CertificateExpiration:
        return context.certificateExpiresInMs ? judge(numberValue(double(*context.certificateExpiresInMs), true))
                                              : unavailable();
    case Source::Value:
        return context.value ? judge(numberValue(*context.value)) : unavailable();
    case Source::Connected:
        return context.connected ? judge(boolValue(*context.connected)) : unavailable();
    case Source::Ip:
        if (!context.ip)
            return unavailable();
        return judge(form.function == Function::Len ? numberValue(double(context.ip->size()))
                                                    : textValue(*context.ip, false));
    case Source::DnsRcode:
        if (!context.dnsRcode)
            return unavailable();
        return judge(form.function == Function::Len ? numberValue(double(context.dnsRcode->size()))
                                                    : textValue(*context.dnsRcode, false));
    case Source::DnsAnswers: {
        if (context.dnsAnswers.isEmpty() && !context.dnsRcode)
            return unavailable();
        if (form.function == Function::Len)
            return judge(numberValue(double(context.dnsAnswers.size())));
        for (const QString &answer : context.dnsAnswers)
            if (test(form, textValue(answer, true)))
                return {true, {}};
        if (context.dnsAnswers.isEmpty())
            return failed(trMessage("Vigie::Condition", "there were no DNS answers"));
        return failed(trMessage("Vigie::Condition", "%1 were %2")
                          .arg(form.leftText, shortened(context.dnsAnswers.join(", "_L1))));
    }
    case Source::Header: {
        const auto it = context.headers.constFind(form.headerName);
        if (form.function == Function::Has)
            return judge(boolValue(it != context.headers.cend()));
        if (it == context.headers.cend()) {
            return failed(trMessage("Vigie::Condition", "the response has no %1 header").arg(form.headerShown));
        }
        const QString value = QString::fromUtf8(it.value());
        return judge(form.function == Function::Len ? numberValue(double(value.size())) : textValue(value, true));
    }
    case Source::Body:
        break;
    }

    if (!context.body)
        return unavailable();
    if (form.path.isEmpty()) {
        if (form.function == Function::Has)
            return judge(boolValue(!context.body->isEmpty()));
        if (form.function == Function::Len)
            return judge(numberValue(double(context.body->size())));
        return judge(textValue(body.text(), true));
    }

    const QJsonDocument &document = body.json();
    if (document.isNull()) {
        if (form.function == Function::Has)
            return judge(boolValue(false));
        return failed(body.jsonError());
    }
    QJsonValue current = document.isArray() ? QJsonValue(document.array()) : QJsonValue(document.object());
    for (qsizetype i = 0; i < form.path.size(); ++i) {
        const PathStep &step = form.path.at(i);
        QJsonValue next = QJsonValue::Undefined;
        if (step.index >= 0 && current.isArray() && step.index < current.toArray().size())
            next = current.toArray().at(step.index);
        else if (step.index < 0 && current.isObject())
            next = current.toObject().value(step.key);
        if (next.isUndefined()) {
            if (form.function == Function::Has)
                return judge(boolValue(false));
            return failed(trMessage("Vigie::Condition", "the body has no \"%1\"").arg(pathText(form.path, i + 1)));
        }
        current = next;
    }
    if (form.function == Function::Has)
        return judge(boolValue(true));
    if (form.function == Function::Len) {
        if (current.isArray())
            return judge(numberValue(double(current.toArray().size())));
        if (current.isObject())
            return judge(numberValue(double(current.toObject().size())));
        return judge(numberValue(double(jsonValue(current).text.size())));
    }
    return judge(jsonValue(current));
}

ConditionsVerdict evaluateConditions(const QList<Condition> &conditions, const ConditionContext &context)
{
    ConditionsVerdict verdict;
    Condition::Body body(context.body);
    for (const Condition &condition : conditions) {
        const Condition::Outcome outcome = condition.evaluate(context, body);
        if (outcome.ok)
            continue;
        if (condition.isWarning())
            verdict.failedWarnings.append(outcome.message);
        else
            verdict.failedCritical.append(outcome.message);
    }
    return verdict;
}

} // namespace Vigie

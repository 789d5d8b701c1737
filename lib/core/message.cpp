#include "message.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonValue>
#include <QList>
#include <QLocale>
#include <QSharedData>
#include <QStringList>

#include <optional>

#include <algorithm>
#include <cstring>

using namespace Qt::StringLiterals;

namespace Vigie {

namespace {

// Starts a coded message in a text column. A control character that no sentence of ours starts
// with; a verbatim text that happens to start with it is coded too, so that it reads back as it was.
constexpr QChar storedMarker = QChar(0x1e);
constexpr int storedVersion = 1;

QByteArray literal(const char *text)
{
    return text ? QByteArray::fromRawData(text, qsizetype(std::strlen(text))) : QByteArray();
}

} // namespace

struct MessageArg
{
    enum class Type { Text, Integer, Number, Nested };
    Type type = Type::Text;
    QString text;
    qint64 integer = 0;
    double number = 0;
    int precision = 0;
    char format = 'f';
    Message nested;
    friend bool operator==(const MessageArg &, const MessageArg &) = default;
};

class Message::Data : public QSharedData
{
public:
    bool translatable = false;
    QString text; // verbatim
    QByteArray context;
    QByteArray source;
    QByteArray disambiguation;
    int n = -1;
    QList<MessageArg> args;
    // joined(): text is the separator.
    QList<Message> parts;

    friend bool operator==(const Data &a, const Data &b)
    {
        return a.translatable == b.translatable && a.text == b.text && a.context == b.context && a.source == b.source &&
               a.disambiguation == b.disambiguation && a.n == b.n && a.args == b.args && a.parts == b.parts;
    }
};

namespace {

// The arguments in place of %1, %2... (or %L1...) of `pattern`, in one pass: the lowest number
// present takes the first argument, as QString::arg does; numbers beyond the arguments stay.
QString substitute(const QString &pattern, const QList<QString> &args)
{
    if (args.isEmpty())
        return pattern;
    struct Place
    {
        qsizetype start;
        qsizetype end;
        int number;
    };
    QList<Place> places;
    for (qsizetype i = 0; i < pattern.size(); ++i) {
        if (pattern.at(i) != u'%')
            continue;
        qsizetype j = i + 1;
        if (j < pattern.size() && pattern.at(j) == u'L')
            ++j;
        int number = 0;
        qsizetype digits = 0;
        while (j < pattern.size() && digits < 2 && pattern.at(j).isDigit()) {
            number = number * 10 + pattern.at(j).digitValue();
            ++j;
            ++digits;
        }
        if (digits == 0 || number == 0)
            continue;
        places.append({i, j, number});
        i = j - 1;
    }
    QList<int> numbers;
    for (const Place &place : places)
        numbers.append(place.number);
    std::sort(numbers.begin(), numbers.end());
    numbers.erase(std::unique(numbers.begin(), numbers.end()), numbers.end());

    QString out;
    out.reserve(pattern.size() + 32);
    qsizetype from = 0;
    for (const Place &place : places) {
        const auto rank = std::lower_bound(numbers.cbegin(), numbers.cend(), place.number) - numbers.cbegin();
        if (rank >= args.size())
            continue;
        out += QStringView(pattern).sliced(from, place.start - from);
        out += args.at(rank);
        from = place.end;
    }
    out += QStringView(pattern).sliced(from);
    return out;
}

QString render(const Message::Data *d, bool translated);

QString renderArg(const MessageArg &arg, bool translated)
{
    switch (arg.type) {
    case MessageArg::Type::Text:
        return arg.text;
    case MessageArg::Type::Integer:
        return QString::number(arg.integer);
    case MessageArg::Type::Number:
        return translated ? QLocale().toString(arg.number, arg.format, arg.precision)
                          : QString::number(arg.number, arg.format, arg.precision);
    case MessageArg::Type::Nested:
        return translated ? arg.nested.toString() : arg.nested.toSourceString();
    }
    return {};
}

QString render(const Message::Data *d, bool translated)
{
    if (!d)
        return {};
    if (!d->parts.isEmpty()) {
        QStringList parts;
        for (const Message &part : d->parts)
            parts.append(translated ? part.toString() : part.toSourceString());
        return parts.join(d->text);
    }
    if (!d->translatable)
        return d->text;
    QString pattern;
    if (translated) {
        pattern =
            QCoreApplication::translate(d->context.constData(), d->source.constData(),
                                        d->disambiguation.isEmpty() ? nullptr : d->disambiguation.constData(), d->n);
    } else {
        pattern = QString::fromUtf8(d->source);
        if (d->n >= 0) {
            pattern.replace(u"%Ln"_s, QString::number(d->n));
            pattern.replace(u"%n"_s, QString::number(d->n));
        }
    }
    QList<QString> args;
    args.reserve(d->args.size());
    for (const MessageArg &arg : d->args)
        args.append(renderArg(arg, translated));
    return substitute(pattern, args);
}

} // namespace

Message::Message() = default;
Message::~Message() = default;
Message::Message(const Message &other) = default;
Message &Message::operator=(const Message &other) = default;
Message::Message(Data *data)
    : d(data)
{}

Message Message::verbatim(const QString &text)
{
    auto *data = new Data;
    data->text = text;
    return Message(data);
}

Message Message::translatable(const char *context, const char *source, const char *disambiguation, int n)
{
    auto *data = new Data;
    data->translatable = true;
    data->context = literal(context);
    data->source = literal(source);
    data->disambiguation = literal(disambiguation);
    data->n = n;
    return Message(data);
}

Message Message::joined(const QList<Message> &parts, const QString &separator)
{
    if (parts.isEmpty())
        return {};
    if (parts.size() == 1)
        return parts.constFirst();
    auto *data = new Data;
    data->text = separator;
    data->parts = parts;
    return Message(data);
}

Message Message::withArg(const MessageArg &arg) const
{
    Message copy = d ? *this : verbatim({});
    copy.d.detach();
    copy.d->args.append(arg);
    return copy;
}

Message Message::arg(const QString &text) const
{
    MessageArg a;
    a.text = text;
    return withArg(a);
}

Message Message::arg(const Message &nested) const
{
    MessageArg a;
    a.type = MessageArg::Type::Nested;
    a.nested = nested;
    return withArg(a);
}

Message Message::argInteger(qint64 number) const
{
    MessageArg a;
    a.type = MessageArg::Type::Integer;
    a.integer = number;
    return withArg(a);
}

Message Message::argNumber(double value, int precision, char format) const
{
    MessageArg a;
    a.type = MessageArg::Type::Number;
    a.number = value;
    a.precision = precision;
    a.format = format;
    return withArg(a);
}

bool Message::isEmpty() const
{
    return !d || (d->translatable ? d->source.isEmpty() : d->text.isEmpty() && d->parts.isEmpty());
}

bool Message::isVerbatim() const
{
    return !d || (!d->translatable && d->parts.isEmpty());
}

QString Message::toString() const
{
    return render(d.data(), true);
}

QString Message::toSourceString() const
{
    return render(d.data(), false);
}

QJsonObject Message::toJson(const Message &message)
{
    QJsonObject object;
    const Data *md = message.d.data();
    if (md && !md->parts.isEmpty()) {
        QJsonArray parts;
        for (const Message &part : md->parts)
            parts.append(toJson(part));
        object.insert("j"_L1, parts);
        object.insert("t"_L1, md->text);
        return object;
    }
    if (!md || !md->translatable) {
        object.insert("t"_L1, md ? md->text : QString());
        return object;
    }
    object.insert("c"_L1, QString::fromUtf8(md->context));
    object.insert("s"_L1, QString::fromUtf8(md->source));
    if (!md->disambiguation.isEmpty())
        object.insert("d"_L1, QString::fromUtf8(md->disambiguation));
    if (md->n >= 0)
        object.insert("n"_L1, md->n);
    if (!md->args.isEmpty()) {
        QJsonArray args;
        for (const MessageArg &arg : md->args) {
            switch (arg.type) {
            case MessageArg::Type::Text:
                args.append(arg.text);
                break;
            case MessageArg::Type::Integer:
                args.append(QJsonObject{{"i"_L1, arg.integer}});
                break;
            case MessageArg::Type::Number:
                args.append(QJsonObject{
                    {"f"_L1, arg.number}, {"p"_L1, arg.precision}, {"x"_L1, QString(QChar::fromLatin1(arg.format))}});
                break;
            case MessageArg::Type::Nested:
                args.append(QJsonObject{{"m"_L1, toJson(arg.nested)}});
                break;
            }
        }
        object.insert("a"_L1, args);
    }
    return object;
}

std::optional<Message> Message::fromJson(const QJsonObject &object, int depth)
{
    if (depth > 16)
        return std::nullopt;
    if (object.value("j"_L1).isArray()) {
        QList<Message> parts;
        for (const QJsonValue &value : object.value("j"_L1).toArray()) {
            const auto part = fromJson(value.toObject(), depth + 1);
            if (!part)
                return std::nullopt;
            parts.append(*part);
        }
        return joined(parts, object.value("t"_L1).toString());
    }
    if (object.contains("t"_L1))
        return verbatim(object.value("t"_L1).toString());
    const QJsonValue context = object.value("c"_L1);
    const QJsonValue source = object.value("s"_L1);
    if (!context.isString() || !source.isString())
        return std::nullopt;
    auto *data = new Data;
    Message message(data);
    data->translatable = true;
    data->context = context.toString().toUtf8();
    data->source = source.toString().toUtf8();
    data->disambiguation = object.value("d"_L1).toString().toUtf8();
    data->n = object.contains("n"_L1) ? object.value("n"_L1).toInt(-1) : -1;
    for (const QJsonValue &value : object.value("a"_L1).toArray()) {
        MessageArg arg;
        if (value.isString()) {
            arg.text = value.toString();
        } else if (const QJsonObject a = value.toObject(); a.contains("i"_L1)) {
            arg.type = MessageArg::Type::Integer;
            arg.integer = a.value("i"_L1).toInteger();
        } else if (a.contains("f"_L1)) {
            arg.type = MessageArg::Type::Number;
            arg.number = a.value("f"_L1).toDouble();
            arg.precision = std::clamp(a.value("p"_L1).toInt(), 0, 17);
            const QString format = a.value("x"_L1).toString();
            arg.format = format.size() == 1 && QByteArrayView("eEfgG").contains(format.at(0).toLatin1())
                             ? format.at(0).toLatin1()
                             : 'f';
        } else if (a.value("m"_L1).isObject()) {
            const auto nested = fromJson(a.value("m"_L1).toObject(), depth + 1);
            if (!nested)
                return std::nullopt;
            arg.type = MessageArg::Type::Nested;
            arg.nested = *nested;
        } else {
            return std::nullopt;
        }
        data->args.append(arg);
    }
    return message;
}

QString Message::toStored() const
{
    if (!d)
        return {};
    if (!d->translatable && d->parts.isEmpty() && !d->text.startsWith(storedMarker))
        return d->text;
    QJsonObject object = toJson(*this);
    object.insert("v"_L1, storedVersion);
    return storedMarker + QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact));
}

Message Message::fromStored(const QString &stored)
{
    if (stored.isEmpty())
        return {};
    if (!stored.startsWith(storedMarker))
        return verbatim(stored);
    const QJsonDocument document = QJsonDocument::fromJson(QStringView(stored).sliced(1).toUtf8());
    // A version this build does not know, or a damaged value, is shown as it is rather than lost.
    if (!document.isObject() || document.object().value("v"_L1).toInt() != storedVersion)
        return verbatim(stored.sliced(1));
    if (auto message = fromJson(document.object(), 0))
        return *message;
    return verbatim(stored.sliced(1));
}

bool operator==(const Message &a, const Message &b)
{
    if (a.d == b.d)
        return true;
    if (a.isEmpty() && b.isEmpty())
        return true;
    if (!a.d || !b.d)
        return false;
    return *a.d == *b.d;
}

} // namespace Vigie

#pragma once

#include <QExplicitlySharedDataPointer>
#include <QList>
#include <QMetaType>
#include <QString>

#include <chrono>
#include <optional>
#include <type_traits>

class QJsonObject;

namespace Vigie {

struct MessageArg; // message.cpp

// A text for people that is kept and shown later, perhaps in another language: a probe's error, a
// result's detail, an event's cause. It holds what to translate (the tr context, the English
// source, a disambiguation, a plural count) and its arguments, typed, so that toString()
// translates it and formats its numbers when it is shown, in the display language and locale: a
// log recorded by an English `vigie watch` reads in French in a French console.
//
// Make one with trMessage(), which lupdate reads as QCoreApplication::translate():
//     trMessage("Vigie::HttpProber", "connection refused by %1").arg(where)
// Arguments take the place of %1, %2... in the translated text, the lowest number first, in one
// pass (text inside an argument is never read as a placeholder):
// - text, shown verbatim: host names, a server's own words, a workspace's names;
// - an integer, shown with no group separator (a status code, a port, a count);
// - a decimal (argNumber), in the display locale: "4.0" in English, "4,0" in French;
// - another message, translated in turn.
// A verbatim message is shown as it is: a server's text, or a sentence stored by a Vigie that
// kept sentences.
//
// Cheap to copy (implicitly shared); a value type that crosses threads.
class Message
{
public:
    Message();
    ~Message();
    Message(const Message &other);
    Message &operator=(const Message &other);

    static Message verbatim(const QString &text);
    // The strings must outlive the program (string literals); see trMessage().
    static Message translatable(const char *context, const char *source, const char *disambiguation = nullptr,
                                int n = -1);

    // The parts one after the other, with `separator` between them ("; ", ", "), each translated
    // when shown.
    static Message joined(const QList<Message> &parts, const QString &separator);

    [[nodiscard]] Message arg(const QString &text) const;
    [[nodiscard]] Message arg(const QString &a1, const QString &a2) const { return arg(a1).arg(a2); }
    [[nodiscard]] Message arg(const QString &a1, const QString &a2, const QString &a3) const
    {
        return arg(a1).arg(a2).arg(a3);
    }
    [[nodiscard]] Message arg(const QString &a1, const QString &a2, const QString &a3, const QString &a4) const
    {
        return arg(a1).arg(a2).arg(a3).arg(a4);
    }
    [[nodiscard]] Message arg(const Message &nested) const;
    // Any integer type (int, qsizetype, long...), shown as QString::number does.
    template<typename Integer>
    requires std::is_integral_v<Integer> &&(!std::is_same_v<Integer, bool>)&&(!std::is_same_v<Integer, char>)
        [[nodiscard]] Message arg(Integer number) const
    {
        return argInteger(qint64(number));
    }
    // A decimal in the display locale, formatted as QLocale::toString(value, format, precision).
    [[nodiscard]] Message argNumber(double value, int precision, char format = 'f') const;
    // Seconds with one decimal, as formatSeconds() shows them ("timed out after %1 s").
    [[nodiscard]] Message argSeconds(double seconds) const { return argNumber(seconds, 1); }
    [[nodiscard]] Message argSeconds(std::chrono::milliseconds duration) const
    {
        return argNumber(double(duration.count()) / 1000.0, 1);
    }

    bool isEmpty() const;
    bool isVerbatim() const;
    // Translated with the translators installed now, numbers in QLocale().
    QString toString() const;
    // Untranslated (the English source), numbers in the C locale: for logs and tests that need
    // a stable text.
    QString toSourceString() const;

    // The form kept in a text column: a verbatim message as its text (what a store written before
    // messages were coded holds), a translatable one coded (a marker, then JSON with a version).
    QString toStored() const;
    // Reads toStored()'s form; any other text is verbatim.
    static Message fromStored(const QString &stored);

    friend bool operator==(const Message &a, const Message &b);
    friend bool operator!=(const Message &a, const Message &b) { return !(a == b); }

    class Data;

private:
    explicit Message(Data *data);
    Message argInteger(qint64 number) const;
    Message withArg(const MessageArg &arg) const;
    static QJsonObject toJson(const Message &message);
    static std::optional<Message> fromJson(const QJsonObject &object, int depth);
    QExplicitlySharedDataPointer<Data> d;
};

// lupdate reads it as QCoreApplication::translate() (app/CMakeLists.txt, -tr-function-alias).
inline Message trMessage(const char *context, const char *source, const char *disambiguation = nullptr, int n = -1)
{
    return Message::translatable(context, source, disambiguation, n);
}

} // namespace Vigie

Q_DECLARE_METATYPE(Vigie::Message)

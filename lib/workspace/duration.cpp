#include "duration.h"

#include <array>
#include <limits>

using namespace Qt::StringLiterals;

namespace Vigie {

namespace {

struct Unit
{
    QLatin1StringView name;
    qint64 milliseconds;
};

// Largest first: a duration names its units in this order, each at most once, so that "1m30s" has
// a single reading and "30s1m" is rejected as a likely typo.
constexpr std::array<Unit, 5> units{{
    {"d"_L1, 24 * 60 * 60 * 1000},
    {"h"_L1, 60 * 60 * 1000},
    {"m"_L1, 60 * 1000},
    {"s"_L1, 1000},
    {"ms"_L1, 1},
}};

bool isDigit(QChar c)
{
    return c >= u'0' && c <= u'9';
}

} // namespace

std::optional<std::chrono::milliseconds> parseDuration(QStringView text)
{
    if (text.isEmpty())
        return std::nullopt;

    qint64 total = 0;
    qsizetype previousUnit = -1;
    qsizetype i = 0;
    const qsizetype n = text.size();
    while (i < n) {
        qint64 whole = 0;
        const qsizetype wholeStart = i;
        for (; i < n && isDigit(text[i]); ++i) {
            if (__builtin_mul_overflow(whole, qint64(10), &whole) ||
                __builtin_add_overflow(whole, qint64(text[i].unicode() - u'0'), &whole))
                return std::nullopt;
        }
        if (i == wholeStart)
            return std::nullopt;

        qint64 fraction = 0;
        qint64 scale = 1;
        if (i < n && text[i] == u'.') {
            ++i;
            const qsizetype fractionStart = i;
            qsizetype fractionEnd = i;
            while (fractionEnd < n && isDigit(text[fractionEnd]))
                ++fractionEnd;
            if (fractionEnd == fractionStart)
                return std::nullopt;
            // Trailing zeros add no precision; without them a long fraction can still be exact.
            qsizetype significantEnd = fractionEnd;
            while (significantEnd > fractionStart && text[significantEnd - 1] == u'0')
                --significantEnd;
            for (qsizetype k = fractionStart; k < significantEnd; ++k) {
                if (__builtin_mul_overflow(fraction, qint64(10), &fraction) ||
                    __builtin_add_overflow(fraction, qint64(text[k].unicode() - u'0'), &fraction) ||
                    __builtin_mul_overflow(scale, qint64(10), &scale))
                    return std::nullopt;
            }
            i = fractionEnd;
        }

        // The longest name wins, so that "ms" is not read as minutes followed by garbage.
        qsizetype unit = -1;
        for (qsizetype u = 0; u < qsizetype(units.size()); ++u) {
            if (text.sliced(i).startsWith(units[size_t(u)].name) &&
                (unit < 0 || units[size_t(u)].name.size() > units[size_t(unit)].name.size()))
                unit = u;
        }
        if (unit >= 0)
            i += units[size_t(unit)].name.size();
        if (unit < 0 || unit <= previousUnit)
            return std::nullopt;
        previousUnit = unit;

        const qint64 perUnit = units[size_t(unit)].milliseconds;
        qint64 part = 0;
        qint64 fractionMs = 0;
        if (__builtin_mul_overflow(whole, perUnit, &part) || __builtin_mul_overflow(fraction, perUnit, &fractionMs))
            return std::nullopt;
        if (fractionMs % scale != 0)
            return std::nullopt; // finer than a millisecond
        if (__builtin_add_overflow(part, fractionMs / scale, &part) || __builtin_add_overflow(total, part, &total))
            return std::nullopt;
    }
    return std::chrono::milliseconds(total);
}

QString formatDuration(std::chrono::milliseconds duration)
{
    qint64 ms = duration.count();
    if (ms == 0)
        return u"0s"_s;
    if (ms == std::numeric_limits<qint64>::min())
        return QString::number(ms) + u"ms";
    if (ms < 0)
        return u'-' + formatDuration(std::chrono::milliseconds(-ms));
    if (ms < 1000)
        return QString::number(ms) + u"ms";

    QString out;
    for (const Unit &unit : units) {
        if (unit.milliseconds < 1000)
            break;
        const qint64 count = ms / unit.milliseconds;
        ms %= unit.milliseconds;
        if (unit.milliseconds == 1000 && (count > 0 || ms > 0)) {
            out += QString::number(count);
            if (ms > 0) {
                QString fraction = u"%1"_s.arg(ms, 3, 10, QChar(u'0'));
                while (fraction.endsWith(u'0'))
                    fraction.chop(1);
                out += u'.' + fraction;
            }
            out += u's';
        } else if (count > 0) {
            out += QString::number(count) + unit.name;
        }
    }
    return out;
}

} // namespace Vigie

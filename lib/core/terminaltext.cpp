#include "terminaltext.h"

#include <algorithm>

using namespace Qt::StringLiterals;

namespace Vigie {

namespace {

bool isControl(char16_t c)
{
    return (c < 0x20 && c != u'\n' && c != u'\t') || (c >= 0x7f && c <= 0x9f);
}

} // namespace

QString terminalSafe(const QString &text)
{
    const auto firstControl = std::find_if(text.cbegin(), text.cend(), [](QChar c) { return isControl(c.unicode()); });
    if (firstControl == text.cend())
        return text;
    QString safe;
    safe.reserve(text.size() + 8);
    for (const QChar c : text) {
        if (isControl(c.unicode()))
            safe += u"\\x%1"_s.arg(c.unicode(), 2, 16, QChar(u'0'));
        else
            safe += c;
    }
    return safe;
}

} // namespace Vigie

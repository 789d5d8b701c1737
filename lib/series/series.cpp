#include "series.h"

#include <algorithm>

using namespace Qt::StringLiterals;

namespace Vigie {

QString seriesName(const QString &metric, QList<SeriesLabel> labels)
{
    if (labels.isEmpty())
        return metric;
    std::ranges::sort(labels, {}, &SeriesLabel::first);
    QString name = metric + u'{';
    bool first = true;
    for (const auto &[label, value] : std::as_const(labels)) {
        if (!first)
            name += u',';
        first = false;
        name += label + u"=\""_s;
        for (QChar c : value) {
            if (c == u'\\')
                name += u"\\\\"_s;
            else if (c == u'"')
                name += u"\\\""_s;
            else if (c == u'\n')
                name += u"\\n"_s;
            else
                name += c;
        }
        name += u'"';
    }
    name += u'}';
    return name;
}

} // namespace Vigie

#include "publiccopy.h"

#include <QCoreApplication>
#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace Vigie {

namespace {

// Sites keep a text as they like at the ends of its lines (Statuspage trims, the JSON of the
// static site does not): only what a reader sees counts.
QString normalized(const QString &text)
{
    static const QRegularExpression trailing(u"[ \\t]+(?=\\n|$)"_s);
    QString out = text;
    out.replace(u"\r\n"_s, u"\n"_s);
    out.remove(trailing);
    return out.trimmed();
}

} // namespace

QStringList publicCopyDifferences(const Notice &notice, const PublicCopy &copy)
{
    QStringList differences;
    if (!copy.error.isEmpty())
        return {copy.error};
    if (copy.title.trimmed() != notice.title.trimmed())
        differences.append(
            QCoreApplication::translate("Vigie::PublicCopy", "the title differs: the site shows \u201c%1\u201d")
                .arg(copy.title));
    if (copy.status != notice.status)
        differences.append(
            QCoreApplication::translate("Vigie::PublicCopy",
                                        "the site shows the status \u201c%1\u201d, the notice \u201c%2\u201d")
                .arg(noticeStatusText(copy.status), noticeStatusText(notice.status)));
    if (copy.updates.size() != notice.updates.size())
        differences.append(
            QCoreApplication::translate("Vigie::PublicCopy", "the site shows %1 updates, the notice has %2")
                .arg(copy.updates.size())
                .arg(notice.updates.size()));
    const qsizetype common = std::min(copy.updates.size(), notice.updates.size());
    for (qsizetype i = 0; i < common; ++i) {
        const PublicCopy::Update &seen = copy.updates.at(i);
        const NoticeUpdate &update = notice.updates.at(i);
        if (seen.status != update.status)
            differences.append(QCoreApplication::translate(
                                   "Vigie::PublicCopy",
                                   "update %1: the site shows the status \u201c%2\u201d, the notice \u201c%3\u201d")
                                   .arg(i + 1)
                                   .arg(noticeStatusText(seen.status), noticeStatusText(update.status)));
        if (normalized(seen.body) != normalized(update.body))
            differences.append(
                QCoreApplication::translate("Vigie::PublicCopy", "update %1: the site shows another text").arg(i + 1));
    }
    return differences;
}

} // namespace Vigie

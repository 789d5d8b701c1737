#include "noticetemplates.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QLocale>

#include <cstdlib>

using namespace Qt::StringLiterals;

namespace Vigie {

namespace {

// French puts a no-break space before a colon and inside "16 h 00".
constexpr QChar nbsp(0x00A0);

QDateTime localTime(qint64 ms, const QTimeZone &zone)
{
    return QDateTime::fromMSecsSinceEpoch(ms, zone.isValid() ? zone : QTimeZone::systemTimeZone());
}

// "Quand :" with its no-break space; "When:".
QString label(const QString &heading, NoticeLanguage language)
{
    if (language == NoticeLanguage::French)
        return u"**"_s + heading + nbsp + u":**"_s;
    return u"**"_s + heading + u":**"_s;
}

// "du service Extranet", "des services A et B": French names a service without eliding "de" before
// a name it cannot know the gender or the pronunciation of.
QString ofServices(const NoticeTemplateFields &fields, NoticeLanguage language)
{
    const QString names = noticeNameList(fields.serviceNames, language);
    return fields.serviceNames.size() == 1 ? u"du service "_s + names : u"des services "_s + names;
}

} // namespace

QString noticeLanguageName(NoticeLanguage language)
{
    return language == NoticeLanguage::French ? u"fr"_s : u"en"_s;
}

std::optional<NoticeLanguage> noticeLanguageFromName(QStringView name)
{
    if (name.compare(u"en", Qt::CaseInsensitive) == 0 || name.startsWith(u"en_", Qt::CaseInsensitive) ||
        name.startsWith(u"en-", Qt::CaseInsensitive))
        return NoticeLanguage::English;
    if (name.compare(u"fr", Qt::CaseInsensitive) == 0 || name.startsWith(u"fr_", Qt::CaseInsensitive) ||
        name.startsWith(u"fr-", Qt::CaseInsensitive))
        return NoticeLanguage::French;
    return std::nullopt;
}

QStringList noticeLanguageNames()
{
    return {u"en"_s, u"fr"_s};
}

NoticeLanguage defaultNoticeLanguage()
{
    // The translators say which language they are, in the one string made for it.
    const QString installed =
        QCoreApplication::translate("Vigie::NoticeTemplates", "en", "the language code of this translation");
    return noticeLanguageFromName(installed).value_or(NoticeLanguage::English);
}

NoticeSections noticeSections(NoticeKind kind, NoticeLanguage language)
{
    NoticeSections s;
    if (language == NoticeLanguage::French) {
        s.when = u"Quand"_s;
        s.nature = kind == NoticeKind::Incident ? u"Nature de l’incident"_s : u"Nature de l’intervention"_s;
        s.cause = u"Cause"_s;
        s.impact = u"Impact attendu"_s;
        s.actions = u"Interventions réalisées"_s;
        s.status = u"Statut"_s;
    } else {
        s.when = u"When"_s;
        s.nature = kind == NoticeKind::Incident ? u"Nature of the incident"_s : u"Nature of the work"_s;
        s.cause = u"Cause"_s;
        s.impact = u"Expected impact"_s;
        s.actions = u"Actions taken"_s;
        s.status = u"Status"_s;
    }
    return s;
}

QString noticeDate(qint64 ms, NoticeLanguage language, const QTimeZone &zone)
{
    const QDate date = localTime(ms, zone).date();
    if (language == NoticeLanguage::French) {
        const QLocale french(QLocale::French, QLocale::France);
        // "1er octobre", "9 octobre".
        const QString day = date.day() == 1 ? u"1er"_s : QString::number(date.day());
        return day + u' ' + french.monthName(date.month(), QLocale::LongFormat) + u' ' + QString::number(date.year());
    }
    const QLocale english(QLocale::English, QLocale::UnitedKingdom);
    return QString::number(date.day()) + u' ' + english.monthName(date.month(), QLocale::LongFormat) + u' ' +
           QString::number(date.year());
}

QString noticeClockTime(qint64 ms, NoticeLanguage language, const QTimeZone &zone)
{
    const QTime time = localTime(ms, zone).time();
    if (language == NoticeLanguage::French)
        return QString::number(time.hour()) + nbsp + u'h' + nbsp + u"%1"_s.arg(time.minute(), 2, 10, QLatin1Char('0'));
    return u"%1:%2"_s.arg(time.hour(), 2, 10, QLatin1Char('0')).arg(time.minute(), 2, 10, QLatin1Char('0'));
}

QString noticeDateTime(qint64 ms, NoticeLanguage language, const QTimeZone &zone)
{
    const QString at = language == NoticeLanguage::French ? u" à "_s : u" at "_s;
    return noticeDate(ms, language, zone) + at + noticeClockTime(ms, language, zone);
}

QString noticeZoneName(qint64 ms, const QTimeZone &zone)
{
    const QTimeZone z = zone.isValid() ? zone : QTimeZone::systemTimeZone();
    const QDateTime at = QDateTime::fromMSecsSinceEpoch(ms, QTimeZone::UTC);
    const QString abbreviation = z.abbreviation(at);
    // Zones without a name of their own ("+03") are written as their offset.
    if (!abbreviation.isEmpty() && abbreviation.front().isLetter())
        return abbreviation;
    const int offset = z.offsetFromUtc(at);
    const int minutes = std::abs(offset) / 60;
    return u"UTC%1%2:%3"_s.arg(offset < 0 ? u'-' : u'+')
        .arg(minutes / 60, 2, 10, QLatin1Char('0'))
        .arg(minutes % 60, 2, 10, QLatin1Char('0'));
}

QString noticeNameList(const QStringList &names, NoticeLanguage language)
{
    if (names.isEmpty())
        return {};
    if (names.size() == 1)
        return names.front();
    const QString last = language == NoticeLanguage::French ? u" et "_s : u" and "_s;
    return names.first(names.size() - 1).join(u", "_s) + last + names.back();
}

NoticeTemplate noticeTemplate(NoticeKind kind, NoticeLanguage language, const NoticeTemplateFields &fields)
{
    const NoticeSections s = noticeSections(kind, language);
    const bool french = language == NoticeLanguage::French;
    const QTimeZone &zone = fields.zone;
    const QString services = noticeNameList(fields.serviceNames, language);
    NoticeTemplate t;
    QStringList lines;
    if (kind == NoticeKind::Incident) {
        const qint64 start = fields.startMs;
        const QString zoneName = noticeZoneName(start, zone);
        if (french) {
            t.title = services.isEmpty() ? u"Incident en cours"_s : u"Perturbation "_s + ofServices(fields, language);
            lines << label(s.when, language) + u" depuis le "_s + noticeDateTime(start, language, zone) + u" ("_s +
                         zoneName + u')';
            lines << label(s.nature, language) +
                         u" [ce que constatent les utilisateurs : erreurs, lenteurs, fonctions et clients touchés]"_s
                             .replace(u" :"_s, QString(nbsp) + u':');
            lines << label(s.cause, language) + u" en cours d’analyse."_s;
            lines << label(s.actions, language);
            lines << u"- "_s + noticeClockTime(start, language, zone) + nbsp +
                         u": incident détecté ; nos équipes analysent la situation."_s.replace(u" ;"_s,
                                                                                               QString(nbsp) + u';');
            lines << label(s.status, language) + u" en cours d’analyse. Prochain point dans 30 minutes au plus tard."_s;
        } else {
            t.title = services.isEmpty() ? u"Ongoing incident"_s : u"Disruption of "_s + services;
            lines << label(s.when, language) + u" since "_s + noticeDateTime(start, language, zone) + u" ("_s +
                         zoneName + u')';
            lines << label(s.nature, language) +
                         u" [what users see: errors, slowness, which features and which customers are affected]"_s;
            lines << label(s.cause, language) + u" under investigation."_s;
            lines << label(s.actions, language);
            lines << u"- "_s + noticeClockTime(start, language, zone) +
                         u": incident detected; our teams are investigating."_s;
            lines << label(s.status, language) + u" investigating. Next update within 30 minutes."_s;
        }
    } else {
        const NoticeWindow window = fields.window.value_or(NoticeWindow{fields.startMs, fields.startMs});
        const QString zoneName = noticeZoneName(window.startMs, zone);
        const bool sameDay = localTime(window.startMs, zone).date() == localTime(window.endMs, zone).date();
        QString when;
        if (french) {
            when = sameDay ? QString(u"le "_s + noticeDate(window.startMs, language, zone) + u" de "_s +
                                     noticeClockTime(window.startMs, language, zone) + u" à "_s +
                                     noticeClockTime(window.endMs, language, zone))
                           : QString(u"du "_s + noticeDateTime(window.startMs, language, zone) + u" au "_s +
                                     noticeDateTime(window.endMs, language, zone));
            t.title = services.isEmpty() ? u"Maintenance programmée"_s
                                         : u"Maintenance programmée "_s + ofServices(fields, language);
            lines << label(s.when, language) + u' ' + when + u" ("_s + zoneName + u')';
            lines << label(s.nature, language) +
                         u" [ce qui sera fait, par exemple l’installation de la version 1.22.5]"_s;
            lines
                << label(s.impact, language) +
                       u" [ce que les utilisateurs pourront constater, par exemple une interruption de quelques minutes]"_s;
            lines << label(s.status, language) + u" programmée."_s;
        } else {
            when = sameDay ? QString(noticeDate(window.startMs, language, zone) + u" between "_s +
                                     noticeClockTime(window.startMs, language, zone) + u" and "_s +
                                     noticeClockTime(window.endMs, language, zone))
                           : QString(u"from "_s + noticeDateTime(window.startMs, language, zone) + u" to "_s +
                                     noticeDateTime(window.endMs, language, zone));
            t.title = services.isEmpty() ? u"Scheduled maintenance"_s : u"Scheduled maintenance of "_s + services;
            lines << label(s.when, language) + u' ' + when + u" ("_s + zoneName + u')';
            lines << label(s.nature, language) + u" [what will be done, for example version 1.22.5 installed]"_s;
            lines << label(s.impact, language) +
                         u" [what users may notice, for example the service unavailable for a few minutes]"_s;
            lines << label(s.status, language) + u" scheduled."_s;
        }
    }
    // Paragraphs, except the list of actions which stays under its heading.
    QString body;
    for (const QString &line : std::as_const(lines)) {
        if (!body.isEmpty())
            body += line.startsWith(u"- "_s) ? u"\n"_s : u"\n\n"_s;
        body += line;
    }
    t.body = body + u'\n';
    return t;
}

} // namespace Vigie

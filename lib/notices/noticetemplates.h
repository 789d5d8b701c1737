#pragma once

#include "notice.h"

#include <QString>
#include <QStringList>
#include <QTimeZone>

#include <optional>

namespace Vigie {

// The language a notice is written in. It is the readers' language, not the console's: a team may
// run Vigie in English and write to its customers in French. The templates' words are therefore not
// translations (tr()) but texts of their own, written by native speakers of each language.
enum class NoticeLanguage : quint8 { English, French };

// "en", "fr".
QString noticeLanguageName(NoticeLanguage language);
std::optional<NoticeLanguage> noticeLanguageFromName(QStringView name);
QStringList noticeLanguageNames();
// The language of the console's translation when there is a template in it, else English.
NoticeLanguage defaultNoticeLanguage();

// The headings of a notice's structure, as the notices of the incidents behind Vigie are written:
// When / Nature of the incident / Cause / Actions taken / Status ("Quand / Nature de l'incident /
// Cause / Interventions réalisées / Statut"); a maintenance has When / Nature of the work / Expected
// impact / Status.
struct NoticeSections
{
    QString when;
    QString nature;
    QString cause;  // an incident's
    QString impact; // a maintenance's: what users may notice
    QString actions;
    QString status;
};
NoticeSections noticeSections(NoticeKind kind, NoticeLanguage language);

// A time as the language writes it in a notice: "9 October 2026 at 16:00" (English), "9 octobre 2026
// à 16 h 00" (French), in `zone`; a clock time alone: "16:00", "16 h 00"; a zone: "CET".
QString noticeDateTime(qint64 ms, NoticeLanguage language, const QTimeZone &zone);
QString noticeDate(qint64 ms, NoticeLanguage language, const QTimeZone &zone);
QString noticeClockTime(qint64 ms, NoticeLanguage language, const QTimeZone &zone);
QString noticeZoneName(qint64 ms, const QTimeZone &zone);
// A list of names joined as the language does: "a, b and c", "a, b et c".
QString noticeNameList(const QStringList &names, NoticeLanguage language);

// A heading as the label of its paragraph: "**When:**", "**Quand :**" (French puts a no-break space
// before the colon).
QString noticeLabel(const QString &heading, NoticeLanguage language);
// Numbers as the language writes them (notices are not in the console's locale):
// - a decimal: "2.39", "2,39";
// - a percentage, two decimals under 10, one under 100, none when whole: "2.39%", "2,39 %" (French
//   puts a no-break space before the sign);
// - a response time as the console shows one: "4.6 ms", "120 ms", "1.24 s" ("4,6 ms", "1,24 s", with
//   a no-break space in French);
// - a duration in words, to the minute (to the second under one), its two largest units:
//   "54 minutes", "1 hour 12 minutes", "2 days 3 hours"; "54 minutes", "1 heure et 12 minutes".
QString noticeNumber(double value, int decimals, NoticeLanguage language);
QString noticePercent(double value, NoticeLanguage language);
QString noticeLatency(double ms, NoticeLanguage language);
QString noticeDuration(qint64 ms, NoticeLanguage language);

// What a template is filled with.
struct NoticeTemplateFields
{
    qint64 startMs = 0;                 // an incident's start (detected), a maintenance's window start
    std::optional<NoticeWindow> window; // a maintenance's
    QStringList serviceNames;           // the services affected, as readers know them
    QTimeZone zone = QTimeZone::systemTimeZone();
};

struct NoticeTemplate
{
    QString title;
    QString body; // Markdown; bracketed parts are for the engineer to replace
};

// The first update of a new notice, in the structure above.
NoticeTemplate noticeTemplate(NoticeKind kind, NoticeLanguage language, const NoticeTemplateFields &fields);

} // namespace Vigie

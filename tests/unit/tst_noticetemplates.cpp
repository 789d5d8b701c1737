// The notice templates: the structure the incidents' own notices follow (When / Nature / Cause /
// Actions taken / Status), times written as each language writes them, in the readers' zone.
#include "notices/noticetemplates.h"

#include <QDateTime>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace Vigie;

namespace {

const QChar nbsp(0x00A0);

qint64 parisTime(int year, int month, int day, int hour, int minute)
{
    return QDateTime(QDate(year, month, day), QTime(hour, minute), QTimeZone("Europe/Paris"_ba)).toMSecsSinceEpoch();
}

} // namespace

class TestNoticeTemplates : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void languageNames()
    {
        QCOMPARE(noticeLanguageFromName(u"fr"), NoticeLanguage::French);
        QCOMPARE(noticeLanguageFromName(u"fr_FR"), NoticeLanguage::French);
        QCOMPARE(noticeLanguageFromName(u"EN-gb"), NoticeLanguage::English);
        QVERIFY(!noticeLanguageFromName(u"de").has_value());
        QCOMPARE(noticeLanguageName(NoticeLanguage::French), u"fr"_s);
        QCOMPARE(noticeLanguageNames(), (QStringList{u"en"_s, u"fr"_s}));
    }

    void timesAsEachLanguageWritesThem()
    {
        const QTimeZone paris("Europe/Paris"_ba);
        const qint64 october = parisTime(2026, 10, 9, 16, 0);
        QCOMPARE(noticeDateTime(october, NoticeLanguage::English, paris), u"9 October 2026 at 16:00"_s);
        QCOMPARE(noticeDateTime(october, NoticeLanguage::French, paris),
                 u"9 octobre 2026 à 16"_s + nbsp + u'h' + nbsp + u"00"_s);
        // The first of the month is "1er" in French.
        QCOMPARE(noticeDate(parisTime(2026, 12, 1, 9, 5), NoticeLanguage::French, paris), u"1er décembre 2026"_s);
        QCOMPARE(noticeClockTime(parisTime(2026, 12, 1, 9, 5), NoticeLanguage::English, paris), u"09:05"_s);
        // Summer and winter time name themselves.
        QCOMPARE(noticeZoneName(parisTime(2026, 7, 1, 12, 0), paris), u"CEST"_s);
        QCOMPARE(noticeZoneName(parisTime(2026, 12, 1, 12, 0), paris), u"CET"_s);
        QCOMPARE(noticeZoneName(0, QTimeZone(3 * 3600)), u"UTC+03:00"_s);
        // The time is the readers' zone's, not UTC.
        QCOMPARE(noticeClockTime(parisTime(2026, 3, 29, 3, 30), NoticeLanguage::English, paris), u"03:30"_s);
        QCOMPARE(noticeClockTime(parisTime(2026, 3, 29, 3, 30), NoticeLanguage::English, QTimeZone::UTC), u"01:30"_s);
    }

    void namesJoined()
    {
        QCOMPARE(noticeNameList({u"API"_s}, NoticeLanguage::English), u"API"_s);
        QCOMPARE(noticeNameList({u"API"_s, u"Extranet"_s, u"Mail"_s}, NoticeLanguage::English),
                 u"API, Extranet and Mail"_s);
        QCOMPARE(noticeNameList({u"API"_s, u"Extranet"_s}, NoticeLanguage::French), u"API et Extranet"_s);
    }

    void incidentFollowsTheStructure_data()
    {
        QTest::addColumn<NoticeLanguage>("language");
        QTest::addColumn<QString>("title");
        QTest::addColumn<QStringList>("headings");
        QTest::addColumn<QString>("when");
        QTest::newRow("en") << NoticeLanguage::English << u"Disruption of Extranet and Mail"_s
                            << QStringList{u"**When:**"_s, u"**Nature of the incident:**"_s, u"**Cause:**"_s,
                                           u"**Actions taken:**"_s, u"**Status:**"_s}
                            << u"**When:** since 30 November 2026 at 19:23 (CET)"_s;
        QTest::newRow("fr") << NoticeLanguage::French << u"Perturbation des services Extranet et Mail"_s
                            << QStringList{u"**Quand"_s + nbsp + u":**"_s,
                                           u"**Nature de l’incident"_s + nbsp + u":**"_s,
                                           u"**Cause"_s + nbsp + u":**"_s,
                                           u"**Interventions réalisées"_s + nbsp + u":**"_s,
                                           u"**Statut"_s + nbsp + u":**"_s}
                            << u"**Quand"_s + nbsp + u":** depuis le 30 novembre 2026 à 19"_s + nbsp + u'h' + nbsp +
                                   u"23 (CET)"_s;
    }

    void incidentFollowsTheStructure()
    {
        QFETCH(NoticeLanguage, language);
        QFETCH(QString, title);
        QFETCH(QStringList, headings);
        QFETCH(QString, when);
        NoticeTemplateFields fields;
        fields.startMs = parisTime(2026, 11, 30, 19, 23);
        fields.serviceNames = {u"Extranet"_s, u"Mail"_s};
        fields.zone = QTimeZone("Europe/Paris"_ba);
        const NoticeTemplate t = noticeTemplate(NoticeKind::Incident, language, fields);
        QCOMPARE(t.title, title);
        QVERIFY2(t.body.startsWith(when), qPrintable(t.body));
        // Every heading, in order, each starting its paragraph.
        qsizetype at = 0;
        for (const QString &heading : headings) {
            const qsizetype found = t.body.indexOf(heading, at);
            QVERIFY2(found >= 0, qPrintable(heading + u" in "_s + t.body));
            QVERIFY(found == 0 || t.body.at(found - 1) == u'\n');
            at = found + heading.size();
        }
        // The first action is the detection, at its local time.
        QVERIFY2(t.body.contains(u"\n- "_s + noticeClockTime(fields.startMs, language, fields.zone)),
                 qPrintable(t.body));
    }

    void singleServiceInFrench()
    {
        NoticeTemplateFields fields;
        fields.startMs = parisTime(2026, 11, 30, 19, 23);
        fields.serviceNames = {u"Extranet"_s};
        QCOMPARE(noticeTemplate(NoticeKind::Incident, NoticeLanguage::French, fields).title,
                 u"Perturbation du service Extranet"_s);
        QCOMPARE(noticeTemplate(NoticeKind::Maintenance, NoticeLanguage::French, fields).title,
                 u"Maintenance programmée du service Extranet"_s);
    }

    void maintenanceWindow()
    {
        NoticeTemplateFields fields;
        fields.zone = QTimeZone("Europe/Paris"_ba);
        fields.serviceNames = {u"API"_s};
        fields.window = NoticeWindow{parisTime(2026, 10, 9, 16, 0), parisTime(2026, 10, 9, 18, 0)};
        fields.startMs = fields.window->startMs;
        const NoticeTemplate en = noticeTemplate(NoticeKind::Maintenance, NoticeLanguage::English, fields);
        QCOMPARE(en.title, u"Scheduled maintenance of API"_s);
        QVERIFY2(en.body.startsWith(u"**When:** 9 October 2026 between 16:00 and 18:00 (CEST)"_s), qPrintable(en.body));
        QVERIFY(en.body.contains(u"**Expected impact:**"_s));
        const NoticeTemplate fr = noticeTemplate(NoticeKind::Maintenance, NoticeLanguage::French, fields);
        QVERIFY2(fr.body.startsWith(u"**Quand"_s + nbsp + u":** le 9 octobre 2026 de 16"_s + nbsp + u'h' + nbsp +
                                    u"00 à 18"_s + nbsp + u'h' + nbsp + u"00 (CEST)"_s),
                 qPrintable(fr.body));
        QVERIFY(fr.body.contains(u"**Nature de l’intervention"_s + nbsp + u":**"_s));
        // Across midnight, both ends carry their date.
        fields.window = NoticeWindow{parisTime(2026, 10, 9, 23, 0), parisTime(2026, 10, 10, 1, 0)};
        QVERIFY(noticeTemplate(NoticeKind::Maintenance, NoticeLanguage::English, fields)
                    .body.startsWith(u"**When:** from 9 October 2026 at 23:00 to 10 October 2026 at 01:00 (CEST)"_s));
    }
};

QTEST_GUILESS_MAIN(TestNoticeTemplates)
#include "tst_noticetemplates.moc"

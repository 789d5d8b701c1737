#include "workspace/duration.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;

class tst_Duration : public QObject
{
    Q_OBJECT

private slots:
    void parsesValid_data();
    void parsesValid();
    void rejectsInvalid_data();
    void rejectsInvalid();
    void formats_data();
    void formats();
    void roundTrips();
};

void tst_Duration::parsesValid_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<qint64>("milliseconds");

    QTest::newRow("milliseconds") << u"250ms"_s << qint64(250);
    QTest::newRow("seconds") << u"30s"_s << qint64(30'000);
    QTest::newRow("minutes") << u"5m"_s << qint64(300'000);
    QTest::newRow("hours") << u"1h"_s << qint64(3'600'000);
    QTest::newRow("days") << u"2d"_s << qint64(172'800'000);
    QTest::newRow("minutes and seconds") << u"1m30s"_s << qint64(90'000);
    QTest::newRow("every unit") << u"1d2h3m4s5ms"_s << qint64(93'784'005);
    QTest::newRow("fraction of a second") << u"1.5s"_s << qint64(1'500);
    QTest::newRow("fraction of a minute") << u"0.5m"_s << qint64(30'000);
    QTest::newRow("fraction with trailing zeros") << u"1.2500s"_s << qint64(1'250);
    QTest::newRow("long exact fraction") << u"0.0000003125d"_s << qint64(27);
    QTest::newRow("zero") << u"0s"_s << qint64(0);
    QTest::newRow("leading zeros") << u"007s"_s << qint64(7'000);
    QTest::newRow("more than the next unit") << u"90s"_s << qint64(90'000);
    QTest::newRow("fractional last part") << u"1m0.5s"_s << qint64(60'500);
}

void tst_Duration::parsesValid()
{
    QFETCH(QString, text);
    QFETCH(qint64, milliseconds);
    const auto parsed = Vigie::parseDuration(text);
    QVERIFY2(parsed.has_value(), qPrintable(text));
    QCOMPARE(parsed->count(), milliseconds);
}

void tst_Duration::rejectsInvalid_data()
{
    QTest::addColumn<QString>("text");

    QTest::newRow("empty") << QString();
    QTest::newRow("no unit") << u"30"_s;
    QTest::newRow("unknown unit") << u"30x"_s;
    QTest::newRow("upper-case unit") << u"30S"_s;
    QTest::newRow("unit only") << u"s"_s;
    QTest::newRow("negative") << u"-5s"_s;
    QTest::newRow("plus sign") << u"+5s"_s;
    QTest::newRow("space inside") << u"30 s"_s;
    QTest::newRow("leading space") << u" 30s"_s;
    QTest::newRow("trailing garbage") << u"30sx"_s;
    QTest::newRow("units out of order") << u"30s1m"_s;
    QTest::newRow("unit repeated") << u"1s2s"_s;
    QTest::newRow("bare fraction") << u".5s"_s;
    QTest::newRow("dot without digits") << u"5.s"_s;
    QTest::newRow("two dots") << u"1.2.3s"_s;
    QTest::newRow("finer than a millisecond") << u"1.5ms"_s;
    QTest::newRow("finer than a millisecond, in seconds") << u"0.0001s"_s;
    QTest::newRow("overflowing number") << u"99999999999999999999s"_s;
    QTest::newRow("overflowing product") << u"9999999999999999d"_s;
    QTest::newRow("overflowing sum") << u"106751991167d106751991167h"_s;
    QTest::newRow("words") << u"thirty seconds"_s;
    QTest::newRow("non-ASCII digits") << u"\u0663s"_s;
}

void tst_Duration::rejectsInvalid()
{
    QFETCH(QString, text);
    const auto parsed = Vigie::parseDuration(text);
    QVERIFY2(!parsed.has_value(), qPrintable(u"'%1' parsed as %2ms"_s.arg(text).arg(parsed ? parsed->count() : 0)));
}

void tst_Duration::formats_data()
{
    QTest::addColumn<qint64>("milliseconds");
    QTest::addColumn<QString>("text");

    QTest::newRow("zero") << qint64(0) << u"0s"_s;
    QTest::newRow("milliseconds") << qint64(250) << u"250ms"_s;
    QTest::newRow("one second") << qint64(1'000) << u"1s"_s;
    QTest::newRow("fraction") << qint64(1'500) << u"1.5s"_s;
    QTest::newRow("three decimals") << qint64(1'001) << u"1.001s"_s;
    QTest::newRow("minute") << qint64(60'000) << u"1m"_s;
    QTest::newRow("minute and a half") << qint64(90'000) << u"1m30s"_s;
    QTest::newRow("minute and half a second") << qint64(60'500) << u"1m0.5s"_s;
    QTest::newRow("hour") << qint64(3'600'000) << u"1h"_s;
    QTest::newRow("day and an hour") << qint64(90'000'000) << u"1d1h"_s;
    QTest::newRow("every unit") << qint64(93'784'005) << u"1d2h3m4.005s"_s;
    QTest::newRow("negative") << qint64(-1'500) << u"-1.5s"_s;
}

void tst_Duration::formats()
{
    QFETCH(qint64, milliseconds);
    QFETCH(QString, text);
    QCOMPARE(Vigie::formatDuration(std::chrono::milliseconds(milliseconds)), text);
}

void tst_Duration::roundTrips()
{
    const qint64 samples[] = {1,          999,         1'000,     1'001,          59'999,
                              60'000,     61'000,      3'599'999, 3'600'000,      86'399'999,
                              86'400'000, 123'456'789, 7'000'000, 31'536'000'000, 9'000'000'000'000'000};
    for (const qint64 ms : samples) {
        const QString text = Vigie::formatDuration(std::chrono::milliseconds(ms));
        const auto parsed = Vigie::parseDuration(text);
        QVERIFY2(parsed.has_value(), qPrintable(text));
        QCOMPARE(parsed->count(), ms);
    }
    // Canonical texts come back unchanged.
    for (const char16_t *canonical : {u"250ms", u"30s", u"5m", u"1h", u"2d", u"1m30s", u"1.5s", u"1d23h59m59.999s"}) {
        const QString text = QString::fromUtf16(canonical);
        const auto parsed = Vigie::parseDuration(text);
        QVERIFY2(parsed.has_value(), qPrintable(text));
        QCOMPARE(Vigie::formatDuration(*parsed), text);
    }
}

QTEST_GUILESS_MAIN(tst_Duration)
#include "tst_duration.moc"

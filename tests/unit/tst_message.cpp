// Messages kept as codes and arguments, translated when shown: the same stored value reads in
// English and in French, with its numbers in the display locale.

#include "core/message.h"

#include <QDirIterator>
#include <QFile>
#include <QLocale>
#include <QRegularExpression>
#include <QTest>
#include <QTranslator>

using namespace Qt::StringLiterals;
using namespace Vigie;

class tst_Message : public QObject
{
    Q_OBJECT

private slots:
    void init() { QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates)); }
    void cleanup()
    {
        QCoreApplication::removeTranslator(&m_french);
        QLocale::setDefault(QLocale::c());
    }

    void translatesWhenShownNotWhenMade()
    {
        const Message timedOut = trMessage("Vigie::HttpProber", "timed out after %1 s in %2 (%3)")
                                     .argNumber(4.0, 1)
                                     .arg(trMessage("Vigie::ProbePhase", "resolve"))
                                     .arg(trMessage("Vigie::HttpProber", "resolving the host name"));
        QCOMPARE(timedOut.toString(), u"timed out after 4.0 s in resolve (resolving the host name)"_s);

        useFrench();
        QCOMPARE(timedOut.toString(),
                 u"délai dépassé après 4,0 s en phase résolution DNS (résolution du nom d’hôte)"_s);
        // The source text stays English and C-locale whatever is installed.
        QCOMPARE(timedOut.toSourceString(), u"timed out after 4.0 s in resolve (resolving the host name)"_s);
    }

    void pluralsFollowTheCount()
    {
        const Message one = trMessage("Vigie::HealthTracker", "%n consecutive failures: %1", nullptr, 1)
                                .arg(trMessage("Vigie::HttpProber", "connection refused by %1").arg(u"db:5432"_s));
        const Message three = trMessage("Vigie::HealthTracker", "%n consecutive failures: %1", nullptr, 3)
                                  .arg(trMessage("Vigie::HttpProber", "connection refused by %1").arg(u"db:5432"_s));
        QCOMPARE(three.toSourceString(), u"3 consecutive failures: connection refused by db:5432"_s);
        useFrench();
        QCOMPARE(one.toString(), u"1 échec consécutif\u00a0: connexion refusée par db:5432"_s);
        QCOMPARE(three.toString(), u"3 échecs consécutifs\u00a0: connexion refusée par db:5432"_s);
    }

    void argumentsAreNeverReadAsPlaceholders()
    {
        // A server's own words may hold "%2": it is shown, not replaced by the next argument.
        const Message m = trMessage("Vigie::Test", "%1 said %2").arg(u"100%2 sure"_s).arg(u"hello"_s);
        QCOMPARE(m.toString(), u"100%2 sure said hello"_s);
        // The lowest number takes the first argument, as with QString::arg; %L is accepted.
        QCOMPARE(trMessage("Vigie::Test", "%2 then %L3").arg(u"a"_s).arg(u"b"_s).toString(), u"a then b"_s);
        // A placeholder with no argument stays.
        QCOMPARE(trMessage("Vigie::Test", "%1 and %2").arg(u"x"_s).toString(), u"x and %2"_s);
        // Integers have no group separator (a port, a status code); decimals follow the locale.
        QLocale::setDefault(QLocale(QLocale::French, QLocale::France));
        QCOMPARE(trMessage("Vigie::Test", "%1 on %2: %3 ms").arg(503).arg(qint64(8443)).argNumber(1234.5, 1).toString(),
                 u"503 on 8443: 1\u202f234,5 ms"_s);
    }

    void storedFormRoundTrips_data()
    {
        QTest::addColumn<Message>("message");
        QTest::newRow("empty") << Message();
        QTest::newRow("verbatim") << Message::verbatim(u"Minor service outage"_s);
        QTest::newRow("verbatim starting with the marker") << Message::verbatim(u"\x1e{\"v\":1}"_s);
        QTest::newRow("no arguments") << trMessage("Vigie::HttpProber", "resolving the host name");
        QTest::newRow("every kind of argument")
            << trMessage("Vigie::Test", "%1 %2 %3 %4", "a disambiguation", 7)
                   .arg(u"ünïcode \"quoted\"\n"_s)
                   .arg(qint64(1) << 60)
                   .argNumber(0.1 + 0.2, 3, 'g')
                   .arg(trMessage("Vigie::Test", "nested %1").arg(Message::verbatim(u"deep"_s)));
        QTest::newRow("joined") << Message::joined(
            {trMessage("Vigie::Test", "one %1").arg(1), Message::verbatim(u"two"_s), trMessage("Vigie::Test", "three")},
            u"; "_s);
    }
    void storedFormRoundTrips()
    {
        QFETCH(Message, message);
        const QString stored = message.toStored();
        const Message back = Message::fromStored(stored);
        QCOMPARE(back.toSourceString(), message.toSourceString());
        QVERIFY(back == message);
        QCOMPARE(back.toStored(), stored);
    }

    void storedFormIsTranslatedWhenRead()
    {
        const QString stored =
            trMessage("Vigie::HttpProber", "connection refused by %1").arg(u"127.0.0.1:9"_s).toStored();
        useFrench();
        QCOMPARE(Message::fromStored(stored).toString(), u"connexion refusée par 127.0.0.1:9"_s);
    }

    void sentencesStoredBeforeCodesReadAsTheyWere()
    {
        // What a store written before messages were coded holds: a sentence, in the language of
        // the run that wrote it, shown verbatim.
        useFrench();
        const Message old = Message::fromStored(u"3 consecutive failures: connection refused by db:5432"_s);
        QVERIFY(old.isVerbatim());
        QCOMPARE(old.toString(), u"3 consecutive failures: connection refused by db:5432"_s);
        QCOMPARE(old.toStored(), u"3 consecutive failures: connection refused by db:5432"_s);
    }

    void damagedOrNewerCodesAreShownNotLost()
    {
        QCOMPARE(Message::fromStored(u"\x1e{not json"_s).toString(), u"{not json"_s);
        QCOMPARE(Message::fromStored(u"\x1e{\"v\":2,\"c\":\"X\",\"s\":\"later\"}"_s).toString(),
                 u"{\"v\":2,\"c\":\"X\",\"s\":\"later\"}"_s);
        // Nesting is bounded: a hostile value cannot recurse without end.
        QString deep = u"{\"t\":\"x\"}"_s;
        for (int i = 0; i < 100; ++i)
            deep = u"{\"c\":\"X\",\"s\":\"%1\",\"a\":[{\"m\":"_s + deep + u"}]}"_s;
        deep.insert(1, u"\"v\":1,"_s);
        QVERIFY(Message::fromStored(QChar(0x1e) + deep).isVerbatim());
    }

    // lupdate reads a context only when it is written out: a context held in a variable leaves
    // every string of the call out of the translation, silently (the Prometheus probe's causes
    // were English in the French console until this test). Every call names its context.
    void everyTranslatedCallNamesItsContext()
    {
        static const QRegularExpression call(
            u"\\b(?:QCoreApplication::translate|trMessage|QT_TRANSLATE_NOOP3?|QT_TRANSLATE_N_NOOP3?)\\(\\s*([^\"\\s)])"_s);
        QStringList found;
        int files = 0;
        for (const char *const folder : {"lib", "app", "ui"}) {
            QDirIterator it(QString::fromUtf8(VIGIE_SOURCE_DIR "/") + QLatin1StringView(folder), {u"*.cpp"_s, u"*.h"_s},
                            QDir::Files, QDirIterator::Subdirectories);
            while (it.hasNext()) {
                const QString path = it.next();
                // Where the functions are defined, with their parameters.
                if (path.endsWith(u"/core/message.h"_s) || path.endsWith(u"/core/message.cpp"_s))
                    continue;
                QFile file(path);
                QVERIFY2(file.open(QIODevice::ReadOnly), qPrintable(path));
                ++files;
                const QString text = QString::fromUtf8(file.readAll());
                for (auto match = call.globalMatch(text); match.hasNext();) {
                    const auto m = match.next();
                    const int line = int(text.left(m.capturedStart()).count(u'\n')) + 1;
                    found.append(u"%1:%2: %3"_s.arg(path).arg(line).arg(m.captured(0).simplified()));
                }
            }
        }
        QVERIFY2(files > 100, qPrintable(QString::number(files)));
        QVERIFY2(found.isEmpty(), qPrintable(found.join(u'\n')));
    }

    // The Prometheus probe's causes reach a French reader in French.
    void prometheusCausesAreTranslated()
    {
        useFrench();
        const Message failing = trMessage("Vigie::PrometheusProber", "%1 of %2 series fail (value 0 or NaN): %3")
                                    .arg(1)
                                    .arg(3)
                                    .arg(Message::verbatim(u"up{job=\"node\"} = 0"_s));
        QVERIFY2(!failing.toString().contains(u"series fail"_s), qPrintable(failing.toString()));
        QVERIFY2(failing.toString().contains(u"up{job=\"node\"} = 0"_s), qPrintable(failing.toString()));
    }

private:
    void useFrench()
    {
        QVERIFY2(m_french.load(QString::fromUtf8(VIGIE_FRENCH_QM)), VIGIE_FRENCH_QM);
        QCoreApplication::installTranslator(&m_french);
        QLocale::setDefault(QLocale(QLocale::French, QLocale::France));
    }

    QTranslator m_french;
};

QTEST_GUILESS_MAIN(tst_Message)
#include "tst_message.moc"

// A notice survives the app being killed (-9) mid-edit: a child process saves draft revisions in a
// loop and prints each one the store acknowledged; the test kills it at a random moment, a hundred
// times, and checks after each kill that every acknowledged revision is there and intact, and that
// the database is sound.
#include "noticedraft.h"
#include "store/sqliteconnection.h"

#include <QDir>
#include <QElapsedTimer>
#include <QProcess>
#include <QRandomGenerator>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#ifndef NOTICE_SAVER
#error "tst_noticedurability needs the noticesaver helper"
#endif

using namespace Qt::StringLiterals;
using namespace Vigie;

namespace {

// The error of a result, or nothing: QVERIFY2 evaluates its message even when the check passes.
template<typename Result>
QString errorOf(const Result &result)
{
    return result ? QString() : result.error();
}

} // namespace

class TestNoticeDurability : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void everyAcknowledgedRevisionSurvivesKill9()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        QRandomGenerator random(QRandomGenerator::global()->generate());
        constexpr int rounds = 100;
        int acknowledgedTotal = 0;
        int lastAcknowledged = 0;
        for (int round = 0; round < rounds; ++round) {
            QProcess saver;
            saver.setProcessChannelMode(QProcess::SeparateChannels);
            saver.start(QString::fromUtf8(NOTICE_SAVER), {dir.path(), QString::number(lastAcknowledged + 1)});
            QVERIFY2(saver.waitForStarted(10'000), qPrintable(saver.errorString()));
            // Once it has saved at least once, kill it 0 to 40 ms later: before, between or in the
            // middle of commits.
            QByteArray output;
            QElapsedTimer waited;
            waited.start();
            while (!output.contains('\n') && waited.elapsed() < 20'000) {
                QVERIFY2(saver.state() == QProcess::Running, saver.readAllStandardError().constData());
                saver.waitForReadyRead(100);
                output += saver.readAllStandardOutput();
            }
            QVERIFY2(output.contains('\n'), "the saver acknowledged nothing in 20 s");
            const int delayMs = int(random.bounded(40));
            if (delayMs > 0) {
                QElapsedTimer delay;
                delay.start();
                while (delay.elapsed() < delayMs)
                    saver.waitForReadyRead(int(delayMs - delay.elapsed()) + 1);
            }
            saver.kill(); // SIGKILL
            QVERIFY(saver.waitForFinished(10'000));
            output += saver.readAllStandardOutput();
            QCOMPARE(saver.exitStatus(), QProcess::CrashExit);

            // Complete lines only: a line cut by the kill was not acknowledged in full.
            QList<int> acknowledged;
            const QList<QByteArray> lines = output.split('\n');
            for (qsizetype i = 0; i + 1 < lines.size(); ++i) {
                QVERIFY2(lines[i].startsWith("saved "), lines[i].constData());
                acknowledged.append(lines[i].mid(6).toInt());
            }
            QVERIFY(!acknowledged.isEmpty());
            QCOMPARE(acknowledged.first(), lastAcknowledged + 1);
            lastAcknowledged = acknowledged.last();
            acknowledgedTotal += int(acknowledged.size());

            // Reopened, as the console would after the crash.
            NoticeStore store;
            const auto opened = store.open(dir.path());
            QVERIFY2(opened.has_value(), qPrintable(errorOf(opened)));
            const auto notices = store.notices().result();
            QVERIFY(notices.has_value());
            QCOMPARE(notices->size(), 1);
            const auto revisions = store.revisions(notices->constFirst().id).result();
            QVERIFY2(revisions.has_value(), qPrintable(errorOf(revisions)));
            // Every revision there is whole (one saved but not yet acknowledged may be there too),
            // numbered from 1 without a gap.
            for (qsizetype i = 0; i < revisions->size(); ++i) {
                QCOMPARE(revisions->at(i).number, int(i + 1));
                QVERIFY2(revisions->at(i).draft == Test::draftForRevision(int(i + 1)),
                         qPrintable(u"round %1: revision %2 is not what was saved"_s.arg(round).arg(i + 1)));
            }
            QVERIFY2(revisions->size() >= lastAcknowledged,
                     qPrintable(u"round %1: revision %2 was acknowledged, the store holds %3"_s.arg(round)
                                    .arg(lastAcknowledged)
                                    .arg(revisions->size())));
            // The next round continues after what is there.
            lastAcknowledged = int(revisions->size());

            SqliteConnection check;
            QVERIFY(check.open(store.databasePath(), SqliteConnection::Role::Reader).has_value());
            QSqlQuery integrity(check.database());
            QVERIFY(integrity.exec(u"PRAGMA integrity_check"_s));
            QVERIFY(integrity.next());
            QCOMPARE(integrity.value(0).toString(), u"ok"_s);
        }
        qInfo("%d revisions acknowledged over %d kills", acknowledgedTotal, rounds);
    }
};

QTEST_GUILESS_MAIN(TestNoticeDurability)
#include "tst_noticedurability.moc"

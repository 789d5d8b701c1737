// The console as a person first meets it: the real `vigie` under Xvfb, on the lab's workspace
// (nginx, a slow page, a closed port, mail banners, a DNS server on loopback). The window is
// grabbed once every service has a first result; the test checks the tiles the board reports and
// that the picture shows each one in its state's colour.
#include "screenshots.h"
#include "stateicons.h"

#include <QDir>
#include <QFile>
#include <QImage>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#ifndef VIGIE_BINARY
#error "tst_consolesmoke needs the vigie executable"
#endif

using namespace Vigie;

namespace {

int countNear(const QImage &image, const QRect &rect, const QColor &color, int tolerance)
{
    int count = 0;
    const QRect area = rect.intersected(image.rect());
    for (int y = area.top(); y <= area.bottom(); ++y)
        for (int x = area.left(); x <= area.right(); ++x) {
            const QColor pixel = image.pixelColor(x, y);
            if (std::abs(pixel.red() - color.red()) + std::abs(pixel.green() - color.green()) +
                    std::abs(pixel.blue() - color.blue()) <=
                tolerance)
                ++count;
        }
    return count;
}

} // namespace

class TestConsoleSmoke : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_lab = QStringLiteral(VIGIE_SOURCE_DIR "/tools/lab/lab");

    bool lab(const QString &verb)
    {
        QProcess process;
        process.start(m_lab, {verb, m_dir.filePath(QStringLiteral("lab")), QStringLiteral("28080")});
        return process.waitForFinished(30000) && process.exitCode() == 0;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QVERIFY2(!QStandardPaths::findExecutable(QStringLiteral("xvfb-run")).isEmpty(),
                 "xvfb-run is missing: tools/dev installs it (package xvfb)");
        QVERIFY2(lab(QStringLiteral("start")), "the lab did not start (nginx, socat, dnsmasq)");
    }

    void cleanupTestCase() { lab(QStringLiteral("stop")); }

    void consoleShowsTheLabLive()
    {
        const QString shot = m_dir.filePath(QStringLiteral("console.png"));
        QProcess vigie;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.remove(QStringLiteral("QT_QPA_PLATFORM")); // a real X server this time
        env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("xcb"));
        env.insert(QStringLiteral("HOME"), m_dir.filePath(QStringLiteral("home")));
        env.insert(QStringLiteral("XDG_CONFIG_HOME"), m_dir.filePath(QStringLiteral("home/.config")));
        vigie.setProcessEnvironment(env);
        vigie.setProcessChannelMode(QProcess::MergedChannels);
        vigie.start(QStringLiteral("xvfb-run"),
                    {QStringLiteral("-a"), QStringLiteral("-s"), QStringLiteral("-screen 0 1920x1080x24"),
                     QStringLiteral(VIGIE_BINARY), QStringLiteral("-geometry"), QStringLiteral("1920x1080+0+0"),
                     QStringLiteral("--workspace"), m_dir.filePath(QStringLiteral("lab/workspace.yaml")),
                     QStringLiteral("--data-dir"), m_dir.filePath(QStringLiteral("data")), QStringLiteral("--lang"),
                     QStringLiteral("en"), QStringLiteral("--screenshot"), shot,
                     QStringLiteral("--quit-after-screenshot")});
        QVERIFY(vigie.waitForStarted(10000));
        const bool finished = vigie.waitForFinished(90000);
        const QByteArray output = vigie.readAll();
        QVERIFY2(finished, output.constData());
        QVERIFY2(vigie.exitCode() == 0, output.constData());
        QVERIFY2(output.contains(shot.toUtf8()), output.constData()); // the path is printed

        const QImage image(shot);
        QVERIFY2(!image.isNull(), qPrintable(shot));
        QVERIFY(image.width() >= 800 && image.height() >= 500);
        // A copy outlives the temporary folder, for a person to look at.
        const QString kept = Test::screenshotPath(QStringLiteral("consolesmoke"));
        QFile::remove(kept);
        QVERIFY(QFile::copy(shot, kept));
        qInfo().noquote() << "Screenshot:" << kept;

        QFile dumpFile(shot + QStringLiteral(".json"));
        QVERIFY(dumpFile.open(QIODevice::ReadOnly));
        const QJsonObject dump = QJsonDocument::fromJson(dumpFile.readAll()).object();
        const QJsonArray tiles = dump.value(u"tiles").toArray();

        // What the lab's services are doing, by construction (billing fails at random): state, and
        // how the tile explains it.
        struct Expected
        {
            QString state;
            QString presentation = QStringLiteral("normal");
        };
        const QHash<QString, Expected> expected{
            {QStringLiteral("portal"), {QStringLiteral("up")}},
            {QStringLiteral("cas"), {QStringLiteral("up")}},
            {QStringLiteral("api"), {QStringLiteral("up")}},
            {QStringLiteral("search"), {QStringLiteral("degraded")}},
            {QStringLiteral("extranet"), {QStringLiteral("down")}},
            // Down because the extranet is: one alarm, not two.
            {QStringLiteral("extranet-notices"), {QStringLiteral("down"), QStringLiteral("impacted")}},
            // Down inside the kernel update's window: no alarm.
            {QStringLiteral("reporting"), {QStringLiteral("down"), QStringLiteral("maintenance")}},
            // The lab's certificate expires in 15 days: inside the 21-day warning window.
            {QStringLiteral("secure-portal"), {QStringLiteral("degraded")}},
            {QStringLiteral("site-certificate"), {QStringLiteral("degraded")}},
            // The provider's status page reports its Paris bandwidth degraded.
            {QStringLiteral("nimbus"), {QStringLiteral("degraded")}},
            {QStringLiteral("smtp"), {QStringLiteral("up")}},
            {QStringLiteral("imap"), {QStringLiteral("up")}},
            // dnsmasq answers the A and MX records the probes expect.
            {QStringLiteral("dns"), {QStringLiteral("up")}},
        };
        QCOMPARE(tiles.size(), 14);
        QStringList groups;
        QPalette palette; // the same default palette the console used
        for (const QJsonValue &value : tiles) {
            const QJsonObject tile = value.toObject();
            const QString id = tile.value(u"service").toString();
            const QString state = tile.value(u"state").toString();
            const QString presentation = tile.value(u"presentation").toString();
            if (!groups.contains(tile.value(u"group").toString()))
                groups.append(tile.value(u"group").toString());
            if (expected.contains(id)) {
                QVERIFY2(state == expected.value(id).state, qPrintable(id + QStringLiteral(" is ") + state));
                QVERIFY2(presentation == expected.value(id).presentation,
                         qPrintable(id + QStringLiteral(" is shown as ") + presentation));
            } else {
                QVERIFY2(state == u"up" || state == u"down", qPrintable(id + QStringLiteral(" is ") + state));
            }
            QVERIFY2(tile.value(u"visible").toBool(), qPrintable(id));

            const QJsonArray r = tile.value(u"rect").toArray();
            const QRect rect(r.at(0).toInt(), r.at(1).toInt(), r.at(2).toInt(), r.at(3).toInt());
            QVERIFY(image.rect().contains(rect));
            const HealthState health = healthStateFromName(state);
            QColor own = StateIcons::color(health, palette);
            if (presentation == u"maintenance")
                own = StateIcons::color(StateIcons::Explained::Maintenance, palette);
            else if (presentation == u"impacted")
                own = StateIcons::color(StateIcons::Explained::Impacted, palette);
            const int ownPixels = countNear(image, rect, own, 40);
            QVERIFY2(ownPixels >= 30,
                     qPrintable(QStringLiteral("%1: %2 pixels of its state's colour").arg(id).arg(ownPixels)));
            if (health == HealthState::Down) {
                const int green = countNear(image, rect, StateIcons::color(HealthState::Up, palette), 40);
                QVERIFY2(green < 5,
                         qPrintable(QStringLiteral("%1 is down but shows %2 green pixels").arg(id).arg(green)));
            }
            if (presentation != u"normal") {
                // Explained failures raise no alarm: no red on their tiles.
                const int red = countNear(image, rect, StateIcons::color(HealthState::Down, palette), 40);
                QVERIFY2(red < 5,
                         qPrintable(QStringLiteral("%1 is %2 but shows %3 red pixels").arg(id, presentation).arg(red)));
            }
        }
        QCOMPARE(groups, (QStringList{QStringLiteral("Web"), QStringLiteral("Backends"), QStringLiteral("Providers"),
                                      QStringLiteral("Mail"), QStringLiteral("Network")}));

        // The history went to the data folder.
        QVERIFY(QFile::exists(m_dir.filePath(QStringLiteral("data/vigie.sqlite"))));
    }
};

QTEST_MAIN(TestConsoleSmoke)
#include "tst_consolesmoke.moc"

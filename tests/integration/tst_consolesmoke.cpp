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
#include <QSettings>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#ifndef VIGIE_BINARY
#error "tst_consolesmoke needs the vigie executable"
#endif

using namespace Qt::StringLiterals;
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
    QString m_lab = QString::fromUtf8(VIGIE_SOURCE_DIR "/tools/lab/lab");

    bool lab(const QString &verb)
    {
        QProcess process;
        process.start(m_lab, {verb, m_dir.filePath(u"lab"_s), u"28080"_s});
        return process.waitForFinished(30000) && process.exitCode() == 0;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QVERIFY2(!QStandardPaths::findExecutable(u"xvfb-run"_s).isEmpty(),
                 "xvfb-run is missing: tools/dev installs it (package xvfb)");
        QVERIFY2(lab(u"start"_s), "the lab did not start (nginx, socat, dnsmasq)");
    }

    void cleanupTestCase() { lab(u"stop"_s); }

    void consoleShowsTheLabLive()
    {
        const QString shot = m_dir.filePath(u"console.png"_s);
        QProcess vigie;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.remove(u"QT_QPA_PLATFORM"_s); // a real X server this time
        env.insert(u"QT_QPA_PLATFORM"_s, u"xcb"_s);
        env.insert(u"HOME"_s, m_dir.filePath(u"home"_s));
        env.insert(u"XDG_CONFIG_HOME"_s, m_dir.filePath(u"home/.config"_s));
        vigie.setProcessEnvironment(env);
        vigie.setProcessChannelMode(QProcess::MergedChannels);
        vigie.start(u"xvfb-run"_s, {u"-a"_s, u"-s"_s, u"-screen 0 1920x1080x24"_s, QString::fromUtf8(VIGIE_BINARY),
                                    u"-geometry"_s, u"1920x1080+0+0"_s, u"--workspace"_s,
                                    m_dir.filePath(u"lab/workspace.yaml"_s), u"--data-dir"_s, m_dir.filePath(u"data"_s),
                                    u"--lang"_s, u"en"_s, u"--screenshot"_s, shot, u"--quit-after-screenshot"_s});
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
        const QString kept = Test::screenshotPath(u"consolesmoke"_s);
        QFile::remove(kept);
        QVERIFY(QFile::copy(shot, kept));
        qInfo().noquote() << "Screenshot:" << kept;

        QFile dumpFile(shot + u".json"_s);
        QVERIFY(dumpFile.open(QIODevice::ReadOnly));
        const QJsonObject dump = QJsonDocument::fromJson(dumpFile.readAll()).object();
        const QJsonArray tiles = dump.value(u"tiles").toArray();

        // What the lab's services are doing, by construction (billing fails at random; the uplink and the
        // error rate follow the scenarios of vigie-lab-traffic, when it is built): state, and
        // how the tile explains it.
        struct Expected
        {
            QString state;
            QString presentation = u"normal"_s;
        };
        const QHash<QString, Expected> expected{
            {u"portal"_s, {u"up"_s}},
            {u"cas"_s, {u"up"_s}},
            {u"api"_s, {u"up"_s}},
            {u"search"_s, {u"degraded"_s}},
            {u"extranet"_s, {u"down"_s}},
            // Down because the extranet is: one alarm, not two.
            {u"extranet-notices"_s, {u"down"_s, u"impacted"_s}},
            // Down inside the kernel update's window: no alarm.
            {u"reporting"_s, {u"down"_s, u"maintenance"_s}},
            // The lab's certificate expires in 15 days: inside the 21-day warning window.
            {u"secure-portal"_s, {u"degraded"_s}},
            {u"site-certificate"_s, {u"degraded"_s}},
            // The provider's status page reports its Paris bandwidth degraded.
            {u"nimbus"_s, {u"degraded"_s}},
            {u"smtp"_s, {u"up"_s}},
            {u"imap"_s, {u"up"_s}},
            // dnsmasq answers the A and MX records the probes expect.
            {u"dns"_s, {u"up"_s}},
            // blackbox_exporter, read through prometheus, finds one of the lab's sites closed.
            {u"fleet"_s, {u"down"_s}},
        };
        QCOMPARE(tiles.size(), 17);
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
                QVERIFY2(state == expected.value(id).state, qPrintable(id + u" is "_s + state));
                QVERIFY2(presentation == expected.value(id).presentation,
                         qPrintable(id + u" is shown as "_s + presentation));
            } else {
                QVERIFY2(state == u"up" || state == u"down", qPrintable(id + u" is "_s + state));
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
            QVERIFY2(ownPixels >= 30, qPrintable(u"%1: %2 pixels of its state's colour"_s.arg(id).arg(ownPixels)));
            // A down tile shows no green, where its state is the lab's by design. The others (the
            // uplink's measured bandwidth, the rising error rate) may have been up a moment ago, and
            // their sparkline says so.
            if (health == HealthState::Down && expected.contains(id)) {
                const int green = countNear(image, rect, StateIcons::color(HealthState::Up, palette), 40);
                QVERIFY2(green < 5, qPrintable(u"%1 is down but shows %2 green pixels"_s.arg(id).arg(green)));
            }
            if (presentation != u"normal") {
                // Explained failures raise no alarm: no red on their tiles.
                const int red = countNear(image, rect, StateIcons::color(HealthState::Down, palette), 40);
                QVERIFY2(red < 5, qPrintable(u"%1 is %2 but shows %3 red pixels"_s.arg(id, presentation).arg(red)));
            }
        }
        QCOMPARE(groups, (QStringList{u"Web"_s, u"Backends"_s, u"Providers"_s, u"Mail"_s, u"Network"_s}));

        // The history went to the data folder.
        QVERIFY(QFile::exists(m_dir.filePath(u"data/vigie.sqlite"_s)));
    }

    // What Tools › Settings… saved applies at the next start: the language and the data folder,
    // when the command line says neither.
    void theSettingsApplyAtTheNextStart()
    {
        const QString config = m_dir.filePath(u"settings-home/.config"_s);
        const QString folder = m_dir.filePath(u"chosen-data"_s);
        {
            QSettings settings(config + u"/Vigie/vigie.conf"_s, QSettings::IniFormat);
            settings.setValue(u"appearance/language"_s, u"fr"_s);
            settings.setValue(u"data/folder"_s, folder);
        }
        const QString shot = m_dir.filePath(u"console-settings.png"_s);
        QProcess vigie;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(u"QT_QPA_PLATFORM"_s, u"offscreen"_s);
        env.insert(u"HOME"_s, m_dir.filePath(u"settings-home"_s));
        env.insert(u"XDG_CONFIG_HOME"_s, config);
        env.insert(u"LANG"_s, u"C.UTF-8"_s);
        vigie.setProcessEnvironment(env);
        vigie.setProcessChannelMode(QProcess::MergedChannels);
        vigie.start(QString::fromUtf8(VIGIE_BINARY), {u"--workspace"_s, m_dir.filePath(u"lab/workspace.yaml"_s),
                                                      u"--screenshot"_s, shot, u"--quit-after-screenshot"_s});
        QVERIFY(vigie.waitForStarted(10000));
        const bool finished = vigie.waitForFinished(90000);
        const QByteArray output = vigie.readAll();
        QVERIFY2(finished && vigie.exitCode() == 0, output.constData());
        QVERIFY(QFile::exists(folder + u"/vigie.sqlite"_s));
        QFile dumpFile(shot + u".json"_s);
        QVERIFY(dumpFile.open(QIODevice::ReadOnly));
        const QJsonArray tiles = QJsonDocument::fromJson(dumpFile.readAll()).object().value(u"tiles").toArray();
        const auto extranet = std::ranges::find_if(
            tiles, [](const QJsonValue &tile) { return tile.toObject().value(u"service").toString() == u"extranet"; });
        QVERIFY(extranet != tiles.end());
        QCOMPARE((*extranet).toObject().value(u"state_text").toString(), u"En panne"_s);
    }
};

QTEST_MAIN(TestConsoleSmoke)
#include "tst_consolesmoke.moc"

#include "vigieprocess.h"

#include <QProcess>
#include <QProcessEnvironment>
#include <QTest>

using namespace Qt::StringLiterals;

namespace Vigie::Test {

VigieRun runVigie(const QString &binary, const QStringList &arguments, const VigieRunOptions &options)
{
    QProcess process;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.remove(u"DISPLAY"_s);
    env.remove(u"WAYLAND_DISPLAY"_s);
    if (options.withoutPlatform)
        env.remove(u"QT_QPA_PLATFORM"_s);
    else
        env.insert(u"QT_QPA_PLATFORM"_s, u"minimal"_s);
    env.insert(u"LANG"_s, u"C.UTF-8"_s);
    if (!options.timeZone.isEmpty())
        env.insert(u"TZ"_s, options.timeZone);
    for (const auto &[name, value] : options.environment)
        env.insert(name, value);
    process.setProcessEnvironment(env);
    process.start(binary, arguments);
    if (!process.waitForStarted(5000))
        return {};
    process.write(options.input);
    process.closeWriteChannel();
    if (!QTest::qWaitFor([&process] { return process.state() == QProcess::NotRunning; }, options.timeoutMs)) {
        process.kill();
        process.waitForFinished();
        return {};
    }
    return {process.exitCode(), process.readAllStandardOutput(), process.readAllStandardError()};
}

} // namespace Vigie::Test

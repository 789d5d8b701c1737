#include "commandchannel.h"

#include "channelpool.h"
#include "core/numbertext.h"

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QJsonDocument>
#include <QLocale>
#include <QProcess>
#include <QProcessEnvironment>
#include <QPromise>
#include <QtConcurrent/QtConcurrentRun>

#ifdef Q_OS_UNIX
#include <csignal>
#endif
#if defined(Q_OS_LINUX) && __has_include(<linux/close_range.h>)
#include <linux/close_range.h>
#include <unistd.h>
#define VIGIE_HAS_CLOSE_RANGE 1
#endif

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;

namespace Vigie {

namespace {

struct Texts
{
    Q_DECLARE_TR_FUNCTIONS(Vigie::CommandChannel)
};

// How long a terminated command has to go before it is killed.
constexpr std::chrono::milliseconds killGrace = 2s;
// How often the wait looks whether the delivery was cancelled, and keeps only the tail of what the
// command writes to standard error (a chatty one never fills the memory).
constexpr std::chrono::milliseconds waitSlice = 250ms;
constexpr qsizetype keptErrorBytes = 4096;
constexpr qsizetype quotedChars = 300;

struct Job
{
    QString program;
    QStringList arguments;
    QList<std::pair<QString, QString>> environment;
    QByteArray input;
    std::chrono::milliseconds timeout{30'000};
};

// "30 s", "1.5 s": whole seconds without a decimal.
QString secondsText(std::chrono::milliseconds duration)
{
    if (duration.count() % 1000 == 0)
        return QLocale().toString(qint64(duration.count() / 1000));
    return formatSeconds(duration);
}

// The last line the command wrote to standard error, made safe to show.
QString lastLine(const QByteArray &output)
{
    const QList<QByteArray> lines = output.split('\n');
    for (auto it = lines.crbegin(); it != lines.crend(); ++it) {
        QString line = QString::fromLocal8Bit(*it);
        for (QChar &c : line)
            if (c.category() == QChar::Other_Control)
                c = u' ';
        line = line.simplified();
        if (line.isEmpty())
            continue;
        if (line.size() > quotedChars)
            line = line.left(quotedChars) + u'…';
        return line;
    }
    return {};
}

// Ends the command and whatever it started: SIGTERM to its session's process group, SIGKILL to
// the group 2 s later if the command is still there, and to whatever of the group outlived it.
void stop(QProcess &process)
{
#ifdef Q_OS_UNIX
    // The command leads a session of its own: its process group is its pid.
    const pid_t group = pid_t(process.processId());
    if (group > 0) {
        ::kill(-group, SIGTERM);
        process.waitForFinished(int(killGrace.count()));
        // The group's id stays taken while any member lives: this reaches only what the command
        // started (a child ignoring SIGTERM), or nothing.
        ::kill(-group, SIGKILL);
        process.waitForFinished(-1);
        return;
    }
#endif
    process.terminate();
    if (!process.waitForFinished(int(killGrace.count()))) {
        process.kill();
        process.waitForFinished(-1);
    }
}

std::optional<DeliveryOutcome> run(QPromise<DeliveryOutcome> &promise, const Job &job)
{
    using Kind = DeliveryOutcome::Kind;
    QProcess process;
    process.setProgram(job.program);
    process.setArguments(job.arguments);
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    for (const auto &[name, value] : job.environment)
        environment.insert(name, value);
    process.setProcessEnvironment(environment);
    process.setStandardOutputFile(QProcess::nullDevice());
#ifdef Q_OS_UNIX
    // A session of its own, so that a timeout ends what it started too; default signal
    // dispositions.
    process.setUnixProcessParameters(QProcess::UnixProcessFlag::CreateNewSession |
                                     QProcess::UnixProcessFlag::ResetSignalHandlers);
#endif
#ifdef VIGIE_HAS_CLOSE_RANGE
    // None of the console's files (its database, its sockets) stays open in the command, even one
    // opened without O_CLOEXEC. Marked close-on-exec rather than closed: QProcess's
    // CloseFileDescriptors would close the pipe through which Qt learns that exec failed (Qt 6.8),
    // and a program that is not there would read as one that exited with 255.
    process.setChildProcessModifier([] { ::close_range(3, ~0U, CLOSE_RANGE_CLOEXEC); });
#endif
    process.start();
    if (!process.waitForStarted(-1))
        return DeliveryOutcome{Kind::Failed,
                               Texts::tr("%1 could not be started: %2").arg(job.program, process.errorString()),
                               std::nullopt};
    process.write(job.input);
    process.closeWriteChannel();

    const QDeadlineTimer deadline(job.timeout);
    QByteArray errors;
    bool timedOut = false;
    while (process.state() != QProcess::NotRunning) {
        const qint64 slice = std::min<qint64>(waitSlice.count(), std::max<qint64>(0, deadline.remainingTime()));
        process.waitForFinished(int(std::max<qint64>(1, slice)));
        errors += process.readAllStandardError();
        if (errors.size() > keptErrorBytes)
            errors = errors.right(keptErrorBytes);
        if (process.state() == QProcess::NotRunning)
            break;
        if (promise.isCanceled()) {
            stop(process);
            return std::nullopt;
        }
        if (deadline.hasExpired()) {
            timedOut = true;
            stop(process);
            break;
        }
    }
    errors += process.readAllStandardError();
    const QString said = lastLine(errors.right(keptErrorBytes));

    if (timedOut)
        return DeliveryOutcome{Kind::RetryLater,
                               Texts::tr("%1 was killed after %2 s").arg(job.program, secondsText(job.timeout)),
                               std::nullopt};
    if (process.exitStatus() == QProcess::CrashExit)
        return DeliveryOutcome{Kind::RetryLater,
                               said.isEmpty() ? Texts::tr("%1 crashed").arg(job.program)
                                              : Texts::tr("%1 crashed: %2").arg(job.program, said),
                               std::nullopt};
    if (process.exitCode() != 0)
        return DeliveryOutcome{
            Kind::RetryLater,
            said.isEmpty()
                ? Texts::tr("%1 exited with code %2").arg(job.program, QString::number(process.exitCode()))
                : Texts::tr("%1 exited with code %2: %3").arg(job.program, QString::number(process.exitCode()), said),
            std::nullopt};
    return DeliveryOutcome{Kind::Delivered, Texts::tr("%1 exited with code 0").arg(job.program), std::nullopt};
}

} // namespace

CommandChannel::CommandChannel(AlertChannelSpec spec)
    : m_spec(std::move(spec))
{}

CommandChannel::~CommandChannel() = default;

QFuture<DeliveryOutcome> CommandChannel::deliver(const Alert &alert)
{
    if (m_spec.command.isEmpty() || m_spec.command.constFirst().isEmpty())
        return QtFuture::makeReadyValueFuture(
            DeliveryOutcome{DeliveryOutcome::Kind::Failed, Texts::tr("the channel has no command"), std::nullopt});
    Job job;
    job.program = m_spec.command.constFirst();
    job.arguments = m_spec.command.mid(1);
    job.environment = environment(alert);
    job.input = QJsonDocument(alert.toJson()).toJson(QJsonDocument::Compact) + '\n';
    job.timeout = m_spec.timeout;
    return QtConcurrent::run(alertChannelPool(), [job = std::move(job)](QPromise<DeliveryOutcome> &promise) {
        const std::optional<DeliveryOutcome> outcome = run(promise, job);
        if (outcome && !promise.isCanceled())
            promise.addResult(*outcome);
    });
}

QList<std::pair<QString, QString>> CommandChannel::environment(const Alert &alert)
{
    return {
        {u"VIGIE_ALERT_KIND"_s, alertKindName(alert.kind)},
        {u"VIGIE_ALERT_STATUS"_s, alert.resolved ? u"resolved"_s : u"firing"_s},
        {u"VIGIE_ALERT_SERVICE"_s, alert.serviceId},
        {u"VIGIE_ALERT_SERVICE_NAME"_s, alert.serviceName},
        {u"VIGIE_ALERT_GROUP"_s, alert.group},
        {u"VIGIE_ALERT_STATE"_s, healthStateName(alert.state)},
        {u"VIGIE_ALERT_TITLE"_s, alert.title()},
        {u"VIGIE_ALERT_CAUSE"_s, alert.cause},
        {u"VIGIE_ALERT_KEY"_s, alert.key},
    };
}

} // namespace Vigie

#include "secretcommand.h"

#include "core/terminaltext.h"
#include "noticeoutput.h"
#include "secrets/secretstore.h"
#include "workspace/valueparsers.h"
#include "workspace/workspaceloader.h"

#include <QEventLoop>
#include <QFile>
#include <QFutureWatcher>

#include <algorithm>
#include <cstdio>

#ifdef Q_OS_UNIX
#include <termios.h>
#include <unistd.h>
#elif defined(Q_OS_WIN)
#include <io.h>
#include <windows.h>
#endif

using namespace Qt::StringLiterals;

namespace Vigie {

namespace {

bool stdinIsTerminal()
{
#ifdef Q_OS_UNIX
    return ::isatty(STDIN_FILENO) != 0;
#elif defined(Q_OS_WIN)
    return ::_isatty(_fileno(stdin)) != 0;
#else
    return false;
#endif
}

// Keeps what is typed off the screen (and out of terminal scrollback) while it lives.
class EchoOff
{
public:
    EchoOff()
    {
#ifdef Q_OS_UNIX
        if (::tcgetattr(STDIN_FILENO, &m_saved) == 0) {
            termios quiet = m_saved;
            quiet.c_lflag &= ~tcflag_t(ECHO);
            m_active = ::tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet) == 0;
        }
#elif defined(Q_OS_WIN)
        m_handle = ::GetStdHandle(STD_INPUT_HANDLE);
        if (::GetConsoleMode(m_handle, &m_saved))
            m_active = ::SetConsoleMode(m_handle, m_saved & ~DWORD(ENABLE_ECHO_INPUT));
#endif
    }
    ~EchoOff()
    {
#ifdef Q_OS_UNIX
        if (m_active)
            ::tcsetattr(STDIN_FILENO, TCSAFLUSH, &m_saved);
#elif defined(Q_OS_WIN)
        if (m_active)
            ::SetConsoleMode(m_handle, m_saved);
#endif
    }
    EchoOff(const EchoOff &) = delete;
    EchoOff &operator=(const EchoOff &) = delete;

private:
    bool m_active = false;
#ifdef Q_OS_UNIX
    termios m_saved{};
#elif defined(Q_OS_WIN)
    HANDLE m_handle = nullptr;
    DWORD m_saved = 0;
#endif
};

// On a terminal, one line typed without echo; from a pipe or a file, everything. Either way a
// trailing line break is the terminal's or `echo`'s, not the secret's.
QByteArray readSecret(const QString &name, QTextStream &err)
{
    QFile in;
    if (!in.open(stdin, QIODevice::ReadOnly))
        return {};
    QByteArray secret;
    if (stdinIsTerminal()) {
        err << SecretCommand::tr("Secret for %1 (not shown): ").arg(name);
        err.flush();
        {
            const EchoOff echoOff;
            secret = in.readLine();
        }
        err << '\n';
        err.flush();
    } else {
        secret = in.readAll();
    }
    if (secret.endsWith('\n'))
        secret.chop(1);
    if (secret.endsWith('\r'))
        secret.chop(1);
    return secret;
}

SecretStore::Lookup readSecrets(const QStringList &names)
{
    return NoticeOutput::waitFor(SecretStore::read(names));
}

// A name no workspace could give is refused before anything is read or stored.
bool refuseInvalidName(const QString &name, QTextStream &err)
{
    if (isValidSecretName(name))
        return false;
    err << SecretCommand::tr("vigie: \"%1\" is not a secret name: use letters, digits, '.', '_' and '-' only, as a "
                             "workspace's 'secret:' does.")
               .arg(terminalSafe(name))
        << '\n';
    return true;
}

} // namespace

int SecretCommand::set(const QString &name, QTextStream &out, QTextStream &err)
{
    if (refuseInvalidName(name, err))
        return 2;
    const QByteArray secret = readSecret(name, err);
    if (secret.isEmpty()) {
        err << tr("vigie: no secret was read from standard input, so nothing was stored for %1.").arg(name) << '\n';
        return 2;
    }
    if (const auto written = SecretStore::write(name, secret); !written) {
        err << u"vigie: "_s << written.error() << '\n';
        return 1;
    }
    out << tr("The secret %1 is stored in the system keychain.").arg(name) << '\n';
    return 0;
}

int SecretCommand::remove(const QString &name, QTextStream &out, QTextStream &err)
{
    if (refuseInvalidName(name, err))
        return 2;
    if (const auto removed = SecretStore::remove(name); !removed) {
        err << u"vigie: "_s << removed.error() << '\n';
        return 1;
    }
    out << tr("The secret %1 is no longer in the system keychain.").arg(name) << '\n';
    return 0;
}

int SecretCommand::check(const QString &workspacePath, QTextStream &out, QTextStream &err)
{
    const auto loaded = WorkspaceLoader::loadFile(workspacePath);
    if (!loaded) {
        for (const WorkspaceError &error : loaded.error())
            err << error.toString() << '\n';
        return 2;
    }
    const QStringList names = loaded->secretNames();
    if (names.isEmpty()) {
        out << tr("The workspace names no secrets.") << '\n';
        return 0;
    }
    const SecretStore::Lookup lookup = readSecrets(names);
    if (!lookup.error.isEmpty()) {
        err << u"vigie: "_s << lookup.error << '\n';
        return 1;
    }
    qsizetype width = 0;
    for (const QString &name : names)
        width = std::max(width, name.size());
    for (const QString &name : names) {
        if (lookup.secrets.contains(name))
            out << name.leftJustified(width + 2) << tr("present") << '\n';
        else
            out << name.leftJustified(width + 2) << tr("missing: add it with: vigie secret set %1").arg(name) << '\n';
    }
    return lookup.missing.isEmpty() && lookup.secrets.size() == names.size() ? 0 : 1;
}

} // namespace Vigie

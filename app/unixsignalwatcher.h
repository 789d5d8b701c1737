#pragma once

#include <QObject>

namespace Vigie {

// Turns SIGINT and SIGTERM into a Qt signal on the GUI thread (self-pipe trick), so that the
// console quits the normal way and the store flushes what it holds. A second signal does not wait
// for that: the process exits at once with status 128 + the signal's number. No-op off Unix.
class UnixSignalWatcher final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(UnixSignalWatcher)

public:
    explicit UnixSignalWatcher(QObject *parent = nullptr);
    ~UnixSignalWatcher() override;

Q_SIGNALS:
    void terminationRequested(int signalNumber);
};

} // namespace Vigie

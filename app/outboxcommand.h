#pragma once

#include <QCoreApplication>
#include <QTextStream>

namespace Vigie {

struct Options;

// `vigie outbox flush`: delivers the outbox of a data folder to the workspace's status sites now
// (the relay the console runs, until nothing is due), and `vigie outbox retry|cancel ID`: the
// engineer's hand on one entry. Exit codes: 0 nothing left pending (flush) or done, 1 the notices
// could not be read or written, 2 a usage, workspace or entry error, 3 entries left pending (each
// listed with its reason on standard error).
class OutboxCommand
{
    Q_DECLARE_TR_FUNCTIONS(Vigie::OutboxCommand)

public:
    static int run(const Options &options, QTextStream &out, QTextStream &err);
};

} // namespace Vigie

#pragma once

#include <QCoreApplication>
#include <QTextStream>

namespace Vigie {

struct Options;

// `vigie report`: the availability and the outages of a workspace's services over a range, read
// from the history (the store the console and `vigie watch` write), as JSON, Markdown or CSV
// (ReportFormat). Returns the exit code: 0 printed, 1 the history could not be read, 2 an invalid
// workspace or service.
class ReportCommand
{
    Q_DECLARE_TR_FUNCTIONS(Vigie::ReportCommand)

public:
    static int run(const Options &options, QTextStream &out, QTextStream &err);
};

} // namespace Vigie

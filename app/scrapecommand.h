#pragma once

#include <QCoreApplication>
#include <QTextStream>

namespace Vigie {

struct ScrapeResult;

// `vigie scrape URL`: fetches one metrics endpoint as Prometheus would (OpenMetrics or text 0.0.4,
// from the Content-Type), parses it and prints its samples. Returns the exit code: 0 when it
// parsed, 1 when the fetch failed, 3 when the text is invalid (URL:line:column on stderr).
class ScrapeCommand
{
    Q_DECLARE_TR_FUNCTIONS(Vigie::ScrapeCommand)

public:
    static int run(const QString &url, bool json, QTextStream &out, QTextStream &err);

    static QString toTable(const ScrapeResult &result);
    static QByteArray toJson(const ScrapeResult &result);
};

} // namespace Vigie

#pragma once

#include "core/sourcelocation.h"

#include <QList>
#include <QMetaType>
#include <QString>

#include <chrono>
#include <optional>

namespace Vigie {

using namespace std::chrono_literals;

enum class ProbeKind { Http, Tcp };

// An inclusive range of HTTP status codes; a single code is a range of one.
struct StatusRange
{
    int from = 200;
    int to = 399;
    bool contains(int status) const { return status >= from && status <= to; }
    friend bool operator==(const StatusRange &, const StatusRange &) = default;
};

struct ProbeSpec
{
    ProbeKind kind = ProbeKind::Http;
    QString target; // http(s) URL, or host:port for tcp
    std::chrono::milliseconds interval = 60s;
    std::chrono::milliseconds timeout = 10s; // a hard deadline for the whole probe

    // HTTP
    QList<StatusRange> expectStatus = {StatusRange{200, 399}};
    QString expectBodyContains;                          // empty: no body check
    std::optional<std::chrono::milliseconds> maxLatency; // slower: degraded
    int maxRedirects = 10;
    qint64 maxBodyBytes = 1024 * 1024; // a larger body fails the probe

    // TCP
    QString expectBanner; // a regular expression the first line must match; empty: connect only

    SourceLocation location; // where the probe is written

    QString kindName() const { return kind == ProbeKind::Http ? QStringLiteral("http") : QStringLiteral("tcp"); }
};

struct Service
{
    QString id;
    QString name;
    QString group;
    QList<ProbeSpec> probes;
    SourceLocation location;
};

struct Workspace
{
    QString name;
    QString filePath; // absolute path of the file it was loaded from
    QList<Service> services;

    const Service *service(const QString &id) const
    {
        for (const Service &s : services)
            if (s.id == id)
                return &s;
        return nullptr;
    }
    int probeCount() const
    {
        int n = 0;
        for (const Service &s : services)
            n += int(s.probes.size());
        return n;
    }
};

} // namespace Vigie

Q_DECLARE_METATYPE(Vigie::Workspace)

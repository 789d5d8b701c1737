#include "benchworkspace.h"

#include <QChar>

using namespace Qt::StringLiterals;

namespace Vigie::Bench {

QString targetUrl(quint16 port, int index)
{
    return u"http://127.0.0.1:%1/t/%2"_s.arg(port).arg(index % Targets + 1, 5, 10, QChar(u'0'));
}

Workspace makeWorkspace(quint16 port, int services)
{
    Workspace workspace;
    workspace.name = u"bench"_s;
    workspace.services.reserve(services);
    for (int i = 0; i < services; ++i) {
        const bool fast = i >= SlowTargets;
        Service service;
        service.id = u"t%1"_s.arg(i + 1, 5, 10, QChar(u'0'));
        service.name = u"Target %1"_s.arg(i + 1);
        service.group = u"Fleet %1"_s.arg(i / TilesPerGroup + 1, 2, 10, QChar(u'0'));
        ProbeSpec probe;
        probe.setKind(ProbeKind::Http);
        probe.target = targetUrl(port, i);
        probe.interval = fast ? FastInterval : SlowInterval;
        // Below the interval, so that a turn is skipped only when the engine cannot keep up.
        probe.timeout = fast ? 4s : 10s;
        service.probes = {probe};
        workspace.services.append(service);
    }
    return workspace;
}

QByteArray workspaceYaml(const Workspace &workspace)
{
    QByteArray yaml = "name: " + workspace.name.toUtf8() + "\nservices:\n";
    yaml.reserve(qsizetype(workspace.services.size()) * 160);
    for (const Service &service : workspace.services) {
        yaml += "  - id: " + service.id.toUtf8() + "\n    name: " + service.name.toUtf8() +
                "\n    group: " + service.group.toUtf8() + "\n    probes:\n";
        for (const ProbeSpec &probe : service.probes) {
            yaml += "      - http: " + probe.target.toUtf8() +
                    "\n        interval: " + QByteArray::number(probe.interval.count()) +
                    "ms\n        timeout: " + QByteArray::number(probe.timeout.count()) + "ms\n";
        }
    }
    return yaml;
}

} // namespace Vigie::Bench

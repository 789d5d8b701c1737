#pragma once

#include "workspace/workspace.h"

namespace Vigie::Test {

using namespace Qt::StringLiterals;

// A service of the alert tests' lab: one HTTP probe, its group, what it depends on.
inline Service alertLabService(const QString &id, const QString &name, const QString &group,
                               const QStringList &dependsOn = {})
{
    Service s;
    s.id = id;
    s.name = name;
    s.group = group;
    s.dependsOn = dependsOn;
    ProbeSpec http;
    http.setKind(ProbeKind::Http);
    http.target = u"https://%1.example.org/"_s.arg(id);
    s.probes.append(http);
    return s;
}

} // namespace Vigie::Test

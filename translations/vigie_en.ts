<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name>Vigie::Alert</name>
    <message numerus="yes">
        <source>Changed state %n times since %1.</source>
        <translation>
            <numerusform>Changed state %n time since %1.</numerusform>
            <numerusform>Changed state %n times since %1.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 and %n more</source>
        <translation>
            <numerusform>%1 and %n more</numerusform>
            <numerusform>%1 and %n more</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Vigie::AlertCommand</name>
    <message numerus="yes">
        <source>%n mute(s) ended.</source>
        <translation>
            <numerusform>%n mute ended.</numerusform>
            <numerusform>%n mutes ended.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Vigie::Duration</name>
    <message numerus="yes">
        <source>for %n s</source>
        <translation>
            <numerusform>for %n s</numerusform>
            <numerusform>for %n s</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>for %n min</source>
        <translation>
            <numerusform>for %n min</numerusform>
            <numerusform>for %n min</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>for %n h</source>
        <translation>
            <numerusform>for %n h</numerusform>
            <numerusform>for %n h</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>for %n d</source>
        <translation>
            <numerusform>for %n d</numerusform>
            <numerusform>for %n d</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Vigie::EventLogPanel</name>
    <message numerus="yes">
        <source>The newest %n event(s)</source>
        <translation>
            <numerusform>The newest %n event</numerusform>
            <numerusform>The newest %n events</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n event(s)</source>
        <translation>
            <numerusform>%n event</numerusform>
            <numerusform>%n events</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Vigie::Freshness</name>
    <message numerus="yes">
        <source>No result has arrived for more than %n second(s): what is shown may be out of date.</source>
        <translation>
            <numerusform>No result has arrived for more than %n second: what is shown may be out of date.</numerusform>
            <numerusform>No result has arrived for more than %n seconds: what is shown may be out of date.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Vigie::HealthTracker</name>
    <message numerus="yes">
        <source>%n consecutive failures: %1</source>
        <translation>
            <numerusform>%n consecutive failure: %1</numerusform>
            <numerusform>%n consecutive failures: %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n consecutive successes</source>
        <translation>
            <numerusform>%n consecutive success</numerusform>
            <numerusform>%n consecutive successes</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Vigie::MainWindow</name>
    <message numerus="yes">
        <source>%n probe(s) running</source>
        <translation>
            <numerusform>%n probe running</numerusform>
            <numerusform>%n probes running</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n service(s) failing</source>
        <translation>
            <numerusform>%n service failing</numerusform>
            <numerusform>%n services failing</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n service(s) degraded</source>
        <translation>
            <numerusform>%n service degraded</numerusform>
            <numerusform>%n services degraded</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n impacted by a dependency</source>
        <translation>
            <numerusform>%n impacted by a dependency</numerusform>
            <numerusform>%n impacted by a dependency</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n in maintenance</source>
        <translation>
            <numerusform>%n in maintenance</numerusform>
            <numerusform>%n in maintenance</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n down</source>
        <translation>
            <numerusform>%n down</numerusform>
            <numerusform>%n down</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n degraded</source>
        <translation>
            <numerusform>%n degraded</numerusform>
            <numerusform>%n degraded</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Vigie::OutboxCommand</name>
    <message numerus="yes">
        <source>%n published</source>
        <translation>
            <numerusform>%n published</numerusform>
            <numerusform>%n published</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>, %n left pending.</source>
        <translation>
            <numerusform>, %n left pending.</numerusform>
            <numerusform>, %n left pending.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Vigie::PrometheusProber</name>
    <message numerus="yes">
        <source>and %n more</source>
        <translation>
            <numerusform>and %n more</numerusform>
            <numerusform>and %n more</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Vigie::ReportFormat</name>
    <message numerus="yes">
        <source>%n outage(s) from %1 to %2, %3 in all</source>
        <translation>
            <numerusform>%n outage from %1 to %2, %3 in all</numerusform>
            <numerusform>%n outages from %1 to %2, %3 in all</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>All services (%n)</source>
        <translation>
            <numerusform>All services (%n)</numerusform>
            <numerusform>All services (%n)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Group %1 (%n service(s))</source>
        <translation>
            <numerusform>Group %1 (%n service)</numerusform>
            <numerusform>Group %1 (%n services)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Vigie::ReportsView</name>
    <message numerus="yes">
        <source>%1 to %2 (UTC): availability %3 over %n service(s); %4.</source>
        <translation>
            <numerusform>%1 to %2 (UTC): availability %3 over %n service; %4.</numerusform>
            <numerusform>%1 to %2 (UTC): availability %3 over %n services; %4.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Vigie::ResultStore</name>
    <message numerus="yes">
        <source>%n probe result(s)</source>
        <translation>
            <numerusform>%n probe result</numerusform>
            <numerusform>%n probe results</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n health event(s)</source>
        <translation>
            <numerusform>%n health event</numerusform>
            <numerusform>%n health events</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Vigie::ResultWriter</name>
    <message numerus="yes">
        <source>%n probe result(s)</source>
        <translation>
            <numerusform>%n probe result</numerusform>
            <numerusform>%n probe results</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n health event(s)</source>
        <translation>
            <numerusform>%n health event</numerusform>
            <numerusform>%n health events</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Vigie::StatuspageProber</name>
    <message numerus="yes">
        <source>%n more incident(s)</source>
        <translation>
            <numerusform>%n more incident</numerusform>
            <numerusform>%n more incidents</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Vigie::TileDelegate</name>
    <message numerus="yes">
        <source>%n up</source>
        <translation>
            <numerusform>%n up</numerusform>
            <numerusform>%n up</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n degraded</source>
        <translation>
            <numerusform>%n degraded</numerusform>
            <numerusform>%n degraded</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n down</source>
        <translation>
            <numerusform>%n down</numerusform>
            <numerusform>%n down</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n without data</source>
        <translation>
            <numerusform>%n without data</numerusform>
            <numerusform>%n without data</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n in maintenance</source>
        <translation>
            <numerusform>%n in maintenance</numerusform>
            <numerusform>%n in maintenance</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n impacted</source>
        <translation>
            <numerusform>%n impacted</numerusform>
            <numerusform>%n impacted</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Vigie::TimeChart</name>
    <message numerus="yes">
        <source>%n days</source>
        <comment>a time span</comment>
        <translation>
            <numerusform>%n day</numerusform>
            <numerusform>%n days</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n h</source>
        <comment>a time span, in hours</comment>
        <translation>
            <numerusform>%n h</numerusform>
            <numerusform>%n h</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n min</source>
        <comment>a time span, in minutes</comment>
        <translation>
            <numerusform>%n min</numerusform>
            <numerusform>%n min</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Vigie::TlsProber</name>
    <message numerus="yes">
        <source>expires in %n day(s) (%1), issued by %2</source>
        <translation>
            <numerusform>expires in %n day (%1), issued by %2</numerusform>
            <numerusform>expires in %n days (%1), issued by %2</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>expired %n day(s) ago (%1), issued by %2</source>
        <translation>
            <numerusform>expired %n day ago (%1), issued by %2</numerusform>
            <numerusform>expired %n days ago (%1), issued by %2</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>chain: earliest in %n day(s)</source>
        <translation>
            <numerusform>chain: earliest in %n day</numerusform>
            <numerusform>chain: earliest in %n days</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>chain: earliest %n day(s) ago</source>
        <translation>
            <numerusform>chain: earliest %n day ago</numerusform>
            <numerusform>chain: earliest %n days ago</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>chain: earliest in %n day(s) (%1)</source>
        <translation>
            <numerusform>chain: earliest in %n day (%1)</numerusform>
            <numerusform>chain: earliest in %n days (%1)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>chain: earliest %n day(s) ago (%1)</source>
        <translation>
            <numerusform>chain: earliest %n day ago (%1)</numerusform>
            <numerusform>chain: earliest %n days ago (%1)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>certificate &quot;%1&quot; expired %n day(s) ago (%2)</source>
        <translation>
            <numerusform>certificate &quot;%1&quot; expired %n day ago (%2)</numerusform>
            <numerusform>certificate &quot;%1&quot; expired %n days ago (%2)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>certificate &quot;%1&quot; expires in %n day(s) (critical below %2)</source>
        <translation>
            <numerusform>certificate &quot;%1&quot; expires in %n day (critical below %2)</numerusform>
            <numerusform>certificate &quot;%1&quot; expires in %n days (critical below %2)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>certificate &quot;%1&quot; expires in %n day(s) (warning below %2)</source>
        <translation>
            <numerusform>certificate &quot;%1&quot; expires in %n day (warning below %2)</numerusform>
            <numerusform>certificate &quot;%1&quot; expires in %n days (warning below %2)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Vigie::ValidateCommand</name>
    <message numerus="yes">
        <source>%n error(s) in %1.</source>
        <translation>
            <numerusform>%n error in %1.</numerusform>
            <numerusform>%n errors in %1.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n service(s)</source>
        <translation>
            <numerusform>%n service</numerusform>
            <numerusform>%n services</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n probe(s)</source>
        <translation>
            <numerusform>%n probe</numerusform>
            <numerusform>%n probes</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Vigie::WallView</name>
    <message numerus="yes">
        <source>Updated %n s ago</source>
        <translation>
            <numerusform>Updated %n s ago</numerusform>
            <numerusform>Updated %n s ago</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Updated %n min ago</source>
        <translation>
            <numerusform>Updated %n min ago</numerusform>
            <numerusform>Updated %n min ago</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>and %n more alarm(s)</source>
        <translation>
            <numerusform>and %n more alarm</numerusform>
            <numerusform>and %n more alarms</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Vigie::WatchCommand</name>
    <message numerus="yes">
        <source>Watching %n probe(s) of &quot;%1&quot;; history in %2. Stop with Ctrl+C.</source>
        <translation>
            <numerusform>Watching %n probe of &quot;%1&quot;; history in %2. Stop with Ctrl+C.</numerusform>
            <numerusform>Watching %n probes of &quot;%1&quot;; history in %2. Stop with Ctrl+C.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n result(s)</source>
        <translation>
            <numerusform>%n result</numerusform>
            <numerusform>%n results</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n event(s)</source>
        <translation>
            <numerusform>%n event</numerusform>
            <numerusform>%n events</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Vigie::WorkspaceLoader</name>
    <message numerus="yes">
        <source>and %n more problem(s) from here on, not shown</source>
        <translation>
            <numerusform>and %n more problem from here on, not shown</numerusform>
            <numerusform>and %n more problems from here on, not shown</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>and more than %n problem(s) from here on, not shown; reading stopped there</source>
        <translation>
            <numerusform>and more than %n problem from here on, not shown; reading stopped there</numerusform>
            <numerusform>and more than %n problems from here on, not shown; reading stopped there</numerusform>
        </translation>
    </message>
</context>
</TS>

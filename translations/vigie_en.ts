<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
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
</context>
<context>
    <name>Vigie::ResultWriter</name>
    <message numerus="yes">
        <source>Could not save %n probe result(s) to %1: %2. They are kept in memory and will be written again in %3 s.</source>
        <translation>
            <numerusform>Could not save %n probe result to %1: %2. It is kept in memory and will be written again in %3 s.</numerusform>
            <numerusform>Could not save %n probe results to %1: %2. They are kept in memory and will be written again in %3 s.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Vigie::TileDelegate</name>
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
</context>
</TS>

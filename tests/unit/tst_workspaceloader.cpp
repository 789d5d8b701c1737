#include "workspace/workspaceloader.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;
using Vigie::ProbeKind;
using Vigie::StatusRange;
using Vigie::WorkspaceError;
using Vigie::WorkspaceLoader;

namespace {

QString dataPath(const QString &relative)
{
    return QDir::cleanPath(QStringLiteral(VIGIE_TEST_DATA) + u'/' + relative);
}

QString examplePath()
{
    return QDir::cleanPath(QStringLiteral(VIGIE_TEST_DATA) + u"/../../resources/workspaces/acme.yaml"_s);
}

QByteArray readAll(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        qFatal("cannot read test data %s", qPrintable(path));
    return file.readAll();
}

// "line:column: message", the form the expectations are written in.
QString withoutFile(const WorkspaceError &error)
{
    return QString::number(error.location.line) + u':' + QString::number(error.location.column) + u": " + error.message;
}

QStringList describe(const QList<WorkspaceError> &errors)
{
    QStringList out;
    for (const WorkspaceError &error : errors)
        out.append(withoutFile(error));
    return out;
}

} // namespace

class tst_WorkspaceLoader : public QObject
{
    Q_OBJECT

private slots:
    void loadsExample();
    void loadsGoodFiles_data();
    void loadsGoodFiles();
    void readsEveryKey();
    void reportsBadFiles_data();
    void reportsBadFiles();
    void reportsBadText_data();
    void reportsBadText();
    void reportsSeveralErrorsInFileOrder();
    void countsColumnsInCharacters();
    void acceptsByteOrderMarkAndCrlf();
    void shortIntervalShortensDefaultTimeout();
    void boundsAliasExpansion();
    void capsTheNumberOfErrors();
    void loadFileReportsMissingFile();
    void loadFileReportsDirectory();
    void loadFileReportsOversizedFile();
    void survivesMutations();
};

void tst_WorkspaceLoader::loadsExample()
{
    const QString path = examplePath();
    const auto loaded = WorkspaceLoader::loadFile(path);
    QVERIFY2(loaded.has_value(), qPrintable(loaded ? QString() : describe(loaded.error()).join(u'\n')));
    const Vigie::Workspace &ws = *loaded;

    QCOMPARE(ws.name, u"ACME production"_s);
    QCOMPARE(ws.filePath, QFileInfo(path).absoluteFilePath());
    QVERIFY(QFileInfo(ws.filePath).isAbsolute());
    QCOMPARE(ws.services.size(), 3);
    QCOMPARE(ws.probeCount(), 3);

    const Vigie::Service &portal = ws.services[0];
    QCOMPARE(portal.id, u"portal"_s);
    QCOMPARE(portal.name, u"Customer portal"_s);
    QCOMPARE(portal.group, u"Web"_s);
    QCOMPARE(portal.location, (Vigie::SourceLocation{path, 3, 5}));
    QCOMPARE(portal.probes.size(), 1);
    const Vigie::ProbeSpec &http = portal.probes[0];
    QCOMPARE(http.kind, ProbeKind::Http);
    QCOMPARE(http.kindName(), u"http"_s);
    QCOMPARE(http.target, u"https://portal.example.org/"_s);
    QCOMPARE(http.interval, 30s);
    QCOMPARE(http.timeout, 10s);
    QCOMPARE(http.expectStatus, (QList<StatusRange>{{200, 200}, {302, 302}}));
    QCOMPARE(http.expectBodyContains, u"Connexion"_s);
    QVERIFY(http.maxLatency.has_value());
    QCOMPARE(*http.maxLatency, 800ms);
    QCOMPARE(http.maxRedirects, 10);
    QCOMPARE(http.maxBodyBytes, 1024 * 1024);
    QVERIFY(http.expectBanner.isEmpty());
    QCOMPARE(http.location, (Vigie::SourceLocation{path, 7, 9}));

    const Vigie::Service &cas = ws.services[1];
    QCOMPARE(cas.id, u"cas"_s);
    QCOMPARE(cas.name, u"CAS authentication"_s);
    QCOMPARE(cas.group, u"Web"_s);
    QCOMPARE(cas.location, (Vigie::SourceLocation{path, 14, 5}));
    QCOMPARE(cas.probes.size(), 1);
    const Vigie::ProbeSpec &casProbe = cas.probes[0];
    QCOMPARE(casProbe.kind, ProbeKind::Http);
    QCOMPARE(casProbe.target, u"https://cas.example.org/cas/login"_s);
    QCOMPARE(casProbe.interval, 60s);
    QCOMPARE(casProbe.timeout, 10s);
    QCOMPARE(casProbe.expectStatus, (QList<StatusRange>{{200, 399}}));
    QVERIFY(casProbe.expectBodyContains.isEmpty());
    QVERIFY(!casProbe.maxLatency.has_value());
    QCOMPARE(casProbe.location, (Vigie::SourceLocation{path, 18, 9}));

    const Vigie::Service &smtp = ws.services[2];
    QCOMPARE(smtp.id, u"smtp"_s);
    QCOMPARE(smtp.name, u"Outgoing mail"_s);
    QCOMPARE(smtp.group, u"Mail"_s);
    QCOMPARE(smtp.probes.size(), 1);
    const Vigie::ProbeSpec &tcp = smtp.probes[0];
    QCOMPARE(tcp.kind, ProbeKind::Tcp);
    QCOMPARE(tcp.kindName(), u"tcp"_s);
    QCOMPARE(tcp.target, u"mail.example.org:25"_s);
    QCOMPARE(tcp.expectBanner, u"^220 "_s);
    QCOMPARE(tcp.interval, 60s);
    QCOMPARE(tcp.timeout, 10s);
    QCOMPARE(tcp.location, (Vigie::SourceLocation{path, 23, 9}));

    QCOMPARE(ws.service(u"smtp"_s), &ws.services[2]);
}

void tst_WorkspaceLoader::loadsGoodFiles_data()
{
    QTest::addColumn<QString>("path");
    const QDir dir(dataPath(u"workspaces/good"_s));
    const QStringList files = dir.entryList({u"*.yaml"_s}, QDir::Files, QDir::Name);
    QVERIFY(files.size() >= 4);
    for (const QString &file : files)
        QTest::newRow(qPrintable(file)) << dir.filePath(file);
}

void tst_WorkspaceLoader::loadsGoodFiles()
{
    QFETCH(QString, path);
    const auto loaded = WorkspaceLoader::loadFile(path);
    QVERIFY2(loaded.has_value(), qPrintable(loaded ? QString() : describe(loaded.error()).join(u'\n')));
    QVERIFY(!loaded->name.isEmpty());
    QVERIFY(loaded->probeCount() > 0);
    for (const Vigie::Service &service : loaded->services) {
        QVERIFY(!service.id.isEmpty());
        QVERIFY(service.location.isValid());
        for (const Vigie::ProbeSpec &probe : service.probes) {
            QVERIFY(!probe.target.isEmpty());
            QVERIFY(probe.location.isValid());
            QVERIFY(probe.timeout <= probe.interval);
        }
    }
}

void tst_WorkspaceLoader::readsEveryKey()
{
    const auto loaded = WorkspaceLoader::loadFile(dataPath(u"workspaces/good/every-key.yaml"_s));
    QVERIFY2(loaded.has_value(), qPrintable(loaded ? QString() : describe(loaded.error()).join(u'\n')));
    QCOMPARE(loaded->name, u"Every key: all of them"_s);
    QCOMPARE(loaded->services.size(), 2);

    const Vigie::Service &web = loaded->services[0];
    QCOMPARE(web.id, u"web-1"_s);
    QCOMPARE(web.name, u"Public web site"_s);
    QCOMPARE(web.group, u"Front"_s);
    QCOMPARE(web.probes.size(), 2);
    const Vigie::ProbeSpec &full = web.probes[0];
    QCOMPARE(full.target, u"http://www.example.org:8080/health?full=1"_s);
    QCOMPARE(full.interval, 90s);
    QCOMPARE(full.timeout, 1500ms);
    QCOMPARE(full.expectStatus, (QList<StatusRange>{{200, 299}, {301, 308}, {418, 418}}));
    QCOMPARE(full.expectBodyContains, u"status: ok"_s);
    QCOMPARE(full.maxLatency, std::optional(250ms));
    QCOMPARE(full.maxRedirects, 0);
    QCOMPARE(full.maxBodyBytes, 512 * 1024);
    const Vigie::ProbeSpec &single = web.probes[1];
    QCOMPARE(single.expectStatus, (QList<StatusRange>{{204, 204}}));
    QCOMPARE(single.maxBodyBytes, 2'000'000);

    const Vigie::Service &db = loaded->services[1];
    QCOMPARE(db.id, u"db_2"_s);
    QCOMPARE(db.name, u"db_2"_s);      // the id when no name is given
    QCOMPARE(db.group, u"Services"_s); // the default group
    QCOMPARE(db.probes.size(), 2);
    QCOMPARE(db.probes[0].kind, ProbeKind::Tcp);
    QCOMPARE(db.probes[0].target, u"[2001:db8::1]:5432"_s);
    QCOMPARE(db.probes[0].interval, 5s);
    QCOMPARE(db.probes[0].timeout, 5s); // the default 10s, shortened to the interval
    QCOMPARE(db.probes[0].expectBanner, uR"(^\d{3} (ready|ok)$)"_s);
    QCOMPARE(db.probes[1].target, u"192.0.2.10:22"_s);
    QCOMPARE(db.probes[1].timeout, 3s);
    QCOMPARE(db.probes[1].interval, 60s);
}

// Each file in tests/data/workspaces/bad ends with "# expect: LINE:COLUMN: MESSAGE" lines, the
// exact errors it must produce in order; FILE in a message stands for the file's path.
void tst_WorkspaceLoader::reportsBadFiles_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<QStringList>("expected");
    const QDir dir(dataPath(u"workspaces/bad"_s));
    const QStringList files = dir.entryList({u"*.yaml"_s}, QDir::Files, QDir::Name);
    QVERIFY(files.size() >= 20);
    for (const QString &file : files) {
        const QString path = dir.filePath(file);
        QStringList expected;
        for (const QString &line : QString::fromUtf8(readAll(path)).split(u'\n')) {
            if (line.startsWith(u"# expect: "))
                expected.append(line.sliced(10).replace(u"FILE"_s, path));
        }
        QVERIFY2(!expected.isEmpty(), qPrintable(file));
        QTest::newRow(qPrintable(file)) << path << expected;
    }
}

void tst_WorkspaceLoader::reportsBadFiles()
{
    QFETCH(QString, path);
    QFETCH(QStringList, expected);
    const auto loaded = WorkspaceLoader::loadFile(path);
    QVERIFY(!loaded.has_value());
    for (const WorkspaceError &error : loaded.error())
        QCOMPARE(error.location.file, path);
    QCOMPARE(describe(loaded.error()).join(u'\n'), expected.join(u'\n'));
    QCOMPARE(loaded.error().first().toString(), path + u':' + expected.first());
}

void tst_WorkspaceLoader::reportsBadText_data()
{
    QTest::addColumn<QByteArray>("yaml");
    QTest::addColumn<QString>("expected");

    const QByteArray head = "name: Text\nservices:\n  - id: a\n    probes:\n      - http: https://a.example.org/\n";
    QTest::newRow("no bytes") << QByteArray()
                              << u"1:1: the workspace file is empty; expected a mapping with 'name' and 'services'"_s;
    QTest::newRow("only spaces")
        << QByteArray("  \n\n   \n")
        << u"1:1: the workspace file is empty; expected a mapping with 'name' and 'services'"_s;
    QTest::newRow("null document")
        << QByteArray("~\n") << u"1:1: the workspace file is empty; expected a mapping with 'name' and 'services'"_s;
    QTest::newRow("invalid UTF-8") << QByteArray("name: caf\xE9\n")
                                   << u"1:10: this is not UTF-8 text (byte 0xe9); save the file as UTF-8"_s;
    QTest::newRow("truncated UTF-8 sequence")
        << QByteArray("name: \xC3") << u"1:7: this is not UTF-8 text (byte 0xc3); save the file as UTF-8"_s;
    QTest::newRow("overlong UTF-8") << QByteArray("name: \xC0\xAF\n")
                                    << u"1:7: this is not UTF-8 text (byte 0xc0); save the file as UTF-8"_s;
    QTest::newRow("UTF-16 surrogate in UTF-8")
        << QByteArray("name: \xED\xA0\x80\n") << u"1:7: this is not UTF-8 text (byte 0xed); save the file as UTF-8"_s;
    QTest::newRow("UTF-16 file") << QByteArray("\xFF\xFEn\0a\0", 6)
                                 << u"1:1: this is not UTF-8 text (byte 0xff); save the file as UTF-8"_s;
    QTest::newRow("NUL byte") << QByteArray("name: a\0b\n", 10)
                              << u"1:8: control character U+0000 is not allowed in a workspace file; is this a "
                                 "binary file?"_s;
    QTest::newRow("escape character after a multi-byte one")
        << QByteArray("name: \xC3\xA9t\xC3\xA9\x1B\n")
        << u"1:10: control character U+001b is not allowed in a workspace file; is this a binary file?"_s;
    QTest::newRow("deep flow nesting") << QByteArray(100'000, '[')
                                       << u"1:65: the document is nested more than 64 levels deep here; a workspace "
                                          "needs only a few levels"_s;
    QTest::newRow("deep flow nesting after text")
        << head + "        expect: " + QByteArray(100'000, '{')
        << u"6:76: the document is nested more than 64 levels deep here; a workspace needs only a few levels"_s;
    QByteArray blockNesting;
    for (int level = 0; level < 200; ++level)
        blockNesting += QByteArray(level, ' ') + "k:\n";
    QTest::newRow("deep block nesting")
        << blockNesting
        << u"65:65: the document is nested more than 64 levels deep here; a workspace needs only a few levels"_s;
    QTest::newRow("deep compact sequences")
        << QByteArray("- ").repeated(1000) + "x\n"
        << u"1:129: the document is nested more than 64 levels deep here; a workspace needs only a few levels"_s;
    // Inputs near those on which yaml-cpp 0.8's LoadAll() allocates until the system kills the process.
    QTest::newRow("stray comma before a quote") << QByteArray(" ,\"a") << u"1:2: invalid YAML: unexpected ',' here"_s;
    QTest::newRow("stray bracket after a document")
        << QByteArray("name: x\n]\n") << u"2:1: invalid YAML: this ']' or '}' closes nothing"_s;
    QTest::newRow("file too large") << QByteArray(16 * 1024 * 1024 + 1, ' ')
                                    << u"1:1: the file is 16.0 MiB; a workspace file can be at most 16 MiB"_s;
}

void tst_WorkspaceLoader::reportsBadText()
{
    QFETCH(QByteArray, yaml);
    QFETCH(QString, expected);
    const auto loaded = WorkspaceLoader::parse(yaml, u"inline.yaml"_s);
    QVERIFY(!loaded.has_value());
    QCOMPARE(describe(loaded.error()).join(u'\n'), expected);
    QCOMPARE(loaded.error().first().location.file, u"inline.yaml"_s);
}

void tst_WorkspaceLoader::reportsSeveralErrorsInFileOrder()
{
    const auto loaded = WorkspaceLoader::loadFile(dataPath(u"workspaces/bad/many-errors.yaml"_s));
    QVERIFY(!loaded.has_value());
    const QList<WorkspaceError> &errors = loaded.error();
    QVERIFY(errors.size() >= 5);
    for (qsizetype i = 1; i < errors.size(); ++i) {
        const auto before = std::pair(errors[i - 1].location.line, errors[i - 1].location.column);
        const auto after = std::pair(errors[i].location.line, errors[i].location.column);
        QVERIFY2(before <= after, qPrintable(describe(errors).join(u'\n')));
    }
}

void tst_WorkspaceLoader::countsColumnsInCharacters()
{
    const QByteArray yaml = "name: Éé\n"
                            "services:\n"
                            "  - id: a\n"
                            "    name: «Portail» é\n"
                            "    probes:\n"
                            "      - http: https://a.example.org/\n"
                            "        expect: {body_contains: «x», max_latency: 3 ans}\n";
    const auto loaded = WorkspaceLoader::parse(yaml, u"utf8.yaml"_s);
    QVERIFY(!loaded.has_value());
    QCOMPARE(
        describe(loaded.error()),
        QStringList{
            u"7:51: '3 ans' is not a duration; expected a number and a unit: ms, s, m, h, d (for example 30s or 1m30s)"_s});
}

void tst_WorkspaceLoader::acceptsByteOrderMarkAndCrlf()
{
    QByteArray yaml = readAll(examplePath());
    yaml.replace("\n", "\r\n");
    yaml.prepend("\xEF\xBB\xBF");
    const auto loaded = WorkspaceLoader::parse(yaml, u"crlf.yaml"_s);
    QVERIFY2(loaded.has_value(), qPrintable(loaded ? QString() : describe(loaded.error()).join(u'\n')));
    QCOMPARE(loaded->filePath, u"crlf.yaml"_s);
    QCOMPARE(loaded->services[2].probes[0].location, (Vigie::SourceLocation{u"crlf.yaml"_s, 23, 9}));

    yaml.replace("interval: 30s", "interval: 30x");
    const auto broken = WorkspaceLoader::parse(yaml, u"crlf.yaml"_s);
    QVERIFY(!broken.has_value());
    QCOMPARE(broken.error().size(), 1);
    QCOMPARE(broken.error().first().location, (Vigie::SourceLocation{u"crlf.yaml"_s, 8, 19}));
}

void tst_WorkspaceLoader::shortIntervalShortensDefaultTimeout()
{
    const QByteArray yaml = "name: Short\n"
                            "services:\n"
                            "  - id: a\n"
                            "    probes:\n"
                            "      - tcp: a.example.org:22\n"
                            "        interval: 2s\n"
                            "      - tcp: a.example.org:22\n"
                            "        interval: 20s\n";
    const auto loaded = WorkspaceLoader::parse(yaml, u"short.yaml"_s);
    QVERIFY2(loaded.has_value(), qPrintable(loaded ? QString() : describe(loaded.error()).join(u'\n')));
    QCOMPARE(loaded->services[0].probes[0].timeout, 2s);
    QCOMPARE(loaded->services[0].probes[1].timeout, 10s);
}

void tst_WorkspaceLoader::boundsAliasExpansion()
{
    // 2,000 services, each naming 2,000 probes: four million probes from 20 KB of text.
    QByteArray yaml = "name: Aliases\n"
                      "probe: &p {tcp: 'a.example.org:22'}\n"
                      "service: &s {id: a, probes: [" +
                      QByteArray("*p, ").repeated(1999) + "*p]}\n" + "services: [" + QByteArray("*s, ").repeated(1999) +
                      "*s]\n";
    const auto loaded = WorkspaceLoader::parse(yaml, u"aliases.yaml"_s);
    QVERIFY(!loaded.has_value());
    const QStringList errors = describe(loaded.error());
    QVERIFY2(errors.filter(u"aliases (*name)"_s).size() == 1, qPrintable(errors.join(u'\n')));
    QVERIFY(errors.size() <= 101);
}

void tst_WorkspaceLoader::capsTheNumberOfErrors()
{
    QByteArray yaml = "name: Many\nservices:\n";
    for (int i = 0; i < 300; ++i)
        yaml += "  - id: s" + QByteArray::number(i) + "\n    probes: []\n";
    const auto loaded = WorkspaceLoader::parse(yaml, u"many.yaml"_s);
    QVERIFY(!loaded.has_value());
    QCOMPARE(loaded.error().size(), 101);
    QCOMPARE(withoutFile(loaded.error().at(99)), u"202:13: 'probes' is empty; add at least one http or tcp probe"_s);
    QCOMPARE(withoutFile(loaded.error().at(100)), u"204:13: and 200 more problem(s) from here on, not shown"_s);
}

void tst_WorkspaceLoader::loadFileReportsMissingFile()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(u"missing.yaml"_s);
    const auto loaded = WorkspaceLoader::loadFile(path);
    QVERIFY(!loaded.has_value());
    QCOMPARE(loaded.error().size(), 1);
    QCOMPARE(loaded.error().first().toString(),
             path + u":1:1: cannot read the workspace file: No such file or directory"_s);
}

void tst_WorkspaceLoader::loadFileReportsDirectory()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const auto loaded = WorkspaceLoader::loadFile(dir.path());
    QVERIFY(!loaded.has_value());
    QCOMPARE(loaded.error().first().toString(),
             dir.path() + u":1:1: cannot read the workspace file: it is a directory"_s);
}

void tst_WorkspaceLoader::loadFileReportsOversizedFile()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(u"huge.yaml"_s);
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    QVERIFY(file.resize(20 * 1024 * 1024));
    file.close();
    const auto loaded = WorkspaceLoader::loadFile(path);
    QVERIFY(!loaded.has_value());
    QCOMPARE(loaded.error().first().toString(),
             path + u":1:1: the file is 20.0 MiB; a workspace file can be at most 16 MiB"_s);
}

// Loading must return, never crash nor throw, whatever the bytes; every error must point into the
// text. Deterministic: a fixed seed, so that a failure reproduces.
void tst_WorkspaceLoader::survivesMutations()
{
    const QByteArray example = readAll(examplePath());
    QList<QByteArray> variants;
    for (qsizetype length = 0; length <= example.size(); ++length)
        variants.append(example.first(length));

    const QByteArray everyKey = readAll(dataPath(u"workspaces/good/every-key.yaml"_s));
    for (qsizetype length = 0; length <= everyKey.size(); ++length)
        variants.append(everyKey.first(length));

    QRandomGenerator random(20'240'611);
    for (int i = 0; i < 3000; ++i) {
        QByteArray flipped = example;
        const int flips = 1 + random.bounded(4);
        for (int k = 0; k < flips; ++k)
            flipped[random.bounded(int(flipped.size()))] = char(random.bounded(256));
        variants.append(flipped);
    }
    const QByteArray structural = "[]{}:-?,&*!|>#'\"\n\t %@`\\";
    for (int i = 0; i < 2000; ++i) {
        QByteArray inserted = example;
        const int inserts = 1 + random.bounded(6);
        for (int k = 0; k < inserts; ++k) {
            inserted.insert(random.bounded(int(inserted.size() + 1)),
                            structural.at(random.bounded(int(structural.size()))));
        }
        variants.append(inserted);
    }
    for (int i = 0; i < 300; ++i) {
        QByteArray garbage(random.bounded(4096), Qt::Uninitialized);
        for (char &c : garbage)
            c = char(random.bounded(256));
        variants.append(garbage);
        // Garbage made of YAML's own characters gets further into the parser.
        for (char &c : garbage)
            c = structural.at(random.bounded(int(structural.size())));
        variants.append(garbage);
    }
    for (const char *opener : {"[", "{", "- ", "? ", "[{", "a: [", "{a: ", "&a [", "!t {"}) {
        variants.append(QByteArray(opener).repeated(100'000));
        variants.append(QByteArray(opener).repeated(64));
        variants.append(example + "\nextra: " + QByteArray(opener).repeated(70));
    }
    QByteArray indentation;
    for (int level = 0; level < 5000; ++level)
        indentation += QByteArray(level, ' ') + "- a:\n";
    variants.append(indentation);
    variants.append(QByteArray("services: &a [*a]\nname: loop\n"));
    variants.append(QByteArray("name: &n x\nservices: *undefined\n"));

    for (const QByteArray &yaml : std::as_const(variants)) {
        const auto loaded = WorkspaceLoader::parse(yaml, u"mutant.yaml"_s);
        if (loaded) {
            QVERIFY(!loaded->services.isEmpty());
            continue;
        }
        const qsizetype lines = yaml.count('\n') + yaml.count('\r') + 1;
        QVERIFY(!loaded.error().isEmpty());
        for (const WorkspaceError &error : loaded.error()) {
            const QString context = u"%1 in:\n%2"_s.arg(
                error.toString(), QString::fromUtf8(yaml.first(std::min<qsizetype>(yaml.size(), 300))));
            QVERIFY2(error.location.file == u"mutant.yaml"_s, qPrintable(context));
            QVERIFY2(error.location.line >= 1 && error.location.line <= lines, qPrintable(context));
            QVERIFY2(error.location.column >= 1, qPrintable(context));
            QVERIFY2(!error.message.isEmpty(), qPrintable(context));
        }
    }
}

QTEST_GUILESS_MAIN(tst_WorkspaceLoader)
#include "tst_workspaceloader.moc"

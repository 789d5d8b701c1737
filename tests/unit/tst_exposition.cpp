// The exposition parser against the official cases of both specifications (tests/data/exposition,
// see its README): every valid case parses to the samples written beside it, every invalid case
// stops at the line and column written beside it.
#include "allocationcounter.h"
#include "metrics/exposition.h"

#include <QDir>
#include <QFile>
#include <QTest>

#include <cmath>

using namespace Qt::StringLiterals;
using namespace Vigie;

namespace {

QString number(double v)
{
    if (std::isnan(v))
        return u"NaN"_s;
    if (std::isinf(v))
        return v > 0 ? u"+Inf"_s : u"-Inf"_s;
    return QString::number(v, 'g', 17);
}

QString quoted(QByteArrayView value)
{
    QString text = QString::fromUtf8(value);
    text.replace(u"\\"_s, u"\\\\"_s).replace(u"\""_s, u"\\\""_s).replace(u"\n"_s, u"\\n"_s);
    return u'"' + text + u'"';
}

QString labelsText(QSpan<const ExpositionLabel> labels)
{
    QStringList parts;
    for (const ExpositionLabel &l : labels)
        parts << QString::fromUtf8(l.name) + u'=' + quoted(l.value);
    return u'{' + parts.join(u',') + u'}';
}

// One line a sample: "family(type) name{labels} value [@timestamp] [# {labels} value [@timestamp]]".
QString describe(const ExpositionSample &s)
{
    QString line = QString::fromUtf8(s.family->name) + u'(' + QString::fromUtf8(metricTypeName(s.family->type)) +
                   u") "_s + QString::fromUtf8(s.name) + labelsText(s.labels) + u' ' + number(s.value);
    if (s.timestampMs)
        line += u" @"_s + QString::number(*s.timestampMs);
    if (s.exemplar) {
        line += u" # "_s + labelsText(s.exemplar->labels) + u' ' + number(s.exemplar->value);
        if (s.exemplar->timestampMs)
            line += u" @"_s + QString::number(*s.exemplar->timestampMs);
    }
    return line;
}

ExpositionFormat formatOf(const QString &fileName)
{
    return fileName.endsWith(u".om"_s) ? ExpositionFormat::OpenMetrics1 : ExpositionFormat::Prometheus004;
}

QByteArray readFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        qFatal("cannot read %s", qPrintable(path));
    return file.readAll();
}

// VIGIE_UPDATE_EXPOSITION_CASES=1 writes what the parser gives beside each case, to review with git diff.
bool updating()
{
    return qEnvironmentVariableIsSet("VIGIE_UPDATE_EXPOSITION_CASES");
}

void writeFile(const QString &path, const QByteArray &contents)
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate) || file.write(contents) != contents.size())
        qFatal("cannot write %s", qPrintable(path));
}

QString dataDir()
{
    return QStringLiteral(VIGIE_TEST_DATA "/exposition");
}

} // namespace

class tst_Exposition : public QObject
{
    Q_OBJECT

private slots:
    void valid_data();
    void valid();
    void invalid_data();
    void invalid();
    void helpAndUnit();
    void errorNamesThePlace();
    void contentTypeNegotiation();
    void acceptHeaderIsPrometheus();
    void steadyStateDoesNotAllocate();
    void reusedAcrossFormats();
};

void tst_Exposition::valid_data()
{
    QTest::addColumn<QString>("file");
    const QDir dir(dataDir() + u"/valid"_s);
    const QStringList files = dir.entryList({u"*.om"_s, u"*.prom"_s}, QDir::Files, QDir::Name);
    QVERIFY(files.size() >= 40);
    for (const QString &file : files)
        QTest::newRow(qPrintable(file)) << dir.filePath(file);
}

void tst_Exposition::valid()
{
    QFETCH(QString, file);
    const QByteArray text = readFile(file);
    QStringList got;
    ExpositionParser parser;
    const auto error = parser.parse(text, formatOf(file), [&got](const ExpositionSample &s) { got << describe(s); });
    QVERIFY2(!error, qPrintable(error ? error->toString() : QString()));
    const QString expectedPath = file + u".samples"_s;
    if (updating())
        writeFile(expectedPath, got.join(u'\n').toUtf8() + '\n');
    QVERIFY2(QFile::exists(expectedPath), qPrintable(u"missing "_s + expectedPath));
    const QStringList expected = QString::fromUtf8(readFile(expectedPath)).split(u'\n', Qt::SkipEmptyParts);
    QCOMPARE(got, expected);
}

void tst_Exposition::invalid_data()
{
    QTest::addColumn<QString>("file");
    const QDir dir(dataDir() + u"/invalid"_s);
    const QStringList files = dir.entryList({u"*.om"_s, u"*.prom"_s}, QDir::Files, QDir::Name);
    QVERIFY(files.size() >= 100);
    for (const QString &file : files)
        QTest::newRow(qPrintable(file)) << dir.filePath(file);
}

void tst_Exposition::invalid()
{
    QFETCH(QString, file);
    const QByteArray text = readFile(file);
    ExpositionParser parser;
    const auto error = parser.parse(text, formatOf(file), [](const ExpositionSample &) {});
    QVERIFY2(error, "parsed, but the case is invalid");
    // "line:column message" beside the case: the place exactly, and the sentence.
    const QString expectedPath = file + u".error"_s;
    const QString got = u"%1:%2 %3"_s.arg(error->line).arg(error->column).arg(error->message.toSourceString());
    if (updating())
        writeFile(expectedPath, got.toUtf8() + '\n');
    const QString expected = QString::fromUtf8(readFile(expectedPath)).trimmed();
    QCOMPARE(got, expected);
}

void tst_Exposition::helpAndUnit()
{
    ExpositionParser parser;
    QByteArray help;
    QByteArray unit;
    auto keep = [&](const ExpositionSample &s) {
        help = s.family->help.toByteArray();
        unit = s.family->unit.toByteArray();
    };
    QVERIFY(!parser.parse("# TYPE a_seconds gauge\n# UNIT a_seconds seconds\n# HELP a_seconds a \\\"b\\\" \\\\ c\\n\n"
                          "a_seconds 1\n# EOF\n",
                          ExpositionFormat::OpenMetrics1, keep));
    QCOMPARE(help, QByteArray("a \"b\" \\ c\n"));
    QCOMPARE(unit, QByteArray("seconds"));
    QVERIFY(!parser.parse("# HELP a one\\ntwo \\\\ \"three\"\na 1\n", ExpositionFormat::Prometheus004, keep));
    QCOMPARE(help, QByteArray("one\ntwo \\ \"three\""));
    QCOMPARE(unit, QByteArray());
}

void tst_Exposition::errorNamesThePlace()
{
    ExpositionParser parser;
    // Columns count characters, not bytes.
    const auto error = parser.parse("a{b=\"é\"} x\n", ExpositionFormat::Prometheus004, [](const ExpositionSample &) {});
    QVERIFY(error);
    QCOMPARE(error->line, 1);
    QCOMPARE(error->column, 10);
    QCOMPARE(error->message.toSourceString(), u"invalid value \"x\""_s);
    QCOMPARE(error->toString(), u"1:10: invalid value \"x\""_s);
}

void tst_Exposition::contentTypeNegotiation()
{
    QCOMPARE(expositionFormatFromContentType("application/openmetrics-text; version=1.0.0; charset=utf-8"),
             ExpositionFormat::OpenMetrics1);
    QCOMPARE(expositionFormatFromContentType("Application/OpenMetrics-Text;version=0.0.1"),
             ExpositionFormat::OpenMetrics1);
    QCOMPARE(expositionFormatFromContentType("text/plain; version=0.0.4; charset=utf-8"),
             ExpositionFormat::Prometheus004);
    QCOMPARE(expositionFormatFromContentType(""), ExpositionFormat::Prometheus004);
    QCOMPARE(expositionFormatFromContentType("text/html"), ExpositionFormat::Prometheus004);
}

void tst_Exposition::acceptHeaderIsPrometheus()
{
    QCOMPARE(expositionAcceptHeader(),
             QByteArray("application/openmetrics-text;version=1.0.0,application/openmetrics-text;version=0.0.1;"
                        "q=0.75,text/plain;version=0.0.4;q=0.5,*/*;q=0.1"));
}

void tst_Exposition::steadyStateDoesNotAllocate()
{
    QByteArray prom;
    QByteArray om;
    for (int i = 0; i < 200; ++i) {
        const QByteArray n = QByteArray::number(i);
        prom += "# HELP m" + n + "_total Help with \\\\ an escape.\n# TYPE m" + n + "_total counter\n";
        om += "# HELP m" + n + " Help with \\\\ an escape.\n# TYPE m" + n + " counter\n";
        for (int j = 0; j < 5; ++j) {
            const QByteArray labels = "{device=\"eth" + QByteArray::number(j) + "\",path=\"C:\\\\x\\\"y\\\"\"}";
            prom += "m" + n + "_total" + labels + " 1234.5 1700000000000\n";
            om += "m" + n + "_total" + labels + " 1234.5 1700000000.5 # {trace_id=\"abc\"} 1 1700000000\n";
        }
        om += "# TYPE h" + n + " histogram\nh" + n + "_bucket{le=\"1\"} 1\nh" + n + "_bucket{le=\"+Inf\"} 2\nh" + n +
              "_count 2\nh" + n + "_sum 3\n";
    }
    om += "# EOF\n";
    ExpositionParser parser;
    qint64 samples = 0;
    double sum = 0;
    const ExpositionParser::Visitor visit = [&](const ExpositionSample &s) {
        ++samples;
        sum += s.value;
    };
    for (const auto &[text, format] :
         {std::pair{prom, ExpositionFormat::Prometheus004}, std::pair{om, ExpositionFormat::OpenMetrics1}}) {
        QVERIFY(!parser.parse(text, format, visit)); // the buffers grow here
        samples = 0;
        bool failed = false;
        qint64 allocations = -1;
        {
            const Test::AllocationCounter counter;
            failed = parser.parse(text, format, visit).has_value();
            allocations = counter.count();
        }
        QVERIFY(!failed);
        QVERIFY(samples >= 1000);
        QCOMPARE(allocations, 0);
    }
}

void tst_Exposition::reusedAcrossFormats()
{
    ExpositionParser parser;
    QVERIFY(parser.parse("a 1\n", ExpositionFormat::OpenMetrics1, [](const ExpositionSample &) {}));
    int count = 0;
    QVERIFY(!parser.parse("a 1\n", ExpositionFormat::Prometheus004, [&count](const ExpositionSample &) { ++count; }));
    QCOMPARE(count, 1);
}

QTEST_GUILESS_MAIN(tst_Exposition)
#include "tst_exposition.moc"

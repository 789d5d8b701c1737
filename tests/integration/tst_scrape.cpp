// `vigie scrape` and the Scraper against endpoints on loopback: the exit statuses (0 parsed, 1
// fetch failed, 3 invalid text with URL:line:column), the Accept header Prometheus sends, and the
// Content-Type choosing the parser.
#include "metrics/scraper.h"
#include "testservers.h"
#include "vigieprocess.h"
#include "workspace/httpauthorization.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSignalSpy>
#include <QTest>

#ifndef VIGIE_BINARY
#error "tst_scrape needs the vigie executable"
#endif

using namespace Qt::StringLiterals;
using namespace Vigie;
using namespace Vigie::Test;

namespace {

const QByteArray openMetrics = "# TYPE node_network_receive_bytes counter\n"
                               "# HELP node_network_receive_bytes Bytes received.\n"
                               "node_network_receive_bytes_total{device=\"eth0\"} 1.5e+09 # {trace_id=\"x\"} 1\n"
                               "# TYPE up gauge\n"
                               "up NaN 1700000000.25\n"
                               "# EOF\n";
const QByteArray textFormat = "# TYPE node_load1 gauge\nnode_load1{cpu=\"a \\\"b\\\"\"} 0.25 1700000000000\n";
// Line 3, column 3: a bucket of a histogram without its le label.
const QByteArray invalid = "# TYPE a histogram\n# HELP a help\na_bucket 1\n# EOF\n";

// A gzip member holding `data` in one stored (uncompressed) deflate block: what a server sends with
// Content-Encoding: gzip, without needing zlib here.
QByteArray gzipStored(const QByteArray &data)
{
    quint32 crc = 0xFFFFFFFFu;
    for (char c : data) {
        crc ^= quint8(c);
        for (int k = 0; k < 8; ++k)
            crc = (crc >> 1) ^ (0xEDB88320u & (0u - (crc & 1u)));
    }
    crc = ~crc;
    auto le32 = [](quint32 v) {
        const char bytes[] = {char(v & 0xFF), char((v >> 8) & 0xFF), char((v >> 16) & 0xFF), char((v >> 24) & 0xFF)};
        return QByteArray(bytes, 4);
    };
    const auto length = quint16(data.size());
    QByteArray out("\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\xff", 10);
    out += char(0x01); // the last block, stored
    out += char(length & 0xFF);
    out += char(length >> 8);
    out += char(~length & 0xFF);
    out += char((~length >> 8) & 0xFF);
    out += data;
    out += le32(crc);
    out += le32(quint32(data.size()));
    return out;
}

} // namespace

class tst_Scrape : public QObject
{
    Q_OBJECT

    using Run = Vigie::Test::VigieRun;
    // The servers run on this thread: its event loop keeps turning while vigie runs.
    static Run vigie(const QStringList &arguments)
    {
        return Vigie::Test::runVigie(QString::fromUtf8(VIGIE_BINARY), arguments);
    }

    std::unique_ptr<RawHttpServer> m_server;

private slots:
    void initTestCase();
    void scraperSendsPrometheusAcceptAndParsesOffThread();
    void scraperNamesThePhase();
    void scraperSendsItsAuthorizationToItsOriginOnly();
    void parsedIsZero();
    void jsonArray();
    void fetchFailedIsOne();
    void invalidTextIsThree();
    void missingUrlIsUsage();
};

void tst_Scrape::initTestCase()
{
    m_server = std::make_unique<RawHttpServer>([](const HttpRequest &request) {
        if (request.path == "/om")
            return httpResponse(200, openMetrics,
                                {{"Content-Type", "application/openmetrics-text; version=1.0.0; charset=utf-8"}});
        if (request.path == "/text")
            return httpResponse(200, textFormat, {{"Content-Type", "text/plain; version=0.0.4; charset=utf-8"}});
        if (request.path == "/gzip")
            return httpResponse(200, gzipStored(textFormat),
                                {{"Content-Type", "text/plain; version=0.0.4"}, {"Content-Encoding", "gzip"}});
        if (request.path == "/private")
            return request.header("Authorization") == "Bearer s3cret"
                       ? httpResponse(200, textFormat, {{"Content-Type", "text/plain; version=0.0.4"}})
                       : httpResponse(401, "who are you?\n", {{"Content-Type", "text/plain"}});
        if (request.path == "/invalid")
            return httpResponse(200, invalid, {{"Content-Type", "application/openmetrics-text; version=1.0.0"}});
        // Text sent as text/plain is read as 0.0.4, where # EOF is a comment.
        if (request.path == "/om-as-text")
            return httpResponse(200, "# TYPE up gauge\nup 1\n# EOF\n", {{"Content-Type", "text/plain; version=0.0.4"}});
        return httpResponse(404, "no such page\n", {{"Content-Type", "text/plain"}});
    });
}

void tst_Scrape::scraperSendsPrometheusAcceptAndParsesOffThread()
{
    Scraper scraper;
    QSignalSpy spy(&scraper, &Scraper::finished);
    const quint64 id = scraper.scrape(QUrl(m_server->url(u"/om"_s)));
    QVERIFY(spy.wait(10000));
    QCOMPARE(spy.first().at(0).toULongLong(), id);
    const auto result = spy.first().at(1).value<ScrapeResult>();
    QVERIFY2(result.ok(), qPrintable(result.error ? result.error->toString() : QString()));
    QCOMPARE(result.format, ExpositionFormat::OpenMetrics1);
    QCOMPARE(result.samples.size(), 2);
    QCOMPARE(result.samples.at(0).name, u"node_network_receive_bytes_total"_s);
    QCOMPARE(result.samples.at(0).family, u"node_network_receive_bytes"_s);
    QCOMPARE(result.samples.at(0).type, MetricType::Counter);
    QCOMPARE(result.samples.at(0).label(u"device"_s), u"eth0"_s);
    QCOMPARE(result.samples.at(0).value, 1.5e9);
    QVERIFY(std::isnan(result.samples.at(1).value));
    QCOMPARE(result.samples.at(1).timestampMs, 1700000000250);
    const HttpRequest request = m_server->requests().last();
    QCOMPARE(request.header("Accept"), expositionAcceptHeader());
    QVERIFY(request.header("Accept-Encoding").contains("gzip"));

    spy.clear();
    scraper.scrape(QUrl(m_server->url(u"/gzip"_s)));
    QVERIFY(spy.wait(10000));
    const auto gzip = spy.first().at(1).value<ScrapeResult>();
    QVERIFY2(gzip.ok(), qPrintable(gzip.error ? gzip.error->toString() : QString()));
    QCOMPARE(gzip.samples.size(), 1);
    QCOMPARE(gzip.samples.first().label(u"cpu"_s), u"a \"b\""_s);

    spy.clear();
    scraper.scrape(QUrl(m_server->url(u"/om-as-text"_s)));
    QVERIFY(spy.wait(10000));
    const auto text = spy.first().at(1).value<ScrapeResult>();
    QVERIFY2(text.ok(), qPrintable(text.error ? text.error->toString() : QString()));
    QCOMPARE(text.format, ExpositionFormat::Prometheus004);
    QCOMPARE(text.samples.size(), 1);
}

void tst_Scrape::scraperNamesThePhase()
{
    Scraper scraper;
    QSignalSpy spy(&scraper, &Scraper::finished);
    scraper.scrape(QUrl(m_server->url(u"/missing"_s)));
    scraper.scrape(QUrl(m_server->url(u"/invalid"_s)));
    scraper.scrape(QUrl(u"http://127.0.0.1:%1/metrics"_s.arg(closedPort())));
    QTRY_COMPARE_WITH_TIMEOUT(spy.size(), 3, 10000);
    QHash<quint64, ScrapeResult> byId;
    for (const QList<QVariant> &args : spy)
        byId.insert(args.at(0).toULongLong(), args.at(1).value<ScrapeResult>());
    QCOMPARE(byId.value(1).error->phase, ScrapeError::Phase::Fetch);
    QCOMPARE(byId.value(1).error->httpStatus, 404);
    QVERIFY(byId.value(1).error->message.toSourceString().contains(u"answered HTTP 404"_s));
    QCOMPARE(byId.value(2).error->phase, ScrapeError::Phase::Parse);
    QCOMPARE(byId.value(2).error->line, 3);
    QCOMPARE(byId.value(2).error->column, 1);
    QVERIFY(byId.value(2).samples.isEmpty());
    QCOMPARE(byId.value(3).error->phase, ScrapeError::Phase::Fetch);
    QVERIFY(byId.value(3).error->message.toSourceString().startsWith(u"connection refused"_s));

    // A whole scrape has a deadline: a server that never answers fails the fetch.
    SilentServer silent;
    scraper.setTimeout(std::chrono::milliseconds(300));
    spy.clear();
    scraper.scrape(QUrl(silent.url(u"/metrics"_s)));
    QVERIFY(spy.wait(10000));
    const auto late = spy.first().at(1).value<ScrapeResult>();
    QCOMPARE(late.error->phase, ScrapeError::Phase::Fetch);
    QVERIFY(late.error->message.toSourceString().startsWith(u"timed out after 0.3 s"_s));
}

void tst_Scrape::scraperSendsItsAuthorizationToItsOriginOnly()
{
    HttpAuth bearer;
    bearer.type = HttpAuthType::Bearer;
    bearer.secretName = u"node-token"_s;
    Scraper scraper;
    QSignalSpy spy(&scraper, &Scraper::finished);
    scraper.scrape(QUrl(m_server->url(u"/private"_s)));
    QVERIFY(spy.wait(10000));
    QVERIFY(!spy.first().at(1).value<ScrapeResult>().ok()); // 401 without it

    spy.clear();
    scraper.setAuthorization(httpAuthorization(bearer, "s3cret"));
    scraper.scrape(QUrl(m_server->url(u"/private"_s)));
    QVERIFY(spy.wait(10000));
    const auto result = spy.first().at(1).value<ScrapeResult>();
    QVERIFY2(result.ok(), qPrintable(result.error ? result.error->toString() : QString()));
    QCOMPARE(m_server->requests().last().header("Authorization"), QByteArray("Bearer s3cret"));

    // A redirect to another origin is not followed with the credentials: the other server never
    // hears of them.
    RawHttpServer other([](const HttpRequest &) {
        return httpResponse(200, "up 1\n", {{"Content-Type", "text/plain"}});
    });
    spy.clear();
    RawHttpServer redirector([&other](const HttpRequest &) {
        return httpResponse(302, "", {{"Location", other.url(u"/metrics"_s).toUtf8()}});
    });
    scraper.scrape(QUrl(redirector.url(u"/metrics"_s)));
    QVERIFY(spy.wait(10000));
    QVERIFY(!spy.first().at(1).value<ScrapeResult>().ok());
    QVERIFY(other.requests().isEmpty());

    // HttpAuth's basic form: user:password in base64.
    HttpAuth basic;
    basic.type = HttpAuthType::Basic;
    basic.username = u"prom"_s;
    QCOMPARE(httpAuthorization(basic, "pw"), QByteArray("Basic ") + QByteArray("prom:pw").toBase64());
    QVERIFY(httpAuthorization(HttpAuth(), "pw").isEmpty());
}

void tst_Scrape::parsedIsZero()
{
    const Run run = vigie({u"scrape"_s, m_server->url(u"/text"_s)});
    QCOMPARE(run.exitCode, 0);
    QVERIFY(run.err.isEmpty());
    QVERIFY2(run.out.startsWith("SAMPLE"), run.out.constData());
    QVERIFY2(run.out.contains("node_load1{cpu=\"a \\\"b\\\"\"}  gauge  0.25   1700000000000\n"), run.out.constData());
}

void tst_Scrape::jsonArray()
{
    const Run run = vigie({u"scrape"_s, m_server->url(u"/om"_s), u"--json"_s});
    QCOMPARE(run.exitCode, 0);
    const QJsonArray samples = QJsonDocument::fromJson(run.out).array();
    QCOMPARE(samples.size(), 2);
    const QJsonObject first = samples.at(0).toObject();
    QCOMPARE(first.value(u"name"_s).toString(), u"node_network_receive_bytes_total"_s);
    QCOMPARE(first.value(u"labels"_s).toObject().value(u"device"_s).toString(), u"eth0"_s);
    QCOMPARE(first.value(u"value"_s).toDouble(), 1.5e9);
    QCOMPARE(first.value(u"type"_s).toString(), u"counter"_s);
    QVERIFY(!first.contains(u"timestamp_ms"_s));
    const QJsonObject second = samples.at(1).toObject();
    QCOMPARE(second.value(u"value"_s).toString(), u"NaN"_s);
    QCOMPARE(second.value(u"timestamp_ms"_s).toInteger(), 1700000000250);
    QCOMPARE(second.value(u"type"_s).toString(), u"gauge"_s);
}

void tst_Scrape::fetchFailedIsOne()
{
    Run run = vigie({u"scrape"_s, m_server->url(u"/missing"_s)});
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(run.err.contains("answered HTTP 404"), run.err.constData());
    QVERIFY(run.out.isEmpty());
    run = vigie({u"scrape"_s, u"http://127.0.0.1:%1/metrics"_s.arg(closedPort())});
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(run.err.contains("connection refused"), run.err.constData());
}

void tst_Scrape::invalidTextIsThree()
{
    const QString url = m_server->url(u"/invalid"_s);
    const Run run = vigie({u"scrape"_s, url});
    QCOMPARE(run.exitCode, 3);
    QVERIFY(run.out.isEmpty());
    QCOMPARE(QString::fromUtf8(run.err), url + u":3:1: a histogram bucket needs an le label\n"_s);
}

void tst_Scrape::missingUrlIsUsage()
{
    const Run run = vigie({u"scrape"_s});
    QCOMPARE(run.exitCode, 2);
    QVERIFY(run.err.contains("vigie scrape needs a URL"));
}

QTEST_GUILESS_MAIN(tst_Scrape)
#include "tst_scrape.moc"

#include "probes/httpprober.h"
#include "silentnameserver.h"
#include "testservers.h"

#include <QElapsedTimer>
#include <QHash>
#include <QSignalSpy>
#include <QTest>
#include <QTimer>

#include <memory>
#include <optional>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;
using namespace Vigie;
using namespace Vigie::Test;

// Servers that misbehave on purpose, as a broken or malicious service would: every probe must end
// by its deadline, Down with the phase that failed, without the prober's memory or descriptors
// growing with what the server sends.

namespace {

constexpr qint64 MiB = 1024 * 1024;

ProbeSpec httpSpec(const QString &url, std::chrono::milliseconds timeout)
{
    ProbeSpec spec;
    spec.setKind(ProbeKind::Http);
    spec.target = url;
    spec.timeout = timeout;
    return spec;
}

// The latest a probe may end: its timeout and 10 %.
qint64 upperBoundMs(const ProbeSpec &spec)
{
    return qint64(spec.timeout.count()) * 11 / 10;
}

struct Timed
{
    ProbeResult result;
    qint64 elapsedMs = 0;
};

// Runs one probe on `prober`, timing it from start() to finished(). Fails the test when the result
// does not come within the timeout and 10 %.
std::optional<Timed> runTimed(HttpProber &prober, const ProbeSpec &spec)
{
    QSignalSpy spy(&prober, &Prober::finished);
    QElapsedTimer clock;
    clock.start();
    prober.start(1, spec);
    // Waiting longer than the bound, so that a late result is reported with its time.
    if (!spy.wait(int(upperBoundMs(spec)) + 10000))
        return std::nullopt;
    return Timed{spy.at(0).at(1).value<ProbeResult>(), clock.elapsed()};
}

} // namespace

class TestHostileServers : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void tlsHandshakeThatStalls();
    void megabyteOfResponseHeaders_data();
    void megabyteOfResponseHeaders();
    void gzipBombStopsAtTheCap();
    void resetInTheMiddleOfTheBody();
    void twoThousandConnectionsNeverAnswered();
    void nameServerThatNeverAnswers();

private:
    std::unique_ptr<HttpProber> m_prober;
};

void TestHostileServers::initTestCase()
{
    m_prober = std::make_unique<HttpProber>();
    // libcurl and OpenSSL load what they need on first use: the measures below start after that.
    RawHttpServer warmUp(httpResponse(200, "ok"_ba));
    const auto plain = runTimed(*m_prober, httpSpec(warmUp.url(), 5s));
    QVERIFY(plain);
    QCOMPARE(plain->result.status, HealthState::Up);
    SilentServer silent;
    QVERIFY(runTimed(*m_prober, httpSpec(silent.httpsUrl(), 200ms)));
}

void TestHostileServers::tlsHandshakeThatStalls()
{
    SilentServer server; // accepts TCP, never answers the ClientHello
    const ProbeSpec spec = httpSpec(server.httpsUrl(), 1500ms);
    const auto run = runTimed(*m_prober, spec);
    QVERIFY(run);
    QVERIFY2(run->elapsedMs <= upperBoundMs(spec), qPrintable(u"ended after %1 ms"_s.arg(run->elapsedMs)));
    QVERIFY2(run->elapsedMs >= 1500, qPrintable(u"ended after %1 ms"_s.arg(run->elapsedMs)));
    QCOMPARE(run->result.status, HealthState::Down);
    QCOMPARE(run->result.failedPhase, ProbePhase::Tls);
    QCOMPARE(run->result.error.toString(), u"timed out after 1.5 s in TLS (TLS handshake)"_s);
    QCOMPARE(m_prober->runningCount(), 0);
    QTRY_COMPARE(server.openConnections(), 0);
}

void TestHostileServers::megabyteOfResponseHeaders_data()
{
    QTest::addColumn<qint64>("lineBytes");
    QTest::newRow("many lines") << qint64(1000);
    QTest::newRow("one line") << MiB;
}

void TestHostileServers::megabyteOfResponseHeaders()
{
    QFETCH(qint64, lineBytes);
    HugeHeadersServer server(MiB, lineBytes);
    const qint64 rssBefore = residentBytes();
    const ProbeSpec spec = httpSpec(server.url(), 10s);
    const auto run = runTimed(*m_prober, spec);
    QVERIFY(run);
    QVERIFY2(run->elapsedMs <= upperBoundMs(spec), qPrintable(u"ended after %1 ms"_s.arg(run->elapsedMs)));
    QCOMPARE(run->result.status, HealthState::Down);
    QCOMPARE(run->result.failedPhase, ProbePhase::Transfer);
    QVERIFY2(run->result.error.toString().startsWith(u"%1 sent response headers larger than "_s.arg(server.hostPort())),
             qPrintable(run->result.error.toString()));
    const qint64 growth = residentBytes() - rssBefore;
    QVERIFY2(growth < 64 * MiB, qPrintable(u"resident memory grew by %1 bytes"_s.arg(growth)));
    QTRY_COMPARE(server.openConnections(), 0);
}

void TestHostileServers::gzipBombStopsAtTheCap()
{
    // The stream is endless: inflated, it is as large as the client lets it be.
    GzipBombServer server;
    const qint64 rssBefore = residentBytes();
    const ProbeSpec spec = httpSpec(server.url(), 10s);
    QCOMPARE(spec.options<HttpOptions>().maxBodyBytes, MiB);
    const auto run = runTimed(*m_prober, spec);
    QVERIFY(run);
    QVERIFY2(run->elapsedMs <= upperBoundMs(spec), qPrintable(u"ended after %1 ms"_s.arg(run->elapsedMs)));
    QCOMPARE(run->result.status, HealthState::Down);
    QCOMPARE(run->result.httpStatus, 200);
    QCOMPARE(run->result.failedPhase, ProbePhase::Transfer);
    QCOMPARE(run->result.error.toString(),
             u"response body larger than 1 MiB after decompression (Content-Encoding: gzip)"_s);
    const qint64 growth = residentBytes() - rssBefore;
    QVERIFY2(growth < 64 * MiB, qPrintable(u"resident memory grew by %1 bytes"_s.arg(growth)));
    // What the kernel's buffers take before the prober closes, not gigabytes.
    QTRY_COMPARE(server.openConnections(), 0);
    QVERIFY2(server.bytesSent() < 64 * MiB, qPrintable(QString::number(server.bytesSent())));
}

void TestHostileServers::resetInTheMiddleOfTheBody()
{
    ResetMidBodyServer server(MiB, MiB / 2);
    const ProbeSpec spec = httpSpec(server.url(), 10s);
    const auto run = runTimed(*m_prober, spec);
    QVERIFY(run);
    QVERIFY2(run->elapsedMs <= upperBoundMs(spec), qPrintable(u"ended after %1 ms"_s.arg(run->elapsedMs)));
    QCOMPARE(server.resets(), 1);
    QCOMPARE(run->result.status, HealthState::Down);
    QCOMPARE(run->result.httpStatus, 200);
    QCOMPARE(run->result.failedPhase, ProbePhase::Transfer);
    QVERIFY2(run->result.error.toString().startsWith(u"the connection to %1 broke after "_s.arg(server.hostPort())),
             qPrintable(run->result.error.toString()));
    QVERIFY2(run->result.error.toString().contains(u"of the response body"_s),
             qPrintable(run->result.error.toString()));
}

void TestHostileServers::twoThousandConnectionsNeverAnswered()
{
    constexpr int count = 2000;
    const int descriptorsBefore = openFileDescriptors();
    auto server = std::make_unique<HoldingServer>();
    // Long enough that its 10 % covers the event loop's turn through 2,000 results at once.
    const ProbeSpec spec = httpSpec(server->url(), 8s);

    QHash<quint64, qint64> startedAt;
    QHash<quint64, qint64> tookMs;
    QList<ProbeResult> results;
    QElapsedTimer clock;
    clock.start();
    connect(m_prober.get(), &HttpProber::finished, this, [&](quint64 id, const ProbeResult &result) {
        tookMs.insert(id, clock.elapsed() - startedAt.value(id));
        results.append(result);
    });
    for (quint64 id = 0; id < count; ++id) {
        startedAt.insert(id, clock.elapsed());
        m_prober->start(id, spec);
    }
    QCOMPARE(m_prober->runningCount(), count);
    QTRY_COMPARE_WITH_TIMEOUT(results.size(), count, int(upperBoundMs(spec)) + 30000);
    disconnect(m_prober.get(), &HttpProber::finished, this, nullptr);
    QCOMPARE(m_prober->runningCount(), 0);
    QCOMPARE(tookMs.size(), count);
    QCOMPARE(server->held(), count);

    qint64 slowest = 0;
    for (const qint64 ms : std::as_const(tookMs))
        slowest = std::max(slowest, ms);
    QVERIFY2(slowest <= upperBoundMs(spec), qPrintable(u"the slowest probe took %1 ms"_s.arg(slowest)));
    for (const ProbeResult &result : std::as_const(results)) {
        QCOMPARE(result.status, HealthState::Down);
        QCOMPARE(result.failedPhase, ProbePhase::Processing);
        QCOMPARE(result.error.toString(), u"timed out after 8.0 s in processing (waiting for the first byte)"_s);
    }

    // Every client socket is closed by now; the server's go with it.
    server.reset();
    QTRY_COMPARE(openFileDescriptors(), descriptorsBefore);
}

// A name server that never answers: the probe of a name it serves ends at its own deadline, in
// phase resolve, and the probes of other servers on the same prober keep their schedule meanwhile
// (libcurl's lookup thread, still waiting, is not waited for).
void TestHostileServers::nameServerThatNeverAnswers()
{
    VIGIE_UNDER_SILENT_NAME_SERVER();

    RawHttpServer fast(httpResponse(200, "ok"_ba));
    const ProbeSpec named = httpSpec(u"http://%1:%2/"_s.arg(silentHostName).arg(fast.port()), 2s);
    constexpr auto interval = 500ms;
    QElapsedTimer clock;
    std::optional<qint64> namedEndedMs;
    ProbeResult namedResult;
    QList<qint64> fastEndedMs;
    connect(m_prober.get(), &HttpProber::finished, this, [&](quint64 id, const ProbeResult &result) {
        if (id == 1) {
            namedEndedMs = clock.elapsed();
            namedResult = result;
            return;
        }
        QVERIFY2(result.status == HealthState::Up, qPrintable(result.error.toString()));
        fastEndedMs.append(clock.elapsed());
    });
    // Every 500 ms, a probe of a server on 127.0.0.1, as a workspace's other probes would run.
    quint64 nextId = 100;
    QTimer others;
    others.setInterval(interval);
    connect(&others, &QTimer::timeout, this,
            [&] { m_prober->start(nextId++, httpSpec(fast.url(), std::chrono::milliseconds(interval))); });

    clock.start();
    m_prober->start(1, named);
    others.start();
    QTest::qWait(5000);
    others.stop();
    QTRY_COMPARE_WITH_TIMEOUT(m_prober->runningCount(), 0, 15000);
    disconnect(m_prober.get(), &HttpProber::finished, this, nullptr);

    QVERIFY2(namedEndedMs && *namedEndedMs <= upperBoundMs(named),
             qPrintable(u"the probe of %1 ended after %2 ms"_s.arg(named.target).arg(namedEndedMs.value_or(-1))));
    QCOMPARE(namedResult.status, HealthState::Down);
    QCOMPARE(namedResult.failedPhase, ProbePhase::Resolve);
    QCOMPARE(namedResult.error.toString(), u"timed out after 2.0 s in resolve (resolving the host name)"_s);
    QVERIFY2(namedResult.latencyMs <= double(upperBoundMs(named)), qPrintable(QString::number(namedResult.latencyMs)));
    QVERIFY2(fastEndedMs.size() >= 8, qPrintable(u"%1 probes ended"_s.arg(fastEndedMs.size())));
    for (qsizetype i = 1; i < fastEndedMs.size(); ++i) {
        const qint64 gap = fastEndedMs.at(i) - fastEndedMs.at(i - 1);
        QVERIFY2(gap < 2 * interval.count(),
                 qPrintable(u"%1 ms between two probes at %2 ms"_s.arg(gap).arg(fastEndedMs.at(i - 1))));
    }
}

QTEST_GUILESS_MAIN(TestHostileServers)
#include "tst_hostileservers.moc"

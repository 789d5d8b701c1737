#include "probeonce.h"
#include "probes/tlsprober.h"
#include "realservers.h"
#include "testservers.h"

#include <QDateTime>
#include <QFile>
#include <QRegularExpression>
#include <QSslCertificate>
#include <QTemporaryDir>
#include <QTest>

#include <memory>
#include <optional>
#include <vector>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;
using namespace Vigie;
using namespace Vigie::Test;

namespace {

ProbeSpec tlsSpec(const QString &target, const QString &caFile, std::chrono::milliseconds timeout = 10s)
{
    ProbeSpec spec;
    spec.setKind(ProbeKind::Tls);
    spec.target = target;
    spec.options<TlsOptions>().serverName = u"localhost"_s;
    spec.options<TlsOptions>().tls.caFile = caFile;
    spec.timeout = timeout;
    return spec;
}

std::optional<ProbeResult> probeOnce(const ProbeSpec &spec, qint64 *elapsedMs = nullptr)
{
    return Test::probeOnce<TlsProber>(spec, elapsedMs);
}

QString opensslTime(const QDateTime &when)
{
    return when.toUTC().toString(u"yyyyMMddHHmmss'Z'"_s);
}

// The number in the first "<prefix><n> day(s)" of `text`, or -1.
int daysIn(const QString &text, const QString &prefix)
{
    const QRegularExpression re(QRegularExpression::escape(prefix) + u"(\\d+) day\\(s\\)"_s);
    const QRegularExpressionMatch match = re.match(text);
    return match.hasMatch() ? match.captured(1).toInt() : -1;
}

QString expiryDateOf(const QString &pemFile)
{
    const QList<QSslCertificate> certificates = QSslCertificate::fromPath(pemFile);
    return certificates.isEmpty() ? QString() : certificates.first().expiryDate().toUTC().date().toString(Qt::ISODate);
}

} // namespace

class TestTlsProber : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void validCertificateIsUp();
    void expiringSoonIsDegraded();
    void expiringVerySoonIsDown();
    void expiredIsDown();
    void wrongHostNameIsDown();
    void untrustedChainIsDown();
    void insecureSkipsTrustAndNameButNotExpiry();
    void intermediateExpiringFirstDecides();
    void conditionsSeeTheEarliestExpiry();
    void stalledHandshakeEndsAtTheDeadline();
    void plainTextServerFailsTheHandshake();
    void unreadableCaFileIsAConfigError();

private:
    QString path(const QString &name) const { return m_dir.filePath(name); }
    bool makeKey(const QString &name);
    bool makeCertificate(const QString &name, const QString &subject, const QString &extensions, const QString &issuer,
                         const QString &validity);
    // Starts a server for certificate `name` (with the chain file, if any) and keeps it running.
    QString serve(const QString &name, const QString &chain = {});

    QTemporaryDir m_dir;
    QDateTime m_now;
    std::vector<std::unique_ptr<OpensslTlsServer>> m_servers;
};

bool TestTlsProber::makeKey(const QString &name)
{
    return runTool(u"openssl"_s, {u"genpkey"_s, u"-algorithm"_s, u"EC"_s, u"-pkeyopt"_s, u"ec_paramgen_curve:P-256"_s,
                                  u"-out"_s, path(name + u".key"_s)});
}

// Signs `name`.key's request with `issuer` (its .pem and .key); `validity` is "days:N" or
// "from:<openssl time>:to:<openssl time>".
bool TestTlsProber::makeCertificate(const QString &name, const QString &subject, const QString &extensions,
                                    const QString &issuer, const QString &validity)
{
    if (!makeKey(name))
        return false;
    QFile ext(path(name + u".ext"_s));
    if (!ext.open(QIODevice::WriteOnly) || ext.write(extensions.toUtf8()) < 0)
        return false;
    ext.close();
    if (!runTool(u"openssl"_s, {u"req"_s, u"-new"_s, u"-key"_s, path(name + u".key"_s), u"-subj"_s, subject, u"-out"_s,
                                path(name + u".csr"_s)}))
        return false;
    QStringList arguments{u"x509"_s,     u"-req"_s,
                          u"-in"_s,      path(name + u".csr"_s),
                          u"-CA"_s,      path(issuer + u".pem"_s),
                          u"-CAkey"_s,   path(issuer + u".key"_s),
                          u"-extfile"_s, path(name + u".ext"_s),
                          u"-out"_s,     path(name + u".pem"_s)};
    const QStringList parts = validity.split(u':');
    if (parts.first() == u"days"_s)
        arguments << u"-days"_s << parts.at(1);
    else
        arguments << u"-not_before"_s << parts.at(1) << u"-not_after"_s << parts.at(3);
    return runTool(u"openssl"_s, arguments);
}

QString TestTlsProber::serve(const QString &name, const QString &chain)
{
    auto server = std::make_unique<OpensslTlsServer>();
    if (!server->start(path(name + u".pem"_s), path(name + u".key"_s), chain.isEmpty() ? QString() : path(chain)))
        return {};
    const QString target = server->hostPort();
    m_servers.push_back(std::move(server));
    return target;
}

void TestTlsProber::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_now = QDateTime::currentDateTimeUtc();
    const QString leafExtensions = u"subjectAltName=DNS:localhost,IP:127.0.0.1\n"
                                   "basicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n"_s;
    const QString caExtensions = u"basicConstraints=critical,CA:TRUE\nkeyUsage=critical,keyCertSign,cRLSign\n"_s;

    QVERIFY(makeKey(u"ca"_s));
    QVERIFY(runTool(u"openssl"_s,
                    {u"req"_s, u"-x509"_s, u"-key"_s, path(u"ca.key"_s), u"-subj"_s, u"/O=Vigie/CN=Vigie Test CA"_s,
                     u"-days"_s, u"3650"_s, u"-addext"_s, u"basicConstraints=critical,CA:TRUE"_s, u"-addext"_s,
                     u"keyUsage=critical,keyCertSign,cRLSign"_s, u"-out"_s, path(u"ca.pem"_s)}));
    QVERIFY(makeCertificate(u"valid"_s, u"/CN=localhost"_s, leafExtensions, u"ca"_s, u"days:90"_s));
    QVERIFY(makeCertificate(u"warn"_s, u"/CN=localhost"_s, leafExtensions, u"ca"_s, u"days:10"_s));
    QVERIFY(makeCertificate(u"critical"_s, u"/CN=localhost"_s, leafExtensions, u"ca"_s, u"days:3"_s));
    QVERIFY(makeCertificate(u"expired"_s, u"/CN=localhost"_s, leafExtensions, u"ca"_s,
                            u"from:"_s + opensslTime(m_now.addDays(-30)) + u":to:"_s + opensslTime(m_now.addDays(-3))));
    QVERIFY(makeCertificate(u"other"_s, u"/CN=other.test"_s,
                            u"subjectAltName=DNS:other.test\nbasicConstraints=CA:FALSE\n"_s, u"ca"_s, u"days:90"_s));
    QVERIFY(
        makeCertificate(u"intermediate"_s, u"/O=Vigie/CN=Vigie Intermediate CA"_s, caExtensions, u"ca"_s, u"days:5"_s));
    QVERIFY(makeCertificate(u"chained"_s, u"/CN=localhost"_s, leafExtensions, u"intermediate"_s, u"days:90"_s));
}

void TestTlsProber::validCertificateIsUp()
{
    const QString target = serve(u"valid"_s);
    QVERIFY(!target.isEmpty());
    const auto result = probeOnce(tlsSpec(target, path(u"ca.pem"_s)));
    QVERIFY(result);
    QCOMPARE(result->status, HealthState::Up);
    QCOMPARE(result->failedPhase, ProbePhase::None);
    QVERIFY2(result->error.toString().isEmpty(), qPrintable(result->error.toString()));

    const QRegularExpression detail(
        u"^expires in (\\d+) day\\(s\\) \\((\\d{4}-\\d\\d-\\d\\d)\\), issued by Vigie Test CA; chain: earliest in (\\d+) day\\(s\\)$"_s);
    const QRegularExpressionMatch match = detail.match(result->detail.toString());
    QVERIFY2(match.hasMatch(), qPrintable(result->detail.toString()));
    QVERIFY(qAbs(match.captured(1).toInt() - 90) <= 1);
    QCOMPARE(match.captured(2), expiryDateOf(path(u"valid.pem"_s)));
    QCOMPARE(match.captured(3), match.captured(1));

    const PhaseTimings &p = result->phases;
    QVERIFY(p.resolveMs && p.connectMs && p.tlsMs && p.totalMs);
    QVERIFY(*p.tlsMs > 0);
    QCOMPARE(result->latencyMs, *p.totalMs);
    QVERIFY(*p.resolveMs + *p.connectMs + *p.tlsMs <= *p.totalMs + 0.01);
}

void TestTlsProber::expiringSoonIsDegraded()
{
    const QString target = serve(u"warn"_s);
    QVERIFY(!target.isEmpty());
    const auto result = probeOnce(tlsSpec(target, path(u"ca.pem"_s)));
    QVERIFY(result);
    QCOMPARE(result->status, HealthState::Degraded);
    QCOMPARE(result->failedPhase, ProbePhase::Certificate);
    const int days = daysIn(result->error.toString(), u"certificate \"localhost\" expires in "_s);
    QVERIFY2(qAbs(days - 10) <= 1, qPrintable(result->error.toString()));
    QCOMPARE(result->error.toString(),
             u"certificate \"localhost\" expires in %1 day(s) (warning below 21)"_s.arg(days));
    QVERIFY(result->detail.toString().startsWith(u"expires in %1 day(s) ("_s.arg(days)));
}

void TestTlsProber::expiringVerySoonIsDown()
{
    const QString target = serve(u"critical"_s);
    QVERIFY(!target.isEmpty());
    const auto result = probeOnce(tlsSpec(target, path(u"ca.pem"_s)));
    QVERIFY(result);
    QCOMPARE(result->status, HealthState::Down);
    QCOMPARE(result->failedPhase, ProbePhase::Certificate);
    const int days = daysIn(result->error.toString(), u"certificate \"localhost\" expires in "_s);
    QVERIFY2(qAbs(days - 3) <= 1, qPrintable(result->error.toString()));
    QCOMPARE(result->error.toString(),
             u"certificate \"localhost\" expires in %1 day(s) (critical below 7)"_s.arg(days));

    // The thresholds are the probe's own.
    ProbeSpec relaxed = tlsSpec(target, path(u"ca.pem"_s));
    relaxed.options<TlsOptions>().criticalDays = 1;
    relaxed.options<TlsOptions>().warnDays = 2;
    const auto relaxedResult = probeOnce(relaxed);
    QVERIFY(relaxedResult);
    QCOMPARE(relaxedResult->status, HealthState::Up);
}

void TestTlsProber::expiredIsDown()
{
    const QString target = serve(u"expired"_s);
    QVERIFY(!target.isEmpty());
    const auto result = probeOnce(tlsSpec(target, path(u"ca.pem"_s)));
    QVERIFY(result);
    QCOMPARE(result->status, HealthState::Down);
    QCOMPARE(result->failedPhase, ProbePhase::Certificate);
    const int days = daysIn(result->error.toString(), u"certificate \"localhost\" expired "_s);
    QVERIFY2(qAbs(days - 3) <= 1, qPrintable(result->error.toString()));
    QCOMPARE(result->error.toString(), u"certificate \"localhost\" expired %1 day(s) ago (%2)"_s.arg(days).arg(
                                           expiryDateOf(path(u"expired.pem"_s))));
    QVERIFY2(result->detail.toString().startsWith(u"expired %1 day(s) ago"_s.arg(days)),
             qPrintable(result->detail.toString()));
}

void TestTlsProber::wrongHostNameIsDown()
{
    const QString target = serve(u"other"_s);
    QVERIFY(!target.isEmpty());
    const auto result = probeOnce(tlsSpec(target, path(u"ca.pem"_s)));
    QVERIFY(result);
    QCOMPARE(result->status, HealthState::Down);
    QCOMPARE(result->failedPhase, ProbePhase::Certificate);
    QCOMPARE(result->error.toString(), u"certificate for \"other.test\" does not match \"localhost\""_s);

    // The same server is fine for the name it was issued to.
    ProbeSpec rightName = tlsSpec(target, path(u"ca.pem"_s));
    rightName.options<TlsOptions>().serverName = u"other.test"_s;
    const auto rightResult = probeOnce(rightName);
    QVERIFY(rightResult);
    QCOMPARE(rightResult->status, HealthState::Up);
}

void TestTlsProber::untrustedChainIsDown()
{
    const QString target = serve(u"valid"_s);
    QVERIFY(!target.isEmpty());
    // The system's CAs do not know the test CA.
    const auto result = probeOnce(tlsSpec(target, QString()));
    QVERIFY(result);
    QCOMPARE(result->status, HealthState::Down);
    QCOMPARE(result->failedPhase, ProbePhase::Certificate);
    QVERIFY2(result->error.toString().startsWith(u"certificate for \"localhost\" is not trusted: "_s),
             qPrintable(result->error.toString()));
    QVERIFY(result->detail.toString().contains(u"issued by Vigie Test CA"_s));
}

void TestTlsProber::insecureSkipsTrustAndNameButNotExpiry()
{
    const QString valid = serve(u"other"_s);
    QVERIFY(!valid.isEmpty());
    ProbeSpec insecure = tlsSpec(valid, QString());
    insecure.options<TlsOptions>().tls.insecureReason = u"lab certificate"_s;
    const auto up = probeOnce(insecure);
    QVERIFY(up);
    QCOMPARE(up->status, HealthState::Up);
    QVERIFY2(up->error.toString().isEmpty(), qPrintable(up->error.toString()));

    const QString expired = serve(u"expired"_s);
    QVERIFY(!expired.isEmpty());
    insecure.target = expired;
    insecure.options<TlsOptions>().serverName = u"not-this-one.test"_s;
    const auto down = probeOnce(insecure);
    QVERIFY(down);
    QCOMPARE(down->status, HealthState::Down);
    QCOMPARE(down->failedPhase, ProbePhase::Certificate);
    QVERIFY2(down->error.toString().startsWith(u"certificate \"localhost\" expired "_s),
             qPrintable(down->error.toString()));
    QVERIFY(!down->error.toString().contains(u"trusted"_s));
    QVERIFY(!down->error.toString().contains(u"does not match"_s));
}

void TestTlsProber::intermediateExpiringFirstDecides()
{
    const QString target = serve(u"chained"_s, u"intermediate.pem"_s);
    QVERIFY(!target.isEmpty());
    const auto result = probeOnce(tlsSpec(target, path(u"ca.pem"_s)));
    QVERIFY(result);
    QCOMPARE(result->status, HealthState::Down);
    QCOMPARE(result->failedPhase, ProbePhase::Certificate);
    const int days = daysIn(result->error.toString(), u"certificate \"Vigie Intermediate CA\" expires in "_s);
    QVERIFY2(qAbs(days - 5) <= 1, qPrintable(result->error.toString()));
    QCOMPARE(result->error.toString(),
             u"certificate \"Vigie Intermediate CA\" expires in %1 day(s) (critical below 7)"_s.arg(days));
    const int leafDays = daysIn(result->detail.toString(), u"expires in "_s);
    QVERIFY2(qAbs(leafDays - 90) <= 1, qPrintable(result->detail.toString()));
    QVERIFY2(
        result->detail.toString().endsWith(u", issued by Vigie Intermediate CA; chain: earliest in %1 day(s) (Vigie "
                                           "Intermediate CA)"_s.arg(days)),
        qPrintable(result->detail.toString()));
}

void TestTlsProber::conditionsSeeTheEarliestExpiry()
{
    const QString target = serve(u"valid"_s);
    QVERIFY(!target.isEmpty());
    ProbeSpec spec = tlsSpec(target, path(u"ca.pem"_s));
    const auto passing = Condition::parse(u"[CERTIFICATE_EXPIRATION] > 1000h"_s);
    QVERIFY(passing);
    spec.conditions = {*passing};
    const auto up = probeOnce(spec);
    QVERIFY(up);
    QCOMPARE(up->status, HealthState::Up);

    // 90 days is 2160 h: more than the certificate has.
    const auto failing = Condition::parse(u"[CERTIFICATE_EXPIRATION] > 2400h"_s);
    QVERIFY(failing);
    spec.conditions = {*failing};
    const auto down = probeOnce(spec);
    QVERIFY(down);
    QCOMPARE(down->status, HealthState::Down);
    QCOMPARE(down->failedPhase, ProbePhase::Condition);
    QVERIFY2(down->error.toString().contains(u"[CERTIFICATE_EXPIRATION] > 2400h"_s),
             qPrintable(down->error.toString()));

    const auto connected = Condition::parse(u"[CONNECTED] == true"_s);
    const auto ip = Condition::parse(u"[IP] == 127.0.0.1"_s);
    QVERIFY(connected && ip);
    spec.conditions = {*connected, *ip};
    const auto seen = probeOnce(spec);
    QVERIFY(seen);
    QVERIFY2(seen->status == HealthState::Up, qPrintable(seen->error.toString()));
}

void TestTlsProber::stalledHandshakeEndsAtTheDeadline()
{
    SilentServer server;
    qint64 elapsed = 0;
    const auto result = probeOnce(tlsSpec(server.hostPort(), path(u"ca.pem"_s), 1500ms), &elapsed);
    QVERIFY(result);
    QCOMPARE(result->status, HealthState::Down);
    QCOMPARE(result->failedPhase, ProbePhase::Tls);
    QCOMPARE(result->error.toString(), u"no TLS handshake with %1 within 1.5 s"_s.arg(server.hostPort()));
    QVERIFY2(elapsed >= 1500 && elapsed <= 1650, qPrintable(QString::number(elapsed)));
    QVERIFY(result->phases.connectMs);
    QVERIFY(!result->phases.tlsMs);
}

void TestTlsProber::plainTextServerFailsTheHandshake()
{
    BannerServer server("HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n"_ba, true);
    const auto result = probeOnce(tlsSpec(server.hostPort(), path(u"ca.pem"_s), 5s));
    QVERIFY(result);
    QCOMPARE(result->status, HealthState::Down);
    QCOMPARE(result->failedPhase, ProbePhase::Tls);
    QVERIFY2(result->error.toString().startsWith(u"the TLS handshake with %1 failed: "_s.arg(server.hostPort())),
             qPrintable(result->error.toString()));
}

void TestTlsProber::unreadableCaFileIsAConfigError()
{
    const auto result = probeOnce(tlsSpec(u"127.0.0.1:443"_s, path(u"missing.pem"_s)));
    QVERIFY(result);
    QCOMPARE(result->status, HealthState::Down);
    QCOMPARE(result->failedPhase, ProbePhase::Config);
    QCOMPARE(result->error.toString(),
             u"no CA certificate could be read from %1 (a PEM file is expected)"_s.arg(path(u"missing.pem"_s)));
}

QTEST_GUILESS_MAIN(TestTlsProber)
#include "tst_tlsprober.moc"

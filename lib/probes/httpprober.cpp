#include "httpprober.h"

#include "conditioncheck.h"
#include "core/numbertext.h"
#include "pendingfailures.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QFile>
#include <QMetaObject>
#include <QPointer>
#include <QSet>
#include <QSocketNotifier>
#include <QTimeZone>
#include <QTimer>
#include <QUrl>

#include <curl/curl.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <limits>
#include <memory>
#include <mutex>
#include <optional>
#include <unordered_map>

using namespace Qt::StringLiterals;

// Secrets (auth passwords and tokens) go to curl and nowhere else: no message or result quotes
// them, and curl only sends them to the host of the URL, not to hosts a redirect leads to.
//
// Redirects: the probe follows up to HttpOptions::maxRedirects redirects and judges the status of the final
// answer, so a site that sends "/" to "/login" is up when the login page answers 200. A
// maxRedirects of 0 turns following off: the 3xx itself is then the answer that expectStatus judges,
// which is how a probe checks that a redirect is in place.

namespace Vigie {

namespace {

constexpr qint64 KiB = 1024;
constexpr qint64 MiB = 1024 * KiB;

void initCurlOnce()
{
    static std::once_flag once;
    std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

// The CURLINFO_*_TIME_T values in milliseconds, each counted from the start of the probe; zero when
// the step has not happened (curl stores at least one microsecond for a step that did).
struct CurlTimes
{
    double nameLookup = 0;
    double connect = 0;
    double appConnect = 0;
    double startTransfer = 0;
    double total = 0;
};

// The request headers of a spec as curl wants them. Built once per spec rather than per probe: the
// cache keys it by the address of the spec's header list, which `source` keeps alive (so that the
// address cannot name another list meanwhile).
struct HeaderList
{
    QList<std::pair<QByteArray, QByteArray>> source;
    curl_slist *list = nullptr;

    HeaderList() = default;
    HeaderList(const HeaderList &) = delete;
    HeaderList &operator=(const HeaderList &) = delete;
    ~HeaderList() { curl_slist_free_all(list); }
};

struct Transfer
{
    quint64 id = 0;
    CURL *easy = nullptr;
    ProbeSpec spec;
    const HttpOptions &options() const { return spec.options<HttpOptions>(); }
    bool keepBody = false;
    // What the conditions read, collected only when one of them does.
    bool keepHeaders = false;
    bool wantCertificates = false;
    std::shared_ptr<const HeaderList> requestHeaders;
    QHash<QByteArray, QByteArray> responseHeaders; // names in lower case, of the last response only
    QByteArray body;
    qint64 received = 0;
    bool bodyTooLarge = false;
    QElapsedTimer clock;
    QTimer deadline;
    // The TCP sockets curl opened for this probe, and when curl first waited to read one of them.
    // curl polls a connecting socket for writing only, so that first read wait means TCP is up;
    // curl reports its own connect time only once TLS is done too, too late for a handshake that
    // never ends.
    QSet<curl_socket_t> tcpSockets;
    std::optional<double> tcpUpAtMs;
    char errorBuffer[CURL_ERROR_SIZE] = {};
};

CurlTimes readTimes(const Transfer &t)
{
    const auto ms = [&t](CURLINFO info) {
        curl_off_t us = 0;
        curl_easy_getinfo(t.easy, info, &us);
        return double(us) / 1000.0;
    };
    CurlTimes times{ms(CURLINFO_NAMELOOKUP_TIME_T), ms(CURLINFO_CONNECT_TIME_T), ms(CURLINFO_APPCONNECT_TIME_T),
                    ms(CURLINFO_STARTTRANSFER_TIME_T), ms(CURLINFO_TOTAL_TIME_T)};
    if (times.connect <= 0 && times.nameLookup > 0 && t.tcpUpAtMs)
        times.connect = std::max(*t.tcpUpAtMs, times.nameLookup);
    return times;
}

// The phase that was under way when the probe stopped: the first step whose time is still zero.
ProbePhase unfinishedPhase(const CurlTimes &t, bool https)
{
    if (t.nameLookup <= 0)
        return ProbePhase::Resolve;
    if (t.connect <= 0)
        return ProbePhase::Connect;
    if (https && t.appConnect <= 0)
        return ProbePhase::Tls;
    if (t.startTransfer <= 0)
        return ProbePhase::Processing;
    return ProbePhase::Transfer;
}

// blackbox_exporter's phases. Processing starts where the connection became usable (after TLS when
// there was TLS), so that the phases add up to the total.
PhaseTimings phasesFrom(const CurlTimes &t, double totalMs)
{
    PhaseTimings p;
    if (t.nameLookup > 0)
        p.resolveMs = t.nameLookup;
    if (t.connect > 0)
        p.connectMs = std::max(0.0, t.connect - t.nameLookup);
    if (t.appConnect > 0)
        p.tlsMs = std::max(0.0, t.appConnect - t.connect);
    if (t.startTransfer > 0) {
        const double ready = t.appConnect > 0 ? t.appConnect : t.connect;
        p.processingMs = std::max(0.0, t.startTransfer - ready);
        p.transferMs = std::max(0.0, totalMs - t.startTransfer);
    }
    p.totalMs = totalMs;
    return p;
}

Message byteSize(qint64 bytes)
{
    if (bytes >= MiB)
        return trMessage("Vigie::HttpProber", "%1 MiB").argNumber(double(bytes) / double(MiB), 4, 'g');
    if (bytes >= KiB)
        return trMessage("Vigie::HttpProber", "%1 KiB").argNumber(double(bytes) / double(KiB), 4, 'g');
    return trMessage("Vigie::HttpProber", "%1 bytes").arg(bytes);
}

// "1.1", "2", "3": the HTTP version curl ended up speaking.
QLatin1StringView httpVersionName(long version)
{
    switch (version) {
    case CURL_HTTP_VERSION_1_0:
        return "1.0"_L1;
    case CURL_HTTP_VERSION_1_1:
        return "1.1"_L1;
    case CURL_HTTP_VERSION_2_0:
        return "2"_L1;
    case CURL_HTTP_VERSION_3:
        return "3"_L1;
    default:
        return {};
    }
}

// "HTTP/2 200": the version spoken and the status of the final answer, when there was one.
Message responseDetail(CURL *easy, long status)
{
    if (status <= 0)
        return {};
    long version = 0;
    curl_easy_getinfo(easy, CURLINFO_HTTP_VERSION, &version);
    return trMessage("Vigie::HttpProber", "HTTP/%1 %2").arg(QString(httpVersionName(version))).arg(status);
}

bool libcurlHasHttp3()
{
    static const bool has = (curl_version_info(CURLVERSION_NOW)->features & CURL_VERSION_HTTP3) != 0;
    return has;
}

// Whether a condition reads a placeholder, so that the probe collects that value only when asked.
bool conditionsMention(const QList<Condition> &conditions, QLatin1StringView placeholder)
{
    return std::ranges::any_of(
        conditions, [placeholder](const Condition &c) { return c.text().contains(placeholder, Qt::CaseInsensitive); });
}

// OpenSSL's way of printing a certificate date, which curl's certificate info passes on:
// "Mar 12 23:59:59 2025 GMT" (seconds may carry a fraction).
std::optional<qint64> parseCertificateDate(QByteArrayView text)
{
    static constexpr std::array<const char *, 12> months = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                            "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    const QList<QByteArray> parts = text.toByteArray().simplified().split(' ');
    if (parts.size() < 4)
        return std::nullopt;
    const auto month = std::ranges::find_if(months, [&](const char *m) { return parts[0] == m; });
    bool dayOk = false;
    bool yearOk = false;
    const int day = parts[1].toInt(&dayOk);
    const int year = parts[3].toInt(&yearOk);
    const QTime time = QTime::fromString(QString::fromLatin1(parts[2].left(8)), u"HH:mm:ss");
    const QDate date(year, int(month - months.begin()) + 1, day);
    if (month == months.end() || !dayOk || !yearOk || !time.isValid() || !date.isValid())
        return std::nullopt;
    return QDateTime(date, time, QTimeZone::UTC).toMSecsSinceEpoch();
}

// Milliseconds until the first certificate of the chain the server presented expires (negative
// once it has).
std::optional<qint64> earliestCertificateExpiry(CURL *easy)
{
    curl_certinfo *info = nullptr;
    if (curl_easy_getinfo(easy, CURLINFO_CERTINFO, &info) != CURLE_OK || !info)
        return std::nullopt;
    constexpr QByteArrayView expireKey = "Expire date:";
    std::optional<qint64> earliest;
    for (int i = 0; i < info->num_of_certs; ++i) {
        for (const curl_slist *entry = info->certinfo[i]; entry; entry = entry->next) {
            const QByteArrayView line(entry->data);
            if (!line.startsWith(expireKey))
                continue;
            if (const auto expiry = parseCertificateDate(line.sliced(expireKey.size())))
                earliest = earliest ? std::min(*earliest, *expiry) : *expiry;
        }
    }
    if (!earliest)
        return std::nullopt;
    return *earliest - QDateTime::currentMSecsSinceEpoch();
}

Message statusRanges(const QList<StatusRange> &ranges)
{
    QStringList parts;
    for (const StatusRange &r : ranges)
        parts << (r.from == r.to ? QString::number(r.from) : QString::number(r.from) + u'-' + QString::number(r.to));
    if (parts.size() <= 1)
        return Message::verbatim(parts.value(0));
    const QString last = parts.takeLast();
    return trMessage("Vigie::HttpProber", "%1 or %2").arg(parts.join(", "_L1), last);
}

Message timeoutMessage(std::chrono::milliseconds timeout, ProbePhase phase)
{
    Message doing;
    switch (phase) {
    case ProbePhase::Resolve:
        doing = trMessage("Vigie::HttpProber", "resolving the host name");
        break;
    case ProbePhase::Connect:
        doing = trMessage("Vigie::HttpProber", "opening the TCP connection");
        break;
    case ProbePhase::Tls:
        doing = trMessage("Vigie::HttpProber", "TLS handshake");
        break;
    case ProbePhase::Processing:
        doing = trMessage("Vigie::HttpProber", "waiting for the first byte");
        break;
    default:
        doing = trMessage("Vigie::HttpProber", "reading the response");
        break;
    }
    return trMessage("Vigie::HttpProber", "timed out after %1 s in %2 (%3)")
        .argSeconds(timeout)
        .arg(probePhaseMessage(phase))
        .arg(doing);
}

bool isConnectionRefused(long osError)
{
#ifdef _WIN32
    return osError == WSAECONNREFUSED;
#else
    return osError == ECONNREFUSED;
#endif
}

// "host:port" of the URL being fetched, for messages.
QString hostPort(const QUrl &url)
{
    const QString host = url.host();
    const int port = url.port(url.scheme() == "https"_L1 ? 443 : 80);
    const QString shownHost = host.contains(u':') ? u'[' + host + u']' : host;
    return shownHost + u':' + QString::number(port);
}

size_t writeBody(char *data, size_t size, size_t count, void *userp)
{
    auto *t = static_cast<Transfer *>(userp);
    const qint64 n = qint64(size * count);
    if (t->options().maxBodyBytes > 0 && t->received + n > t->options().maxBodyBytes) {
        t->bodyTooLarge = true;
        return 0; // anything but n makes curl abort the transfer with CURLE_WRITE_ERROR
    }
    t->received += n;
    if (t->keepBody)
        t->body.append(data, n);
    return size_t(n);
}

size_t onResponseHeader(char *data, size_t size, size_t count, void *userp)
{
    auto *t = static_cast<Transfer *>(userp);
    const size_t n = size * count;
    const QByteArrayView line = QByteArrayView(data, qsizetype(n)).trimmed();
    // A status line starts the headers of another response (after a redirect or a 100 Continue):
    // the conditions judge the last one.
    if (line.startsWith("HTTP/")) {
        t->responseHeaders.clear();
        return n;
    }
    const qsizetype colon = line.indexOf(':');
    if (colon <= 0)
        return n;
    const QByteArray name = line.first(colon).trimmed().toByteArray().toLower();
    const QByteArrayView value = line.sliced(colon + 1).trimmed();
    QByteArray &stored = t->responseHeaders[name];
    // A header sent several times reads as one, its values joined as RFC 9110 allows.
    if (!stored.isEmpty())
        stored += ", ";
    stored += value;
    return n;
}

int onTcpSocketOpened(void *userp, curl_socket_t socket, curlsocktype purpose)
{
    if (purpose == CURLSOCKTYPE_IPCXN)
        static_cast<Transfer *>(userp)->tcpSockets.insert(socket);
    return CURL_SOCKOPT_OK;
}

struct SocketWatch
{
    QSocketNotifier *read = nullptr;
    QSocketNotifier *write = nullptr;
};

} // namespace

struct HttpProber::Private
{
    explicit Private(HttpProber *owner);
    ~Private();

    static int onCurlSocket(CURL *easy, curl_socket_t socket, int what, void *userp, void *socketp);
    static int onCurlTimer(CURLM *multi, long timeoutMs, void *userp);

    SocketWatch &watch(curl_socket_t socket);
    void unwatch(curl_socket_t socket);
    void socketAction(curl_socket_t socket, int events);
    void drainFinished();
    void onDeadline(quint64 id);
    std::unique_ptr<Transfer> take(quint64 id);
    void failLater(quint64 id, ProbePhase phase, const Message &error);
    std::shared_ptr<const HeaderList> headerListFor(const ProbeSpec &spec);
    ProbeResult evaluate(Transfer &t, CURLcode code) const;
    void transportError(const Transfer &t, CURLcode code, const CurlTimes &times, ProbeResult &result) const;
    void checkConditions(Transfer &t, double totalMs, ProbeResult &result) const;

    HttpProber *q;
    CURLM *multi = nullptr;
    QTimer curlTimer;
    std::unordered_map<quint64, std::unique_ptr<Transfer>> transfers;
    std::unordered_map<curl_socket_t, SocketWatch> sockets;
    PendingFailures failures;
    QHash<QString, QByteArray> secrets;
    std::unordered_map<quintptr, std::shared_ptr<const HeaderList>> headerLists;
};

HttpProber::Private::Private(HttpProber *owner)
    : q(owner)
{
    initCurlOnce();
    multi = curl_multi_init();
    // Parented, so that moving the prober to the probe thread takes its timer along.
    curlTimer.setParent(owner);
    curlTimer.setSingleShot(true);
    // A coarse timer may fire up to 5 % early, which would let a probe end before its deadline.
    curlTimer.setTimerType(Qt::PreciseTimer);
    QObject::connect(&curlTimer, &QTimer::timeout, q, [this] { socketAction(CURL_SOCKET_TIMEOUT, 0); });
    if (multi) {
        curl_multi_setopt(multi, CURLMOPT_SOCKETFUNCTION, &Private::onCurlSocket);
        curl_multi_setopt(multi, CURLMOPT_SOCKETDATA, this);
        curl_multi_setopt(multi, CURLMOPT_TIMERFUNCTION, &Private::onCurlTimer);
        curl_multi_setopt(multi, CURLMOPT_TIMERDATA, this);
    }
}

HttpProber::Private::~Private()
{
    for (auto &[id, t] : transfers) {
        curl_multi_remove_handle(multi, t->easy);
        curl_easy_cleanup(t->easy);
    }
    transfers.clear();
    if (multi)
        curl_multi_cleanup(multi);
    for (auto &[socket, w] : sockets) {
        delete w.read;
        delete w.write;
    }
}

int HttpProber::Private::onCurlSocket(CURL *easy, curl_socket_t socket, int what, void *userp, void *)
{
    auto *d = static_cast<Private *>(userp);
    if (what == CURL_POLL_REMOVE) {
        d->unwatch(socket);
        return 0;
    }
    if (what == CURL_POLL_IN || what == CURL_POLL_INOUT) {
        char *pointer = nullptr;
        curl_easy_getinfo(easy, CURLINFO_PRIVATE, &pointer);
        auto *t = reinterpret_cast<Transfer *>(pointer);
        if (t && !t->tcpUpAtMs && t->tcpSockets.contains(socket))
            t->tcpUpAtMs = double(t->clock.nsecsElapsed()) / 1e6;
    }
    SocketWatch &w = d->watch(socket);
    w.read->setEnabled(what == CURL_POLL_IN || what == CURL_POLL_INOUT);
    w.write->setEnabled(what == CURL_POLL_OUT || what == CURL_POLL_INOUT);
    return 0;
}

int HttpProber::Private::onCurlTimer(CURLM *, long timeoutMs, void *userp)
{
    auto *d = static_cast<Private *>(userp);
    // curl must not be called back from inside this callback: the timer delivers it from the loop.
    if (timeoutMs < 0)
        d->curlTimer.stop();
    else
        d->curlTimer.start(int(std::min<long>(timeoutMs, std::numeric_limits<int>::max())));
    return 0;
}

SocketWatch &HttpProber::Private::watch(curl_socket_t socket)
{
    auto it = sockets.find(socket);
    if (it != sockets.end())
        return it->second;
    SocketWatch w;
    w.read = new QSocketNotifier(qintptr(socket), QSocketNotifier::Read, q);
    w.write = new QSocketNotifier(qintptr(socket), QSocketNotifier::Write, q);
    QObject::connect(w.read, &QSocketNotifier::activated, q, [this, socket] { socketAction(socket, CURL_CSELECT_IN); });
    QObject::connect(w.write, &QSocketNotifier::activated, q,
                     [this, socket] { socketAction(socket, CURL_CSELECT_OUT); });
    return sockets.emplace(socket, w).first->second;
}

void HttpProber::Private::unwatch(curl_socket_t socket)
{
    auto it = sockets.find(socket);
    if (it == sockets.end())
        return;
    // Disabled at once, deleted later: this may run inside the notifier's own activation, and curl
    // may hand out the same descriptor number again before the event loop runs.
    for (QSocketNotifier *n : {it->second.read, it->second.write}) {
        n->setEnabled(false);
        QObject::disconnect(n, nullptr, q, nullptr);
        n->deleteLater();
    }
    sockets.erase(it);
}

void HttpProber::Private::socketAction(curl_socket_t socket, int events)
{
    int running = 0;
    curl_multi_socket_action(multi, socket, events, &running);
    drainFinished();
}

void HttpProber::Private::drainFinished()
{
    const QPointer<HttpProber> alive(q);
    int queued = 0;
    // One message at a time: a slot connected to finished() may start or cancel probes, which
    // changes curl's message queue.
    while (CURLMsg *msg = curl_multi_info_read(multi, &queued)) {
        if (msg->msg != CURLMSG_DONE)
            continue;
        const CURLcode code = msg->data.result;
        char *pointer = nullptr;
        curl_easy_getinfo(msg->easy_handle, CURLINFO_PRIVATE, &pointer);
        const quint64 id = reinterpret_cast<Transfer *>(pointer)->id;
        std::unique_ptr<Transfer> t = take(id);
        const ProbeResult result = evaluate(*t, code);
        curl_multi_remove_handle(multi, t->easy);
        curl_easy_cleanup(t->easy);
        t.reset();
        Q_EMIT q->finished(id, result);
        if (!alive)
            return;
    }
}

std::unique_ptr<Transfer> HttpProber::Private::take(quint64 id)
{
    auto it = transfers.find(id);
    if (it == transfers.end())
        return {};
    std::unique_ptr<Transfer> t = std::move(it->second);
    transfers.erase(it);
    return t;
}

void HttpProber::Private::onDeadline(quint64 id)
{
    std::unique_ptr<Transfer> t = take(id);
    if (!t)
        return;
    const double totalMs = double(t->clock.nsecsElapsed()) / 1e6;
    const CurlTimes times = readTimes(*t);
    ProbeResult result;
    result.status = HealthState::Down;
    result.latencyMs = totalMs;
    result.phases = phasesFrom(times, totalMs);
    long status = 0;
    curl_easy_getinfo(t->easy, CURLINFO_RESPONSE_CODE, &status);
    result.httpStatus = int(status);
    result.detail = responseDetail(t->easy, status);
    result.failedPhase = unfinishedPhase(times, t->spec.target.startsWith("https"_L1, Qt::CaseInsensitive));
    result.error = timeoutMessage(t->spec.timeout, result.failedPhase);
    curl_multi_remove_handle(multi, t->easy);
    curl_easy_cleanup(t->easy);
    t.reset();
    Q_EMIT q->finished(id, result);
}

void HttpProber::Private::failLater(quint64 id, ProbePhase phase, const Message &error)
{
    failures.post(q, id, phase, error,
                  [this](quint64 failedId, const ProbeResult &result) { Q_EMIT q->finished(failedId, result); });
}

std::shared_ptr<const HeaderList> HttpProber::Private::headerListFor(const ProbeSpec &spec)
{
    const HttpOptions &options = spec.options<HttpOptions>();
    // curl announces a body with "Expect: 100-continue" and then waits a second for an answer
    // most servers never send; an empty "Expect:" removes it.
    const bool noExpect = !options.body.isEmpty();
    if (options.headers.isEmpty() && !noExpect)
        return {};
    const quintptr key = quintptr(options.headers.constData()) | quintptr(noExpect);
    if (const auto it = headerLists.find(key); it != headerLists.end() &&
                                               it->second->source.constData() == options.headers.constData() &&
                                               it->second->source.size() == options.headers.size())
        return it->second;

    // Lists of specs that are gone (a reloaded workspace) are dropped once they pile up.
    constexpr size_t maxCached = 256;
    if (headerLists.size() >= maxCached)
        std::erase_if(headerLists, [](const auto &entry) { return entry.second.use_count() == 1; });

    auto list = std::make_shared<HeaderList>();
    list->source = options.headers;
    for (const auto &[name, value] : options.headers) {
        // "Name;" is curl's way of sending a header with an empty value ("Name:" would remove it).
        const QByteArray line = value.isEmpty() ? QByteArray(name + ';') : QByteArray(name + ": " + value);
        list->list = curl_slist_append(list->list, line.constData());
    }
    if (noExpect)
        list->list = curl_slist_append(list->list, "Expect:");
    headerLists.insert_or_assign(key, list);
    return list;
}

ProbeResult HttpProber::Private::evaluate(Transfer &t, CURLcode code) const
{
    const CurlTimes times = readTimes(t);
    const double totalMs = times.total > 0 ? times.total : double(t.clock.nsecsElapsed()) / 1e6;
    ProbeResult result;
    result.status = HealthState::Down;
    result.latencyMs = totalMs;
    result.phases = phasesFrom(times, totalMs);
    long status = 0;
    curl_easy_getinfo(t.easy, CURLINFO_RESPONSE_CODE, &status);
    result.httpStatus = int(status);
    result.detail = responseDetail(t.easy, status);

    if (code != CURLE_OK) {
        transportError(t, code, times, result);
        return result;
    }

    const QList<StatusRange> expected =
        t.options().expectStatus.isEmpty() ? QList<StatusRange>{StatusRange{}} : t.options().expectStatus;
    if (std::ranges::none_of(expected, [&](const StatusRange &r) { return r.contains(result.httpStatus); })) {
        result.failedPhase = ProbePhase::Status;
        result.error = trMessage("Vigie::HttpProber", "HTTP status %1, expected %2")
                           .arg(result.httpStatus)
                           .arg(statusRanges(expected));
        return result;
    }
    if (!t.options().expectBodyContains.isEmpty() && !t.body.contains(t.options().expectBodyContains.toUtf8())) {
        result.failedPhase = ProbePhase::Body;
        result.error =
            trMessage("Vigie::HttpProber", "the body does not contain \"%1\"").arg(t.options().expectBodyContains);
        return result;
    }
    result.status = HealthState::Up;
    if (t.options().maxLatency && totalMs > double(t.options().maxLatency->count())) {
        result.status = HealthState::Degraded;
        result.failedPhase = ProbePhase::Latency;
        result.error = trMessage("Vigie::HttpProber", "slow: %1 ms, above the %2 ms limit")
                           .arg(qRound64(totalMs))
                           .arg(qint64(t.options().maxLatency->count()));
    }
    checkConditions(t, totalMs, result);
    return result;
}

void HttpProber::Private::checkConditions(Transfer &t, double totalMs, ProbeResult &result) const
{
    if (t.spec.conditions.isEmpty())
        return;
    ConditionContext context;
    context.status = result.httpStatus;
    context.responseTimeMs = totalMs;
    if (t.keepBody)
        context.body = &t.body;
    context.headers = std::move(t.responseHeaders);
    context.connected = true;
    char *ip = nullptr;
    if (curl_easy_getinfo(t.easy, CURLINFO_PRIMARY_IP, &ip) == CURLE_OK && ip && *ip)
        context.ip = QString::fromLatin1(ip);
    if (t.wantCertificates)
        context.certificateExpiresInMs = earliestCertificateExpiry(t.easy);

    applyConditions(result, t.spec.conditions, context);
}

void HttpProber::Private::transportError(const Transfer &t, CURLcode code, const CurlTimes &times,
                                         ProbeResult &result) const
{
    char *effective = nullptr;
    curl_easy_getinfo(t.easy, CURLINFO_EFFECTIVE_URL, &effective);
    const bool https =
        effective ? qstrnicmp(effective, "https:", 6) == 0 : t.spec.target.startsWith("https:"_L1, Qt::CaseInsensitive);
    // Timeouts come in bursts when a whole site stalls: their message needs no parsed URL.
    if (code == CURLE_OPERATION_TIMEDOUT && !t.bodyTooLarge) {
        result.failedPhase = unfinishedPhase(times, https);
        result.error = timeoutMessage(t.spec.timeout, result.failedPhase);
        return;
    }
    const QUrl url = effective ? QUrl::fromEncoded(QByteArray(effective)) : QUrl(t.spec.target);
    const QString where = hostPort(url);
    const QString curlMessage =
        t.errorBuffer[0] ? QString::fromUtf8(t.errorBuffer).trimmed() : QString::fromUtf8(curl_easy_strerror(code));

    if (t.bodyTooLarge || code == CURLE_FILESIZE_EXCEEDED) {
        result.failedPhase = ProbePhase::Transfer;
        curl_header *encoding = nullptr;
        if (t.bodyTooLarge &&
            curl_easy_header(t.easy, "Content-Encoding", 0, CURLH_HEADER, -1, &encoding) == CURLHE_OK &&
            qstricmp(encoding->value, "identity") != 0) {
            result.error = trMessage("Vigie::HttpProber",
                                     "response body larger than %1 after decompression (Content-Encoding: %2)")
                               .arg(byteSize(t.options().maxBodyBytes))
                               .arg(QString::fromLatin1(encoding->value));
        } else {
            result.error =
                trMessage("Vigie::HttpProber", "response body larger than %1").arg(byteSize(t.options().maxBodyBytes));
        }
        return;
    }
    switch (code) {
    case CURLE_COULDNT_RESOLVE_HOST:
        result.failedPhase = ProbePhase::Resolve;
        result.error = trMessage("Vigie::HttpProber", "could not resolve host '%1'").arg(url.host());
        return;
    case CURLE_COULDNT_CONNECT: {
        long osError = 0;
        curl_easy_getinfo(t.easy, CURLINFO_OS_ERRNO, &osError);
        result.failedPhase = ProbePhase::Connect;
        result.error = isConnectionRefused(osError)
                           ? trMessage("Vigie::HttpProber", "connection refused by %1").arg(where)
                           : trMessage("Vigie::HttpProber", "could not connect to %1: %2").arg(where, curlMessage);
        return;
    }
    case CURLE_PEER_FAILED_VERIFICATION:
        result.failedPhase = ProbePhase::Certificate;
        result.error =
            trMessage("Vigie::HttpProber", "the certificate of %1 is not accepted: %2 (to trust a private CA, name "
                                           "its certificate in ca_file)")
                .arg(where, curlMessage);
        return;
    case CURLE_SSL_CACERT_BADFILE:
        result.failedPhase = ProbePhase::Config;
        result.error = trMessage("Vigie::HttpProber", "cannot use the CA file '%1' (ca_file): %2")
                           .arg(t.options().tls.caFile, curlMessage);
        return;
    case CURLE_SSL_CONNECT_ERROR:
    case CURLE_SSL_CERTPROBLEM:
    case CURLE_SSL_CIPHER:
    case CURLE_SSL_ISSUER_ERROR:
    case CURLE_SSL_PINNEDPUBKEYNOTMATCH:
    case CURLE_SSL_INVALIDCERTSTATUS:
    case CURLE_SSL_CRL_BADFILE:
    case CURLE_SSL_ENGINE_INITFAILED:
    case CURLE_USE_SSL_FAILED:
        result.failedPhase = ProbePhase::Tls;
        result.error = trMessage("Vigie::HttpProber", "TLS handshake with %1 failed: %2").arg(where, curlMessage);
        return;
    case CURLE_TOO_MANY_REDIRECTS:
        result.failedPhase = ProbePhase::Status;
        result.error = trMessage("Vigie::HttpProber", "too many redirects: more than %1").arg(t.options().maxRedirects);
        return;
    case CURLE_URL_MALFORMAT:
    case CURLE_UNSUPPORTED_PROTOCOL: {
        // A redirect to a scheme the probe does not follow (file:, ftp:...), which curl leaves as
        // the effective URL: the server's doing, not the workspace's.
        if (code == CURLE_UNSUPPORTED_PROTOCOL && result.httpStatus >= 300 && result.httpStatus <= 399) {
            result.failedPhase = ProbePhase::Status;
            result.error = trMessage("Vigie::HttpProber",
                                     "refused to follow the redirect to %1: only http:// and https:// are followed")
                               .arg(url.toDisplayString());
            return;
        }
        result.failedPhase = ProbePhase::Config;
        result.error = trMessage("Vigie::HttpProber", "cannot fetch '%1': %2").arg(url.toDisplayString(), curlMessage);
        return;
    }
    case CURLE_GOT_NOTHING:
        result.failedPhase = ProbePhase::Processing;
        result.error = trMessage("Vigie::HttpProber", "%1 closed the connection without sending a response").arg(where);
        return;
    case CURLE_WEIRD_SERVER_REPLY:
        result.failedPhase = ProbePhase::Processing;
        result.error = trMessage("Vigie::HttpProber", "%1 did not answer with HTTP: %2").arg(where, curlMessage);
        return;
    case CURLE_PARTIAL_FILE: {
        curl_off_t received = 0;
        curl_off_t announced = 0;
        curl_easy_getinfo(t.easy, CURLINFO_SIZE_DOWNLOAD_T, &received);
        curl_easy_getinfo(t.easy, CURLINFO_CONTENT_LENGTH_DOWNLOAD_T, &announced);
        result.failedPhase = ProbePhase::Transfer;
        result.error =
            announced > 0 ? trMessage("Vigie::HttpProber", "%1 closed the connection after %2 of the %3 it announced")
                                .arg(where)
                                .arg(byteSize(received))
                                .arg(byteSize(announced))
                          : trMessage("Vigie::HttpProber", "%1 closed the connection in the middle of the response: %2")
                                .arg(where, curlMessage);
        return;
    }
#if LIBCURL_VERSION_NUM >= 0x080600
    case CURLE_TOO_LARGE:
#endif
    case CURLE_RECV_ERROR:
    case CURLE_SEND_ERROR: {
        result.failedPhase = unfinishedPhase(times, https);
        long osError = 0;
        curl_off_t received = 0;
        curl_easy_getinfo(t.easy, CURLINFO_OS_ERRNO, &osError);
        curl_easy_getinfo(t.easy, CURLINFO_SIZE_DOWNLOAD_T, &received);
        // Without an error from the system, curl itself stopped reading: it refuses response
        // headers beyond its limits (100 KiB a line, 300 KiB in all).
        if (code != CURLE_SEND_ERROR && osError == 0 && result.httpStatus > 0 && received == 0) {
            result.failedPhase = ProbePhase::Transfer;
            result.error = trMessage("Vigie::HttpProber", "%1 sent response headers larger than libcurl accepts: %2")
                               .arg(where, curlMessage);
        } else if (result.failedPhase == ProbePhase::Transfer) {
            result.error =
                trMessage("Vigie::HttpProber", "the connection to %1 broke after %2 of the response body: %3")
                    .arg(where)
                    .arg(byteSize(received))
                    .arg(curlMessage);
        } else {
            result.error = trMessage("Vigie::HttpProber", "the connection to %1 broke in %2: %3")
                               .arg(where)
                               .arg(probePhaseMessage(result.failedPhase))
                               .arg(curlMessage);
        }
        return;
    }
    case CURLE_BAD_CONTENT_ENCODING:
        result.failedPhase = ProbePhase::Transfer;
        result.error =
            trMessage("Vigie::HttpProber", "could not decode the response body from %1: %2").arg(where, curlMessage);
        return;
    default:
        result.failedPhase = unfinishedPhase(times, https);
        result.error = trMessage("Vigie::HttpProber", "request to %1 failed in %2: %3")
                           .arg(where)
                           .arg(probePhaseMessage(result.failedPhase))
                           .arg(curlMessage);
        return;
    }
}

HttpProber::HttpProber(QObject *parent)
    : Prober(parent)
    , d(std::make_unique<Private>(this))
{}

HttpProber::~HttpProber() = default;

void HttpProber::start(quint64 id, const ProbeSpec &spec)
{
    const HttpOptions &options = spec.options<HttpOptions>();
    cancel(id);

    const QUrl url(spec.target, QUrl::StrictMode);
    const QString scheme = url.scheme().toLower();
    if (!url.isValid() || (scheme != "http"_L1 && scheme != "https"_L1) || url.host().isEmpty()) {
        d->failLater(id, ProbePhase::Config,
                     trMessage("Vigie::HttpProber", "'%1' is not an http:// or https:// URL").arg(spec.target));
        return;
    }
    if (spec.timeout <= 0ms) {
        d->failLater(
            id, ProbePhase::Config,
            trMessage("Vigie::HttpProber", "the timeout of the probe of %1 must be positive").arg(spec.target));
        return;
    }
    const bool https = scheme == "https"_L1;
    long httpVersion = CURL_HTTP_VERSION_NONE;
    switch (options.httpVersion) {
    case HttpVersion::Default:
        break;
    case HttpVersion::Http1_1:
        httpVersion = CURL_HTTP_VERSION_1_1;
        break;
    case HttpVersion::Http2:
        // Without TLS there is no negotiation: the probe speaks HTTP/2 from the first byte (h2c).
        httpVersion = https ? CURL_HTTP_VERSION_2TLS : CURL_HTTP_VERSION_2_PRIOR_KNOWLEDGE;
        break;
    case HttpVersion::Http3:
        if (!libcurlHasHttp3()) {
            d->failLater(id, ProbePhase::Config,
                         trMessage("Vigie::HttpProber",
                                   "the probe of %1 asks for HTTP/3, but this libcurl has no HTTP/3 support")
                             .arg(spec.target));
            return;
        }
        if (!https) {
            d->failLater(id, ProbePhase::Config,
                         trMessage("Vigie::HttpProber", "the probe of %1 asks for HTTP/3, which needs an https:// URL")
                             .arg(spec.target));
            return;
        }
        httpVersion = CURL_HTTP_VERSION_3ONLY;
        break;
    }
    const QByteArray *secret = nullptr;
    if (options.auth.type != HttpAuthType::None) {
        const auto found = d->secrets.constFind(options.auth.secretName);
        if (found == d->secrets.cend()) {
            d->failLater(id, ProbePhase::Config,
                         trMessage("Vigie::HttpProber",
                                   "the secret \"%1\" is not in the keychain; add it with: vigie secret set %1")
                             .arg(options.auth.secretName));
            return;
        }
        secret = &found.value();
    }
    CURL *easy = d->multi ? curl_easy_init() : nullptr;
    if (!easy) {
        d->failLater(id, ProbePhase::Config, trMessage("Vigie::HttpProber", "libcurl could not be initialised"));
        return;
    }

    auto t = std::make_unique<Transfer>();
    t->id = id;
    t->easy = easy;
    t->spec = spec;
    if (!spec.conditions.isEmpty()) {
        t->keepBody = conditionsMention(spec.conditions, "[BODY]"_L1);
        t->keepHeaders = conditionsMention(spec.conditions, "[HEADER]"_L1);
        t->wantCertificates = https && conditionsMention(spec.conditions, "[CERTIFICATE_EXPIRATION]"_L1);
    }
    t->keepBody = t->keepBody || !options.expectBodyContains.isEmpty();

    const QByteArray encodedUrl = url.toEncoded();
    curl_easy_setopt(easy, CURLOPT_URL, encodedUrl.constData());
    curl_easy_setopt(easy, CURLOPT_PRIVATE, t.get());
    curl_easy_setopt(easy, CURLOPT_ERRORBUFFER, t->errorBuffer);
    curl_easy_setopt(easy, CURLOPT_WRITEFUNCTION, &writeBody);
    curl_easy_setopt(easy, CURLOPT_WRITEDATA, t.get());
    curl_easy_setopt(easy, CURLOPT_SOCKOPTFUNCTION, &onTcpSocketOpened);
    curl_easy_setopt(easy, CURLOPT_SOCKOPTDATA, t.get());
    curl_easy_setopt(easy, CURLOPT_NOSIGNAL, 1L);
#if LIBCURL_VERSION_NUM >= 0x075700
    // A probe that ends while its host name is still being looked up (a name server that never
    // answers) must not wait for the lookup: without this, curl joins its resolver thread when the
    // handle is removed, and the probe thread stalls, every other probe with it, until the
    // system's resolver gives up (10 s and more). The thread finishes on its own, later.
    curl_easy_setopt(easy, CURLOPT_QUICK_EXIT, 1L);
#endif
    // Every probe measures what a new visitor gets: its own DNS lookup, TCP connect and handshake.
    curl_easy_setopt(easy, CURLOPT_FRESH_CONNECT, 1L);
    curl_easy_setopt(easy, CURLOPT_FORBID_REUSE, 1L);
    curl_easy_setopt(easy, CURLOPT_DNS_CACHE_TIMEOUT, 0L);
    curl_easy_setopt(easy, CURLOPT_TIMEOUT_MS, long(spec.timeout.count()));
    curl_easy_setopt(easy, CURLOPT_FOLLOWLOCATION, options.maxRedirects > 0 ? 1L : 0L);
    curl_easy_setopt(easy, CURLOPT_MAXREDIRS, long(std::max(0, options.maxRedirects)));
    // "" offers every encoding curl can decode; the body cap then counts decoded bytes.
    curl_easy_setopt(easy, CURLOPT_ACCEPT_ENCODING, "");
    if (options.maxBodyBytes > 0)
        curl_easy_setopt(easy, CURLOPT_MAXFILESIZE_LARGE, curl_off_t(options.maxBodyBytes));
    curl_easy_setopt(easy, CURLOPT_USERAGENT, "Vigie/" VIGIE_VERSION);
    // The probe measures the service itself, not a proxy found in the environment.
    curl_easy_setopt(easy, CURLOPT_PROXY, "");

    const QByteArray &method = t->options().method;
    const QByteArray &body = t->options().body;
    if (method == "HEAD") {
        curl_easy_setopt(easy, CURLOPT_NOBODY, 1L);
    } else {
        if (!body.isEmpty() || method == "POST") {
            // Not copied by curl: the transfer's own copy of the spec outlives the easy handle.
            curl_easy_setopt(easy, CURLOPT_POSTFIELDSIZE_LARGE, curl_off_t(body.size()));
            curl_easy_setopt(easy, CURLOPT_POSTFIELDS, body.constData());
        }
        // A plain POST is left to curl, which then follows 301-303 with a GET as browsers do.
        if (method != "POST" && (method != "GET" || !body.isEmpty()))
            curl_easy_setopt(easy, CURLOPT_CUSTOMREQUEST, method.constData());
    }
    t->requestHeaders = d->headerListFor(t->spec);
    if (t->requestHeaders)
        curl_easy_setopt(easy, CURLOPT_HTTPHEADER, t->requestHeaders->list);
    if (secret) {
        if (options.auth.type == HttpAuthType::Basic) {
            curl_easy_setopt(easy, CURLOPT_HTTPAUTH, long(CURLAUTH_BASIC));
            curl_easy_setopt(easy, CURLOPT_USERNAME, options.auth.username.toUtf8().constData());
            curl_easy_setopt(easy, CURLOPT_PASSWORD, secret->constData());
        } else {
            curl_easy_setopt(easy, CURLOPT_HTTPAUTH, long(CURLAUTH_BEARER));
            curl_easy_setopt(easy, CURLOPT_XOAUTH2_BEARER, secret->constData());
        }
    }
    if (httpVersion != CURL_HTTP_VERSION_NONE)
        curl_easy_setopt(easy, CURLOPT_HTTP_VERSION, httpVersion);
    if (!options.tls.caFile.isEmpty()) {
        curl_easy_setopt(easy, CURLOPT_CAINFO, QFile::encodeName(options.tls.caFile).constData());
        curl_easy_setopt(easy, CURLOPT_CAPATH, nullptr);
    }
    if (!options.tls.insecureReason.isEmpty()) {
        curl_easy_setopt(easy, CURLOPT_SSL_VERIFYPEER, 0L);
        curl_easy_setopt(easy, CURLOPT_SSL_VERIFYHOST, 0L);
    }
    if (t->keepHeaders) {
        curl_easy_setopt(easy, CURLOPT_HEADERFUNCTION, &onResponseHeader);
        curl_easy_setopt(easy, CURLOPT_HEADERDATA, t.get());
    }
    if (t->wantCertificates)
        curl_easy_setopt(easy, CURLOPT_CERTINFO, 1L);
#if LIBCURL_VERSION_NUM >= 0x075500
    curl_easy_setopt(easy, CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(easy, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
#else
    curl_easy_setopt(easy, CURLOPT_PROTOCOLS, long(CURLPROTO_HTTP | CURLPROTO_HTTPS));
    curl_easy_setopt(easy, CURLOPT_REDIR_PROTOCOLS, long(CURLPROTO_HTTP | CURLPROTO_HTTPS));
#endif

    // A backstop for curl's own timeout, a little later so that curl normally reports it with its
    // timings; it ends the probe even if curl does not.
    const auto grace = std::clamp(spec.timeout / 20, std::chrono::milliseconds(10), std::chrono::milliseconds(250));
    t->deadline.setSingleShot(true);
    t->deadline.setTimerType(Qt::PreciseTimer);
    connect(&t->deadline, &QTimer::timeout, this, [this, id] { d->onDeadline(id); });

    t->clock.start();
    if (curl_multi_add_handle(d->multi, easy) != CURLM_OK) {
        curl_easy_cleanup(easy);
        d->failLater(id, ProbePhase::Config,
                     trMessage("Vigie::HttpProber", "libcurl refused the probe of %1").arg(spec.target));
        return;
    }
    t->deadline.start(spec.timeout + grace);
    d->transfers.emplace(id, std::move(t));
}

void HttpProber::cancel(quint64 id)
{
    d->failures.cancel(id);
    if (std::unique_ptr<Transfer> t = d->take(id)) {
        curl_multi_remove_handle(d->multi, t->easy);
        curl_easy_cleanup(t->easy);
    }
}

int HttpProber::runningCount() const
{
    return int(d->transfers.size()) + d->failures.size();
}

void HttpProber::setSecrets(const QHash<QString, QByteArray> &secrets)
{
    d->secrets = secrets;
}

} // namespace Vigie

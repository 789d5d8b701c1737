#include "httponce.h"

#include <QGlobalStatic>
#include <QPromise>
#include <QRegularExpression>
#include <QThreadPool>

#include <curl/curl.h>

#include <memory>
#include <mutex>

using namespace Qt::StringLiterals;

namespace Vigie {

namespace {

// An answer bigger than this is no status site's: the transfer is abandoned.
constexpr qsizetype maxAnswerBytes = 16 * 1024 * 1024;

void initCurl()
{
    static std::once_flag once;
    std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

// Threads of its own: a slow site never holds up the pool that queries and reports share. At exit
// it waits for the transfers still running, which their owners cancelled on their way out.
struct HttpPool : QThreadPool
{
    HttpPool()
    {
        setMaxThreadCount(4);
        setObjectName(u"vigie-http-once"_s);
    }
};
Q_GLOBAL_STATIC(HttpPool, pool)

struct Transfer
{
    QPromise<HttpAnswer> *promise = nullptr;
    HttpAnswer answer;
    bool tooLarge = false;
    char errorBuffer[CURL_ERROR_SIZE] = {};
};

size_t onBody(char *data, size_t size, size_t count, void *userp)
{
    auto *t = static_cast<Transfer *>(userp);
    const size_t n = size * count;
    if (t->answer.body.size() + qsizetype(n) > maxAnswerBytes) {
        t->tooLarge = true;
        return 0; // anything but n ends the transfer
    }
    t->answer.body.append(data, qsizetype(n));
    return n;
}

size_t onHeader(char *data, size_t size, size_t count, void *userp)
{
    auto *t = static_cast<Transfer *>(userp);
    const size_t n = size * count;
    const QByteArray line = QByteArray(data, qsizetype(n)).trimmed();
    if (line.startsWith("HTTP/")) {
        // A new response head (after a 1xx): only the last one's headers count.
        t->answer.retryAfter.clear();
        t->answer.location.clear();
        return n;
    }
    const qsizetype colon = line.indexOf(':');
    if (colon > 0) {
        const QByteArray name = line.left(colon).trimmed().toLower();
        if (name == "retry-after")
            t->answer.retryAfter = line.mid(colon + 1).trimmed();
        else if (name == "location")
            t->answer.location = line.mid(colon + 1).trimmed();
    }
    return n;
}

int onProgress(void *userp, curl_off_t, curl_off_t, curl_off_t, curl_off_t)
{
    const auto *t = static_cast<const Transfer *>(userp);
    return t->promise->isCanceled() ? 1 : 0; // non-zero: CURLE_ABORTED_BY_CALLBACK
}

// Which step the exchange had reached when it ended without an answer.
ProbePhase phaseReached(CURL *easy, CURLcode code, bool https, bool sent, bool headersSeen)
{
    switch (code) {
    case CURLE_COULDNT_RESOLVE_HOST:
    case CURLE_COULDNT_RESOLVE_PROXY:
        return ProbePhase::Resolve;
    case CURLE_COULDNT_CONNECT:
        return ProbePhase::Connect;
    case CURLE_SEND_ERROR:
        return ProbePhase::Send;
    default:
        break;
    }
    if (isCurlTlsError(code))
        return ProbePhase::Tls;
    if (headersSeen)
        return ProbePhase::Transfer;
    if (sent)
        return ProbePhase::Processing;
    curl_off_t connected = 0;
    curl_off_t handshaken = 0;
    curl_easy_getinfo(easy, CURLINFO_CONNECT_TIME_T, &connected);
    curl_easy_getinfo(easy, CURLINFO_APPCONNECT_TIME_T, &handshaken);
    if (connected == 0)
        return ProbePhase::Connect;
    if (https && handshaken == 0)
        return ProbePhase::Tls;
    return ProbePhase::Send;
}

void perform(QPromise<HttpAnswer> &promise, const HttpCall &call)
{
    Transfer t;
    t.promise = &promise;
    CURL *easy = curl_easy_init();
    if (!easy) {
        t.answer.error = u"libcurl could not be initialised"_s;
        promise.addResult(t.answer);
        return;
    }
    const QByteArray url = call.url.toEncoded();
    const bool https = call.url.scheme() == "https"_L1;
    curl_easy_setopt(easy, CURLOPT_URL, url.constData());
    curl_easy_setopt(easy, CURLOPT_ERRORBUFFER, t.errorBuffer);
    curl_easy_setopt(easy, CURLOPT_NOSIGNAL, 1L);
    // A connection of its own, closed after it: curl's retry of a request on a reused connection
    // that turns out dead can never apply.
    curl_easy_setopt(easy, CURLOPT_FRESH_CONNECT, 1L);
    curl_easy_setopt(easy, CURLOPT_FORBID_REUSE, 1L);
    curl_easy_setopt(easy, CURLOPT_FOLLOWLOCATION, 0L);
    // HTTP/1.1 only: HTTP/2 lets curl send a refused stream again on its own.
    curl_easy_setopt(easy, CURLOPT_HTTP_VERSION, long(CURL_HTTP_VERSION_1_1));
    curl_easy_setopt(easy, CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(easy, CURLOPT_SSL_VERIFYPEER, 1L);
    curl_easy_setopt(easy, CURLOPT_SSL_VERIFYHOST, 2L);
    curl_easy_setopt(easy, CURLOPT_TIMEOUT_MS, long(std::max<qint64>(1, call.timeout.count())));
    curl_easy_setopt(easy, CURLOPT_USERAGENT, "Vigie/" VIGIE_VERSION);
    curl_easy_setopt(easy, CURLOPT_WRITEFUNCTION, &onBody);
    curl_easy_setopt(easy, CURLOPT_WRITEDATA, &t);
    curl_easy_setopt(easy, CURLOPT_HEADERFUNCTION, &onHeader);
    curl_easy_setopt(easy, CURLOPT_HEADERDATA, &t);
    curl_easy_setopt(easy, CURLOPT_NOPROGRESS, 0L);
    curl_easy_setopt(easy, CURLOPT_XFERINFOFUNCTION, &onProgress);
    curl_easy_setopt(easy, CURLOPT_XFERINFODATA, &t);

    const bool hasBody =
        !call.body.isEmpty() || call.method == "POST" || call.method == "PUT" || call.method == "PATCH";
    if (call.method == "HEAD") {
        curl_easy_setopt(easy, CURLOPT_NOBODY, 1L);
    } else if (hasBody) {
        curl_easy_setopt(easy, CURLOPT_POSTFIELDSIZE_LARGE, curl_off_t(call.body.size()));
        curl_easy_setopt(easy, CURLOPT_POSTFIELDS, call.body.constData());
    }
    if (call.method != "GET" && call.method != "HEAD" && call.method != "POST")
        curl_easy_setopt(easy, CURLOPT_CUSTOMREQUEST, call.method.constData());
    else if (call.method == "POST")
        curl_easy_setopt(easy, CURLOPT_POST, 1L);

    curl_slist *headers = nullptr;
    for (const auto &[name, value] : call.headers)
        headers = curl_slist_append(headers, QByteArray(name + ": " + value).constData());
    // The body goes with the head at once: curl's wait for a "100 Continue" would only delay it.
    headers = curl_slist_append(headers, "Expect:");
    curl_easy_setopt(easy, CURLOPT_HTTPHEADER, headers);

    const CURLcode code = curl_easy_perform(easy);

    long status = 0;
    curl_easy_getinfo(easy, CURLINFO_RESPONSE_CODE, &status);
    curl_off_t headBytes = 0;
    curl_off_t bodyBytes = 0;
    curl_easy_getinfo(easy, CURLINFO_REQUEST_SIZE, &headBytes);
    curl_easy_getinfo(easy, CURLINFO_SIZE_UPLOAD_T, &bodyBytes);
    HttpAnswer &answer = t.answer;
    answer.sent = headBytes > 0 && bodyBytes >= curl_off_t(call.body.size());
    if (status > 0)
        answer.sent = true; // the server answered: it had the request
    if (code == CURLE_OK) {
        answer.status = int(status);
    } else if (code != CURLE_ABORTED_BY_CALLBACK || !promise.isCanceled()) {
        // An answer cut short is no answer: its status says nothing of what was applied.
        answer.status = 0;
        answer.timedOut = code == CURLE_OPERATION_TIMEDOUT;
        answer.tlsFailed = isCurlTlsError(code);
        answer.failedPhase = phaseReached(easy, code, https, answer.sent, status > 0);
        QString detail = QString::fromUtf8(t.errorBuffer).trimmed();
        if (t.tooLarge)
            detail = u"the answer is larger than %1 MiB"_s.arg(maxAnswerBytes / (1024 * 1024));
        else if (detail.isEmpty())
            detail = QString::fromUtf8(curl_easy_strerror(code));
        answer.error = probePhaseDisplayName(answer.failedPhase) + u": "_s + detail;
        answer.body.clear();
    }
    curl_slist_free_all(headers);
    curl_easy_cleanup(easy);
    if (!promise.isCanceled())
        promise.addResult(answer);
}

} // namespace

QFuture<HttpAnswer> sendOnce(HttpCall call)
{
    initCurl();
    auto promise = std::make_shared<QPromise<HttpAnswer>>();
    QFuture<HttpAnswer> future = promise->future();
    promise->start();
    pool()->start([promise, call = std::move(call)] {
        perform(*promise, call);
        promise->finish();
    });
    return future;
}

bool isCurlTlsError(int code)
{
    switch (CURLcode(code)) {
    case CURLE_SSL_CONNECT_ERROR:
    case CURLE_PEER_FAILED_VERIFICATION:
    case CURLE_SSL_CERTPROBLEM:
    case CURLE_SSL_CIPHER:
    case CURLE_SSL_CACERT_BADFILE:
    case CURLE_SSL_ISSUER_ERROR:
    case CURLE_SSL_PINNEDPUBKEYNOTMATCH:
    case CURLE_SSL_INVALIDCERTSTATUS:
    case CURLE_SSL_CRL_BADFILE:
    case CURLE_SSL_ENGINE_INITFAILED:
    case CURLE_USE_SSL_FAILED:
        return true;
    default:
        return false;
    }
}

QString answerExcerpt(const QByteArray &body, qsizetype maxChars)
{
    const QString text = QString::fromUtf8(body.left(64 * 1024));
    static const QRegularExpression title(u"<title>(.*?)</title>"_s,
                                          QRegularExpression::CaseInsensitiveOption |
                                              QRegularExpression::DotMatchesEverythingOption);
    static const QRegularExpression tag(u"<[^>]*>"_s);
    const QRegularExpressionMatch match = title.match(text);
    QString words = match.hasMatch() ? match.captured(1) : QString(text).replace(tag, u" "_s);
    // Control characters from a hostile server never reach a log line or a tooltip.
    for (QChar &c : words)
        if (c.category() == QChar::Other_Control)
            c = u' ';
    words = words.simplified();
    if (words.size() > maxChars)
        words = words.left(maxChars) + u'…';
    return words;
}

} // namespace Vigie

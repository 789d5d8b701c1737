#pragma once

#include "probes/proberesult.h"

#include <QByteArray>
#include <QFuture>
#include <QList>
#include <QString>
#include <QUrl>

#include <chrono>
#include <utility>

namespace Vigie {

// One HTTP request that writes to a status site.
struct HttpCall
{
    QByteArray method = "GET";
    QUrl url;
    QList<std::pair<QByteArray, QByteArray>> headers; // sent as given, after curl's own (User-Agent)
    QByteArray body;                                  // sent when not empty, or for POST, PUT, PATCH
    std::chrono::milliseconds timeout{30'000};        // the whole exchange, connect included
};

// What came back for it.
struct HttpAnswer
{
    int status = 0; // the HTTP status; 0: no answer
    QByteArray body;
    QByteArray retryAfter; // the Retry-After header, as sent
    QByteArray location;   // the Location header of a 3xx, as sent (never followed)
    // Where it failed when no answer came: Resolve, Connect, Tls, Send (writing the request) or
    // Processing (waiting for the answer), Transfer (reading it); None when an answer came whole.
    ProbePhase failedPhase = ProbePhase::None;
    QString error;          // a readable sentence naming the phase and what went wrong; empty on success
    bool sent = false;      // every byte of the request went out
    bool timedOut = false;  // abandoned after HttpCall::timeout
    bool tlsFailed = false; // the TLS handshake or the certificate's verification failed
};

// Sends `call` once, never twice: whatever happens to the connection, the request is not repeated
// behind the caller's back. Qt's HTTP layer sends a request again when its connection closes before
// the answer (any method, with no way to turn it off), and curl does the same on a reused connection
// that turns out dead; here each call has a connection of its own, closed after it, and the
// answer says whether every byte went out, so that the caller alone decides what a lost answer
// means.
//
// No redirect is followed (a 3xx is the answer), only http and https are spoken, TLS peers and
// host names are always verified, and proxies are those of the environment (http_proxy,
// no_proxy...). The request runs on a small pool of threads of its own: the calling thread never
// waits. The future finishes there; continuations attached with .then(context, ...) run on the
// context's thread. Cancelling the future (QFuture::cancel, as an owner does when it is destroyed)
// abandons the transfer at curl's next progress call (within about a second); the future then holds
// no answer.
QFuture<HttpAnswer> sendOnce(HttpCall call);

// Whether curl's error `code` (a CURLcode) is a failure of TLS: the handshake, the peer's
// certificate, the CA file. The SMTP alert channel asks it of its own transfers too.
bool isCurlTlsError(int code);

// What a server said in an error body, in a few words for a reason line: an HTML page's title, else
// its text without tags, on one line, control characters blanked, cut at `maxChars`.
QString answerExcerpt(const QByteArray &body, qsizetype maxChars);

} // namespace Vigie

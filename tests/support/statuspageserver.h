#pragma once

#include "testservers.h"

#include <QByteArray>
#include <QHash>
#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QString>
#include <QTcpServer>

#include <chrono>
#include <deque>

namespace Vigie::Test {

// An in-test Atlassian Statuspage REST API v1 (https://api.statuspage.io/v1), on 127.0.0.1, for
// one page and one API key. It follows the published contract: `Authorization: OAuth KEY`; under
// /v1/pages/PAGE_ID: POST /incidents (201), GET /incidents (newest first, `limit` and `page`),
// GET and PATCH /incidents/ID, PUT /incidents/ID/postmortem and /postmortem/publish; JSON bodies
// wrapped as {"incident": {...}} and {"postmortem": {...}}; an incident update for each body or
// status given; errors as {"error": "..."} with 400, 401, 404 and 422; at most one request per
// interval (1 s) per key, else 429 with Retry-After.
//
// Faults are injected per request, in order, for the next requests that match a method (empty:
// any); a refused connection is setRefusing(). Runs on the test's thread: the test's event loop serves it.
class StatuspageServer final : public QObject
{
    Q_DISABLE_COPY_MOVE(StatuspageServer)

public:
    enum class Fault {
        TimeoutBeforeApply, // reads the request, never applies nor answers it
        TimeoutAfterApply,  // applies the request, never answers it
        ServerError,        // 500, not applied
        RateLimited,        // 429 with Retry-After, not applied
        ResetAfterApply,    // applies the request, then resets the connection
    };

    StatuspageServer(QString pageId, QByteArray key);
    ~StatuspageServer() override;

    quint16 port() const { return m_port; }
    QString apiUrl() const; // "http://127.0.0.1:PORT/v1"

    void setRateInterval(std::chrono::milliseconds interval) { m_rateInterval = interval; }
    void setRetryAfterSeconds(int seconds) { m_retryAfter = seconds; }
    void injectFault(Fault fault, const QByteArray &method = {});
    // Closes the listening socket (connections are refused) or opens it again on the same port.
    void setRefusing(bool refusing);

    QJsonArray incidents() const; // newest first, as GET /incidents shows them
    QJsonObject incident(const QString &id) const;
    QList<HttpRequest> requests() const { return m_requests; }
    int rateLimited() const { return m_rateLimited; } // 429s answered for going too fast
    QHash<QString, QString> componentStatuses() const { return m_components; }

private:
    void onConnection(QTcpSocket *socket);
    void handle(QTcpSocket *socket, const HttpRequest &request);
    struct Reply
    {
        int status = 200;
        QJsonValue body;
        Headers headers;
    };
    Reply route(const HttpRequest &request);
    Reply createIncident(const QJsonObject &fields);
    Reply updateIncident(const QString &id, const QJsonObject &fields);
    std::optional<Reply> validate(const QJsonObject &fields, bool creating) const;
    void addUpdate(QJsonObject &incident, const QString &status, const QString &body, const QJsonObject &fields);
    static void send(QTcpSocket *socket, const Reply &reply);

    QTcpServer m_server;
    quint16 m_port = 0;
    QString m_pageId;
    QByteArray m_key;
    std::chrono::milliseconds m_rateInterval{1000};
    int m_retryAfter = 1;
    std::optional<std::chrono::steady_clock::time_point> m_lastRequest;
    struct Injected
    {
        Fault fault;
        QByteArray method;
    };
    std::deque<Injected> m_faults;
    QList<QJsonObject> m_incidents; // oldest first
    QHash<QString, QString> m_components;
    QList<HttpRequest> m_requests;
    int m_rateLimited = 0;
    int m_nextId = 1;
};

} // namespace Vigie::Test

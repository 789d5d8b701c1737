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
#include <QUrlQuery>

#include <deque>
#include <optional>

namespace Vigie::Test {

// An in-test Cachet API v1 (https://docs.cachethq.io), on 127.0.0.1, with one API token. It follows
// Cachet 2.4's contract: `X-Cachet-Token: TOKEN`; under /api/v1: GET and POST /incidents (the list
// paginated with `per_page` and `page`, sortable by id), GET and PUT /incidents/ID, GET and POST
// /incidents/ID/updates (newest first; a new update moves the incident's status), GET and PUT
// /components/ID, GET and POST /schedules, GET and PUT /schedules/ID; answers wrapped as {"data": ...}
// with {"meta": {"pagination": ...}} for lists; errors as {"errors": [{"id", "status", "title",
// "detail", "meta": {"details": [...]}}]}, 400 for a validation, 401 without the token, 404.
//
// Faults are injected per request, in order, for the next requests that match a method (empty: any);
// a refused connection is setRefusing(). Runs on the test's thread.
class CachetServer final : public QObject
{
    Q_DISABLE_COPY_MOVE(CachetServer)

public:
    enum class Fault {
        TimeoutBeforeApply, // reads the request, never applies nor answers it
        TimeoutAfterApply,  // applies the request, never answers it
        ServerError,        // 500, not applied
        RateLimited,        // 429 with Retry-After, not applied
        ResetAfterApply,    // applies the request, then resets the connection
    };

    explicit CachetServer(QByteArray token);
    ~CachetServer() override;

    quint16 port() const { return m_port; }
    QString apiUrl() const; // "http://127.0.0.1:PORT/api/v1"

    void addComponent(int id, const QString &name); // operational
    void setRetryAfterSeconds(int seconds) { m_retryAfter = seconds; }
    void injectFault(Fault fault, const QByteArray &method = {});
    void setRefusing(bool refusing);

    QList<QJsonObject> incidents() const { return m_incidents; } // oldest first
    QJsonObject incident(int id) const;
    QList<QJsonObject> updates(int incidentId) const; // oldest first
    QList<QJsonObject> schedules() const { return m_schedules; }
    int componentStatus(int id) const;
    QList<HttpRequest> requests() const { return m_requests; }
    int requestsWith(const QByteArray &method, const QString &pathStart = {}) const;

private:
    struct Reply
    {
        int status = 200;
        QJsonObject body;
        Headers headers;
    };
    void onConnection(QTcpSocket *socket);
    void handle(QTcpSocket *socket, const HttpRequest &request);
    Reply route(const HttpRequest &request);
    static Reply error(int status, const QString &title, const QString &detail, const QStringList &details = {});
    static Reply invalid(const QStringList &details);
    static Reply page(const QJsonArray &all, const QUrlQuery &query);
    QJsonObject withUpdates(QJsonObject incident) const;

    QTcpServer m_server;
    quint16 m_port = 0;
    QByteArray m_token;
    int m_retryAfter = 1;
    struct Injected
    {
        Fault fault;
        QByteArray method;
    };
    std::deque<Injected> m_faults;
    QList<QJsonObject> m_incidents;
    QList<QJsonObject> m_updates; // every incident's, oldest first
    QList<QJsonObject> m_schedules;
    QHash<int, QJsonObject> m_components;
    QList<HttpRequest> m_requests;
    int m_nextId = 1;
};

} // namespace Vigie::Test

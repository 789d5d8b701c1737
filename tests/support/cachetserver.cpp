#include "cachetserver.h"

#include <QDateTime>
#include <QHostAddress>
#include <QJsonDocument>
#include <QTcpSocket>
#include <QUrl>
#include <QUrlQuery>

#include <sys/socket.h>

using namespace Qt::StringLiterals;

namespace Vigie::Test {

namespace {

QString now()
{
    return QDateTime::currentDateTimeUtc().toString(u"yyyy-MM-dd HH:mm:ss"_s);
}

QByteArray reason(int status)
{
    switch (status) {
    case 200:
        return "OK"_ba;
    case 400:
        return "Bad Request"_ba;
    case 401:
        return "Unauthorized"_ba;
    case 404:
        return "Not Found"_ba;
    case 429:
        return "Too Many Requests"_ba;
    default:
        return "Internal Server Error"_ba;
    }
}

void reset(QTcpSocket *socket)
{
    const linger abortive{1, 0};
    ::setsockopt(int(socket->socketDescriptor()), SOL_SOCKET, SO_LINGER, &abortive, sizeof abortive);
    socket->abort();
}

void send(QTcpSocket *socket, int status, const QJsonObject &body, const Headers &headers)
{
    const QByteArray json = QJsonDocument(body).toJson(QJsonDocument::Compact);
    QByteArray out = "HTTP/1.1 " + QByteArray::number(status) + ' ' + reason(status) + "\r\n";
    for (const auto &[name, value] : headers)
        out += name + ": " + value + "\r\n";
    out += "Content-Type: application/json\r\nContent-Length: " + QByteArray::number(json.size()) +
           "\r\nConnection: close\r\n\r\n" + json;
    socket->write(out);
    socket->disconnectFromHost();
}

bool isInt(const QJsonValue &value, int low, int high)
{
    const int n = value.isDouble() ? value.toInt(-1000) : value.toString().toInt();
    return (value.isDouble() || !value.toString().isEmpty()) && n >= low && n <= high;
}

int toInt(const QJsonValue &value)
{
    return value.isDouble() ? value.toInt() : value.toString().toInt();
}

} // namespace

CachetServer::CachetServer(QByteArray token)
    : m_token(std::move(token))
{
    m_server.listen(QHostAddress::LocalHost, 0);
    m_port = m_server.serverPort();
    connect(&m_server, &QTcpServer::newConnection, this, [this] {
        while (QTcpSocket *socket = m_server.nextPendingConnection())
            onConnection(socket);
    });
}

CachetServer::~CachetServer()
{
    for (QTcpSocket *socket : findChildren<QTcpSocket *>())
        socket->disconnect(this);
}

QString CachetServer::apiUrl() const
{
    return u"http://127.0.0.1:%1/api/v1"_s.arg(m_port);
}

void CachetServer::addComponent(int id, const QString &name)
{
    m_components.insert(id, QJsonObject{{u"id"_s, id}, {u"name"_s, name}, {u"status"_s, 1}, {u"enabled"_s, true}});
}

void CachetServer::injectFault(Fault fault, const QByteArray &method)
{
    m_faults.push_back({fault, method});
}

void CachetServer::setRefusing(bool refusing)
{
    if (refusing)
        m_server.close();
    else if (!m_server.isListening())
        m_server.listen(QHostAddress::LocalHost, m_port);
}

QJsonObject CachetServer::incident(int id) const
{
    for (const QJsonObject &incident : m_incidents)
        if (incident.value(u"id").toInt() == id)
            return withUpdates(incident);
    return {};
}

QList<QJsonObject> CachetServer::updates(int incidentId) const
{
    QList<QJsonObject> out;
    for (const QJsonObject &update : m_updates)
        if (update.value(u"incident_id").toInt() == incidentId)
            out.append(update);
    return out;
}

int CachetServer::componentStatus(int id) const
{
    return m_components.value(id).value(u"status").toInt(-1);
}

int CachetServer::requestsWith(const QByteArray &method, const QString &pathStart) const
{
    int n = 0;
    for (const HttpRequest &request : m_requests)
        n += request.method == method && QString::fromLatin1(request.path).startsWith(u"/api/v1"_s + pathStart) ? 1 : 0;
    return n;
}

QJsonObject CachetServer::withUpdates(QJsonObject incident) const
{
    QJsonArray list;
    const QList<QJsonObject> own = updates(incident.value(u"id").toInt());
    for (auto it = own.crbegin(); it != own.crend(); ++it)
        list.append(*it);
    incident.insert(u"updates"_s, list);
    return incident;
}

void CachetServer::onConnection(QTcpSocket *socket)
{
    socket->setParent(this);
    connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
    readRequests(socket, this, [this, socket](const HttpRequest &request) { handle(socket, request); });
}

void CachetServer::handle(QTcpSocket *socket, const HttpRequest &request)
{
    m_requests.append(request);
    std::optional<Fault> fault;
    for (auto it = m_faults.begin(); it != m_faults.end(); ++it) {
        if (it->method.isEmpty() || it->method == request.method) {
            fault = it->fault;
            m_faults.erase(it);
            break;
        }
    }
    if (fault == Fault::TimeoutBeforeApply)
        return;
    if (fault == Fault::ServerError) {
        const Reply reply = error(500, u"Internal Server Error"_s, u"Something went wrong on our servers."_s);
        return send(socket, reply.status, reply.body, {});
    }
    if (fault == Fault::RateLimited) {
        const Reply reply = error(429, u"Too Many Requests"_s, u"Too Many Attempts."_s);
        return send(socket, reply.status, reply.body, {{"Retry-After"_ba, QByteArray::number(m_retryAfter)}});
    }
    const Reply reply = route(request);
    if (fault == Fault::TimeoutAfterApply)
        return;
    if (fault == Fault::ResetAfterApply)
        return reset(socket);
    send(socket, reply.status, reply.body, reply.headers);
}

CachetServer::Reply CachetServer::error(int status, const QString &title, const QString &detail,
                                        const QStringList &details)
{
    QJsonObject error{{u"id"_s, u"7f3a9c2e-0b1d-4e5f-8a6b-1c2d3e4f5a6b"_s},
                      {u"status"_s, status},
                      {u"title"_s, title},
                      {u"detail"_s, detail}};
    if (!details.isEmpty())
        error.insert(u"meta"_s, QJsonObject{{u"details"_s, QJsonArray::fromStringList(details)}});
    return {status, QJsonObject{{u"errors"_s, QJsonArray{error}}}, {}};
}

CachetServer::Reply CachetServer::invalid(const QStringList &details)
{
    return error(400, u"Bad Request"_s, u"The request cannot be fulfilled due to bad syntax."_s, details);
}

CachetServer::Reply CachetServer::page(const QJsonArray &all, const QUrlQuery &query)
{
    const int perPage =
        std::max(1, query.hasQueryItem(u"per_page"_s) ? query.queryItemValue(u"per_page"_s).toInt() : 20);
    const int current = std::max(1, query.queryItemValue(u"page"_s).toInt());
    QJsonArray data;
    for (qsizetype i = qsizetype(current - 1) * perPage; i < all.size() && data.size() < perPage; ++i)
        data.append(all.at(i));
    const int totalPages = std::max(1, int((all.size() + perPage - 1) / perPage));
    const QJsonObject pagination{
        {u"total"_s, all.size()},
        {u"count"_s, data.size()},
        {u"per_page"_s, perPage},
        {u"current_page"_s, current},
        {u"total_pages"_s, totalPages},
        {u"links"_s, QJsonObject{{u"next_page"_s, QJsonValue::Null}, {u"previous_page"_s, QJsonValue::Null}}}};
    return {200, QJsonObject{{u"meta"_s, QJsonObject{{u"pagination"_s, pagination}}}, {u"data"_s, data}}, {}};
}

CachetServer::Reply CachetServer::route(const HttpRequest &request)
{
    if (request.header("X-Cachet-Token"_ba) != m_token)
        return error(401, u"Unauthorized"_s, u"You are not authorized to view this content."_s);
    const QUrl url(QString::fromLatin1(request.path));
    const QUrlQuery query(url);
    QString path = url.path();
    if (!path.startsWith(u"/api/v1/"_s))
        return error(404, u"Not Found"_s, u"The requested resource could not be found."_s);
    const QStringList parts = path.mid(8).split(u'/', Qt::SkipEmptyParts);
    QJsonObject in;
    if (!request.body.isEmpty()) {
        const QJsonDocument document = QJsonDocument::fromJson(request.body);
        if (!document.isObject())
            return invalid({u"The body is not JSON."_s});
        in = document.object();
    }
    const QByteArray &method = request.method;
    const Reply notFound = error(
        404, u"Not Found"_s, u"The requested resource could not be found but may be available again in the future."_s);
    const auto findIn = [](QList<QJsonObject> &list, int id) -> QJsonObject * {
        for (QJsonObject &item : list)
            if (item.value(u"id").toInt() == id)
                return &item;
        return nullptr;
    };
    const auto applyComponent = [this](const QJsonObject &fields) -> std::optional<Reply> {
        if (!fields.contains(u"component_id") && !fields.contains(u"component_status"))
            return std::nullopt;
        if (!fields.contains(u"component_id"))
            return invalid({u"The component id field is required when component status is present."_s});
        if (!isInt(fields.value(u"component_status"), 1, 4))
            return invalid({u"The component status must be between 1 and 4."_s});
        const int id = toInt(fields.value(u"component_id"));
        if (!m_components.contains(id))
            return invalid({u"The selected component id is invalid."_s});
        m_components[id].insert(u"status"_s, toInt(fields.value(u"component_status")));
        return std::nullopt;
    };

    if (parts.value(0) == "incidents"_L1) {
        if (parts.size() == 1 && method == "GET") {
            QList<QJsonObject> sorted = m_incidents;
            if (query.queryItemValue(u"sort"_s) == "id"_L1 && query.queryItemValue(u"order"_s) == "desc"_L1)
                std::reverse(sorted.begin(), sorted.end());
            QJsonArray all;
            for (const QJsonObject &incident : sorted)
                all.append(withUpdates(incident));
            return page(all, query);
        }
        if (parts.size() == 1 && method == "POST") {
            QStringList details;
            if (in.value(u"name").toString().trimmed().isEmpty())
                details.append(u"The name field is required."_s);
            else if (in.value(u"name").toString().size() > 255)
                details.append(u"The name may not be greater than 255 characters."_s);
            if (!isInt(in.value(u"status"), 0, 4))
                details.append(u"The status must be between 0 and 4."_s);
            if (!in.value(u"message").isString())
                details.append(u"The message must be a string."_s);
            if (!details.isEmpty())
                return invalid(details);
            if (const auto refused = applyComponent(in))
                return *refused;
            const QJsonObject incident{
                {u"id"_s, m_nextId++},
                {u"component_id"_s,
                 in.contains(u"component_id") ? QJsonValue(toInt(in.value(u"component_id"))) : QJsonValue(0)},
                {u"name"_s, in.value(u"name")},
                {u"status"_s, toInt(in.value(u"status"))},
                {u"visible"_s, in.value(u"visible").toInt(1)},
                {u"message"_s, in.value(u"message")},
                {u"notifications"_s, in.value(u"notify").toBool(true)},
                {u"occurred_at"_s, now()},
                {u"created_at"_s, now()},
                {u"updated_at"_s, now()},
                {u"permalink"_s, u"http://127.0.0.1:%1/incidents/%2"_s.arg(m_port).arg(m_nextId - 1)},
            };
            m_incidents.append(incident);
            return {200, QJsonObject{{u"data"_s, withUpdates(incident)}}, {}};
        }
        QJsonObject *incident = findIn(m_incidents, parts.value(1).toInt());
        if (!incident)
            return notFound;
        if (parts.size() == 2 && method == "GET")
            return {200, QJsonObject{{u"data"_s, withUpdates(*incident)}}, {}};
        if (parts.size() == 2 && method == "PUT") {
            if (in.contains(u"name") && in.value(u"name").toString().size() > 255)
                return invalid({u"The name may not be greater than 255 characters."_s});
            if (in.contains(u"status") && !isInt(in.value(u"status"), 0, 4))
                return invalid({u"The status must be between 0 and 4."_s});
            if (const auto refused = applyComponent(in))
                return *refused;
            for (const QString &key : {u"name"_s, u"message"_s, u"visible"_s})
                if (in.contains(key))
                    incident->insert(key, in.value(key));
            if (in.contains(u"status"))
                incident->insert(u"status"_s, toInt(in.value(u"status")));
            incident->insert(u"updated_at"_s, now());
            return {200, QJsonObject{{u"data"_s, withUpdates(*incident)}}, {}};
        }
        if (parts.value(2) == "updates"_L1 && parts.size() == 3) {
            const int id = incident->value(u"id").toInt();
            if (method == "GET") {
                QJsonArray all;
                const QList<QJsonObject> own = updates(id);
                for (auto it = own.crbegin(); it != own.crend(); ++it)
                    all.append(*it);
                return page(all, query);
            }
            if (method == "POST") {
                QStringList details;
                if (!isInt(in.value(u"status"), 1, 4))
                    details.append(u"The status must be between 1 and 4."_s);
                if (in.value(u"message").toString().isEmpty())
                    details.append(u"The message field is required."_s);
                if (!details.isEmpty())
                    return invalid(details);
                const QJsonObject update{{u"id"_s, m_nextId++},
                                         {u"incident_id"_s, id},
                                         {u"status"_s, toInt(in.value(u"status"))},
                                         {u"message"_s, in.value(u"message")},
                                         {u"user_id"_s, 1},
                                         {u"created_at"_s, now()},
                                         {u"updated_at"_s, now()}};
                m_updates.append(update);
                incident->insert(u"status"_s, toInt(in.value(u"status")));
                return {200, QJsonObject{{u"data"_s, update}}, {}};
            }
        }
        return notFound;
    }
    if (parts.value(0) == "components"_L1 && parts.size() == 2) {
        const int id = parts.value(1).toInt();
        if (!m_components.contains(id))
            return notFound;
        if (method == "GET")
            return {200, QJsonObject{{u"data"_s, m_components.value(id)}}, {}};
        if (method == "PUT") {
            if (in.contains(u"status") && !isInt(in.value(u"status"), 0, 4))
                return invalid({u"The status must be between 0 and 4."_s});
            if (in.contains(u"status"))
                m_components[id].insert(u"status"_s, toInt(in.value(u"status")));
            return {200, QJsonObject{{u"data"_s, m_components.value(id)}}, {}};
        }
    }
    if (parts.value(0) == "schedules"_L1) {
        const auto validate = [](const QJsonObject &fields, bool creating) {
            QStringList details;
            if (creating && fields.value(u"name").toString().trimmed().isEmpty())
                details.append(u"The name field is required."_s);
            if (fields.contains(u"status") && !isInt(fields.value(u"status"), 0, 2))
                details.append(u"The status must be between 0 and 2."_s);
            const auto badTime = [&](const QString &key) {
                return fields.contains(key) &&
                       !QDateTime::fromString(fields.value(key).toString(), u"yyyy-MM-dd HH:mm"_s).isValid();
            };
            if ((creating && !fields.contains(u"scheduled_at")) || badTime(u"scheduled_at"_s))
                details.append(u"The scheduled at does not match the format Y-m-d H:i."_s);
            if (badTime(u"completed_at"_s))
                details.append(u"The completed at does not match the format Y-m-d H:i."_s);
            return details;
        };
        const auto store = [](QJsonObject &schedule, const QJsonObject &fields) {
            for (const QString &key : {u"name"_s, u"message"_s, u"status"_s})
                if (fields.contains(key))
                    schedule.insert(key, fields.value(key));
            for (const QString &key : {u"scheduled_at"_s, u"completed_at"_s})
                if (fields.contains(key))
                    schedule.insert(key, QString(fields.value(key).toString() + u":00"_s));
            schedule.insert(u"updated_at"_s, now());
        };
        if (parts.size() == 1 && method == "GET") {
            QList<QJsonObject> sorted = m_schedules;
            if (query.queryItemValue(u"sort"_s) == "id"_L1 && query.queryItemValue(u"order"_s) == "desc"_L1)
                std::reverse(sorted.begin(), sorted.end());
            QJsonArray all;
            for (const QJsonObject &schedule : sorted)
                all.append(schedule);
            return page(all, query);
        }
        if (parts.size() == 1 && method == "POST") {
            if (const QStringList details = validate(in, true); !details.isEmpty())
                return invalid(details);
            QJsonObject schedule{{u"id"_s, m_nextId++},
                                 {u"status"_s, 0},
                                 {u"message"_s, u""_s},
                                 {u"completed_at"_s, QJsonValue::Null},
                                 {u"created_at"_s, now()}};
            store(schedule, in);
            m_schedules.append(schedule);
            return {200, QJsonObject{{u"data"_s, schedule}}, {}};
        }
        QJsonObject *schedule = findIn(m_schedules, parts.value(1).toInt());
        if (!schedule)
            return notFound;
        if (parts.size() == 2 && method == "GET")
            return {200, QJsonObject{{u"data"_s, *schedule}}, {}};
        if (parts.size() == 2 && method == "PUT") {
            if (const QStringList details = validate(in, false); !details.isEmpty())
                return invalid(details);
            store(*schedule, in);
            return {200, QJsonObject{{u"data"_s, *schedule}}, {}};
        }
    }
    return notFound;
}

} // namespace Vigie::Test

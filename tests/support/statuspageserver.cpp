#include "statuspageserver.h"

#include <QDateTime>
#include <QHostAddress>
#include <QJsonDocument>
#include <QTcpSocket>
#include <QUrlQuery>

#include <sys/socket.h>

using namespace Qt::StringLiterals;

namespace Vigie::Test {

namespace {

const QStringList incidentStatuses{u"investigating"_s, u"identified"_s, u"monitoring"_s, u"resolved"_s};
const QStringList maintenanceStatuses{u"scheduled"_s, u"in_progress"_s, u"verifying"_s, u"completed"_s};
const QStringList impacts{u"none"_s, u"minor"_s, u"major"_s, u"critical"_s};
const QStringList componentStatusNames{u"operational"_s, u"degraded_performance"_s, u"partial_outage"_s,
                                       u"major_outage"_s, u"under_maintenance"_s};
constexpr qsizetype maxName = 255;
constexpr qsizetype maxBody = 25'000;

QString now()
{
    return QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs);
}

QByteArray reason(int status)
{
    switch (status) {
    case 200:
        return "OK"_ba;
    case 201:
        return "Created"_ba;
    case 400:
        return "Bad Request"_ba;
    case 401:
        return "Unauthorized"_ba;
    case 404:
        return "Not Found"_ba;
    case 422:
        return "Unprocessable Entity"_ba;
    case 429:
        return "Too Many Requests"_ba;
    default:
        return "Internal Server Error"_ba;
    }
}

QJsonObject error(const QString &message)
{
    return QJsonObject{{u"error"_s, message}};
}

// RST instead of a clean close.
void reset(QTcpSocket *socket)
{
    const linger abortive{1, 0};
    ::setsockopt(int(socket->socketDescriptor()), SOL_SOCKET, SO_LINGER, &abortive, sizeof abortive);
    socket->abort();
}

} // namespace

StatuspageServer::StatuspageServer(QString pageId, QByteArray key)
    : m_pageId(std::move(pageId))
    , m_key(std::move(key))
{
    m_server.listen(QHostAddress::LocalHost, 0);
    m_port = m_server.serverPort();
    connect(&m_server, &QTcpServer::newConnection, this, [this] {
        while (QTcpSocket *socket = m_server.nextPendingConnection())
            onConnection(socket);
    });
}

StatuspageServer::~StatuspageServer()
{
    for (QTcpSocket *socket : findChildren<QTcpSocket *>())
        socket->disconnect(this);
}

QString StatuspageServer::apiUrl() const
{
    return u"http://127.0.0.1:%1/v1"_s.arg(m_port);
}

void StatuspageServer::injectFault(Fault fault, const QByteArray &method)
{
    m_faults.push_back({fault, method});
}

void StatuspageServer::setRefusing(bool refusing)
{
    if (refusing)
        m_server.close();
    else if (!m_server.isListening())
        m_server.listen(QHostAddress::LocalHost, m_port);
}

QJsonArray StatuspageServer::incidents() const
{
    QJsonArray out;
    for (auto it = m_incidents.crbegin(); it != m_incidents.crend(); ++it)
        out.append(*it);
    return out;
}

QJsonObject StatuspageServer::incident(const QString &id) const
{
    for (const QJsonObject &incident : m_incidents)
        if (incident.value(u"id").toString() == id)
            return incident;
    return {};
}

void StatuspageServer::onConnection(QTcpSocket *socket)
{
    socket->setParent(this);
    connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
    readRequests(socket, this, [this, socket](const HttpRequest &request) { handle(socket, request); });
}

void StatuspageServer::handle(QTcpSocket *socket, const HttpRequest &request)
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
        return; // held: the client gives up
    if (fault == Fault::ServerError)
        return send(socket, {500, error(u"Internal Server Error"_s), {}});
    if (fault == Fault::RateLimited)
        return send(socket,
                    {429, error(u"Rate limit exceeded"_s), {{"Retry-After"_ba, QByteArray::number(m_retryAfter)}}});

    const Reply reply = route(request);
    if (fault == Fault::TimeoutAfterApply)
        return;
    if (fault == Fault::ResetAfterApply)
        return reset(socket);
    send(socket, reply);
}

void StatuspageServer::send(QTcpSocket *socket, const Reply &reply)
{
    const QByteArray body = reply.body.isArray() ? QJsonDocument(reply.body.toArray()).toJson(QJsonDocument::Compact)
                                                 : QJsonDocument(reply.body.toObject()).toJson(QJsonDocument::Compact);
    QByteArray out = "HTTP/1.1 " + QByteArray::number(reply.status) + ' ' + reason(reply.status) + "\r\n";
    for (const auto &[name, value] : reply.headers)
        out += name + ": " + value + "\r\n";
    out += "Content-Type: application/json; charset=utf-8\r\nContent-Length: " + QByteArray::number(body.size()) +
           "\r\nConnection: close\r\n\r\n" + body;
    socket->write(out);
    socket->disconnectFromHost();
}

StatuspageServer::Reply StatuspageServer::route(const HttpRequest &request)
{
    // Authentication first, then the rate limit of the key.
    if (request.header("Authorization"_ba) != QByteArray("OAuth " + m_key))
        return {401, error(u"Could not authenticate"_s), {}};
    const auto at = std::chrono::steady_clock::now();
    if (m_lastRequest && at - *m_lastRequest < m_rateInterval) {
        ++m_rateLimited;
        return {429, error(u"Rate limit exceeded"_s), {{"Retry-After"_ba, QByteArray::number(m_retryAfter)}}};
    }
    m_lastRequest = at;

    const QUrl url(QString::fromLatin1(request.path));
    const QString prefix = u"/v1/pages/"_s + m_pageId;
    QString path = url.path();
    if (!path.startsWith(prefix + u'/') && path != prefix)
        return {404, error(u"The page could not be found"_s), {}};
    path = path.mid(prefix.size());
    if (path.endsWith(u".json"_s))
        path.chop(5);
    const QStringList parts = path.split(u'/', Qt::SkipEmptyParts);
    if (parts.value(0) != "incidents"_L1)
        return {404, error(u"Not found"_s), {}};

    QJsonObject payload;
    if (!request.body.isEmpty()) {
        QJsonParseError parseError;
        const QJsonDocument document = QJsonDocument::fromJson(request.body, &parseError);
        if (!document.isObject())
            return {400, error(u"Invalid JSON: %1"_s.arg(parseError.errorString())), {}};
        payload = document.object();
    }
    const QByteArray &method = request.method;
    if (parts.size() == 1 && method == "GET") {
        const QUrlQuery query(url);
        const int limit = std::clamp(query.queryItemValue(u"limit"_s).toInt(), 1, 100);
        const int page = std::max(1, query.queryItemValue(u"page"_s).toInt());
        const QJsonArray all = incidents();
        QJsonArray out;
        for (qsizetype i = qsizetype(page - 1) * limit; i < all.size() && out.size() < limit; ++i)
            out.append(all.at(i));
        return {200, out, {}};
    }
    if (parts.size() == 1 && method == "POST") {
        if (!payload.value(u"incident").isObject())
            return {400, error(u"param is missing or the value is empty: incident"_s), {}};
        return createIncident(payload.value(u"incident").toObject());
    }
    const QString id = parts.value(1);
    const qsizetype index = [&] {
        for (qsizetype i = 0; i < m_incidents.size(); ++i)
            if (m_incidents.at(i).value(u"id").toString() == id)
                return i;
        return qsizetype(-1);
    }();
    if (index < 0)
        return {404, error(u"The incident could not be found"_s), {}};
    if (parts.size() == 2 && method == "GET")
        return {200, m_incidents.at(index), {}};
    if (parts.size() == 2 && (method == "PATCH" || method == "PUT")) {
        if (!payload.value(u"incident").isObject())
            return {400, error(u"param is missing or the value is empty: incident"_s), {}};
        return updateIncident(id, payload.value(u"incident").toObject());
    }
    if (parts.value(2) == "postmortem"_L1 && method == "PUT") {
        QJsonObject &incident = m_incidents[index];
        const QJsonObject postmortem = payload.value(u"postmortem").toObject();
        if (parts.size() == 3) {
            if (!postmortem.value(u"body_draft").isString())
                return {400, error(u"param is missing or the value is empty: postmortem"_s), {}};
            incident.insert(u"postmortem_body"_s, postmortem.value(u"body_draft"));
            incident.insert(u"postmortem_body_last_updated_at"_s, now());
            incident.insert(u"postmortem_published_at"_s, QJsonValue::Null);
            return {200, incident, {}};
        }
        if (parts.size() == 4 && parts.at(3) == "publish"_L1) {
            if (incident.value(u"postmortem_body").toString().isEmpty())
                return {422, error(u"Postmortem body can't be blank"_s), {}};
            incident.insert(u"postmortem_published_at"_s, now());
            incident.insert(u"postmortem_notified_subscribers"_s, postmortem.value(u"notify_subscribers").toBool());
            incident.insert(u"postmortem_notified_twitter"_s, postmortem.value(u"notify_twitter").toBool());
            return {200, incident, {}};
        }
    }
    return {404, error(u"Not found"_s), {}};
}

std::optional<StatuspageServer::Reply> StatuspageServer::validate(const QJsonObject &fields, bool creating) const
{
    if (creating && fields.value(u"name").toString().trimmed().isEmpty())
        return Reply{422, error(u"Name can't be blank"_s), {}};
    if (fields.value(u"name").toString().size() > maxName)
        return Reply{422, error(u"Name is too long (maximum is 255 characters)"_s), {}};
    if (fields.value(u"body").toString().size() > maxBody)
        return Reply{422, error(u"Body is too long (maximum is 25000 characters)"_s), {}};
    if (fields.contains(u"status") && !incidentStatuses.contains(fields.value(u"status").toString()) &&
        !maintenanceStatuses.contains(fields.value(u"status").toString()))
        return Reply{422, error(u"Status is not included in the list"_s), {}};
    if (fields.contains(u"impact_override") && !impacts.contains(fields.value(u"impact_override").toString()))
        return Reply{422, error(u"Impact override is not included in the list"_s), {}};
    const QJsonObject components = fields.value(u"components").toObject();
    for (auto it = components.constBegin(); it != components.constEnd(); ++it)
        if (!componentStatusNames.contains(it.value().toString()))
            return Reply{422, error(u"Component status is not included in the list"_s), {}};
    const QString status = fields.value(u"status").toString();
    if (maintenanceStatuses.contains(status) && creating &&
        (!fields.value(u"scheduled_for").isString() || !fields.value(u"scheduled_until").isString()))
        return Reply{422, error(u"Scheduled for can't be blank"_s), {}};
    return std::nullopt;
}

void StatuspageServer::addUpdate(QJsonObject &incident, const QString &status, const QString &body,
                                 const QJsonObject &fields)
{
    QJsonArray affected;
    const QJsonObject components = fields.value(u"components").toObject();
    for (auto it = components.constBegin(); it != components.constEnd(); ++it) {
        affected.append(QJsonObject{{u"code"_s, it.key()},
                                    {u"name"_s, it.key()},
                                    {u"old_status"_s, m_components.value(it.key(), u"operational"_s)},
                                    {u"new_status"_s, it.value()}});
        m_components.insert(it.key(), it.value().toString());
    }
    const QString stamp = now();
    QJsonObject update{{u"id"_s, u"u%1"_s.arg(m_nextId++, 11, 10, QChar(u'0'))},
                       {u"incident_id"_s, incident.value(u"id")},
                       {u"status"_s, status},
                       {u"body"_s, body},
                       {u"created_at"_s, stamp},
                       {u"updated_at"_s, stamp},
                       {u"display_at"_s, stamp},
                       {u"affected_components"_s, affected.isEmpty() ? QJsonValue(QJsonValue::Null) : affected},
                       {u"deliver_notifications"_s, fields.value(u"deliver_notifications").toBool(true)}};
    QJsonArray updates = incident.value(u"incident_updates").toArray();
    updates.prepend(update); // newest first
    incident.insert(u"incident_updates"_s, updates);
}

StatuspageServer::Reply StatuspageServer::createIncident(const QJsonObject &fields)
{
    if (const auto refused = validate(fields, true))
        return *refused;
    const QString stamp = now();
    const QString id = u"i%1"_s.arg(m_nextId++, 11, 10, QChar(u'0'));
    const QString status = fields.value(u"status").toString(u"investigating"_s);
    QJsonObject incident{
        {u"id"_s, id},
        {u"page_id"_s, m_pageId},
        {u"name"_s, fields.value(u"name")},
        {u"status"_s, status},
        {u"impact"_s, fields.value(u"impact_override").toString(u"none"_s)},
        {u"impact_override"_s, fields.value(u"impact_override")},
        {u"created_at"_s, stamp},
        {u"updated_at"_s, stamp},
        {u"started_at"_s, stamp},
        {u"monitoring_at"_s, QJsonValue::Null},
        {u"resolved_at"_s, QJsonValue::Null},
        {u"shortlink"_s, QString(u"https://stspg.io/"_s + id)},
        {u"scheduled_for"_s, fields.value(u"scheduled_for").toString()},
        {u"scheduled_until"_s, fields.value(u"scheduled_until").toString()},
        {u"scheduled_remind_prior"_s, fields.value(u"scheduled_remind_prior").toBool()},
        {u"scheduled_auto_in_progress"_s, fields.value(u"scheduled_auto_in_progress").toBool()},
        {u"scheduled_auto_completed"_s, fields.value(u"scheduled_auto_completed").toBool()},
        {u"metadata"_s, fields.value(u"metadata").toObject()},
        {u"postmortem_body"_s, QJsonValue::Null},
        {u"postmortem_published_at"_s, QJsonValue::Null},
        {u"incident_updates"_s, QJsonArray()},
        {u"components"_s, QJsonArray()},
    };
    if (!fields.contains(u"scheduled_for"))
        incident.insert(u"scheduled_for"_s, QJsonValue::Null);
    if (!fields.contains(u"scheduled_until"))
        incident.insert(u"scheduled_until"_s, QJsonValue::Null);
    addUpdate(incident, status, fields.value(u"body").toString(), fields);
    QJsonArray components;
    for (const QJsonValue &component : fields.value(u"component_ids").toArray())
        components.append(QJsonObject{{u"id"_s, component},
                                      {u"status"_s, m_components.value(component.toString(), u"operational"_s)}});
    incident.insert(u"components"_s, components);
    m_incidents.append(incident);
    return {201, incident, {}};
}

StatuspageServer::Reply StatuspageServer::updateIncident(const QString &id, const QJsonObject &fields)
{
    if (const auto refused = validate(fields, false))
        return *refused;
    QJsonObject *incident = nullptr;
    for (QJsonObject &candidate : m_incidents)
        if (candidate.value(u"id").toString() == id)
            incident = &candidate;
    for (const QString &key :
         {u"name"_s, u"impact_override"_s, u"scheduled_for"_s, u"scheduled_until"_s, u"scheduled_remind_prior"_s,
          u"scheduled_auto_in_progress"_s, u"scheduled_auto_completed"_s, u"metadata"_s}) {
        if (fields.contains(key))
            incident->insert(key, fields.value(key));
    }
    if (fields.contains(u"impact_override"))
        incident->insert(u"impact"_s, fields.value(u"impact_override"));
    const QString status = fields.value(u"status").toString(incident->value(u"status").toString());
    const bool changes =
        fields.contains(u"body") || status != incident->value(u"status").toString() || fields.contains(u"components");
    const QString stamp = now();
    if (status == "resolved"_L1 && incident->value(u"resolved_at").isNull())
        incident->insert(u"resolved_at"_s, stamp);
    if (status == "monitoring"_L1 && incident->value(u"monitoring_at").isNull())
        incident->insert(u"monitoring_at"_s, stamp);
    incident->insert(u"status"_s, status);
    incident->insert(u"updated_at"_s, stamp);
    if (changes)
        addUpdate(*incident, status, fields.value(u"body").toString(), fields);
    if (fields.contains(u"component_ids")) {
        QJsonArray components;
        for (const QJsonValue &component : fields.value(u"component_ids").toArray())
            components.append(QJsonObject{{u"id"_s, component},
                                          {u"status"_s, m_components.value(component.toString(), u"operational"_s)}});
        incident->insert(u"components"_s, components);
    }
    return {200, *incident, {}};
}

} // namespace Vigie::Test

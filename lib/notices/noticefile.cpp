#include "noticefile.h"

#include "workspace/valueparsers.h"
#include "workspace/workspace.h"
#include "workspace/yamlsource.h"

#include <QDateTime>
#include <QFile>
#include <QRegularExpression>
#include <QSet>
#include <QTimeZone>

using namespace Qt::StringLiterals;

namespace Vigie {

namespace {

const QList<QLatin1StringView> frontMatterKeys{"title"_L1,  "kind"_L1,       "status"_L1,
                                               "impact"_L1, "components"_L1, "window"_L1};
const QList<QLatin1StringView> windowKeys{"start"_L1, "end"_L1};
const QStringList kindNames{noticeKindName(NoticeKind::Incident), noticeKindName(NoticeKind::Maintenance)};

// User text quoted back in a message: long values would drown the message.
QString shown(const QString &text)
{
    constexpr qsizetype longest = 60;
    return text.size() > longest ? text.left(longest - 1) + QChar(0x2026) : text;
}

QString describe(const YamlNode &node)
{
    switch (node.type()) {
    case YamlNode::Type::Map:
        return NoticeFile::tr("a mapping");
    case YamlNode::Type::Sequence:
        return NoticeFile::tr("a sequence");
    case YamlNode::Type::Scalar:
        return NoticeFile::tr("the value '%1'").arg(shown(node.scalar()));
    case YamlNode::Type::Null:
        break;
    }
    return NoticeFile::tr("nothing");
}

// A line of the text, without its line break and trailing blanks.
QByteArrayView lineAt(const QByteArray &text, qsizetype start, qsizetype *next)
{
    qsizetype end = text.indexOf('\n', start);
    *next = end < 0 ? text.size() : end + 1;
    if (end < 0)
        end = text.size();
    QByteArrayView line(text.constData() + start, end - start);
    while (!line.isEmpty() && (line.back() == '\r' || line.back() == ' ' || line.back() == '\t'))
        line.chop(1);
    return line;
}

// A scalar of the front matter: plain when YAML reads it back as the same word, else double-quoted.
QString yamlScalar(const QString &text)
{
    static const QRegularExpression plain(u"^[A-Za-z_][A-Za-z0-9_-]*$"_s);
    static const QStringList special{u"null"_s, u"true"_s, u"false"_s, u"yes"_s, u"no"_s,
                                     u"on"_s,   u"off"_s,  u"y"_s,     u"n"_s};
    if (plain.match(text).hasMatch() && !special.contains(text, Qt::CaseInsensitive))
        return text;
    QString quoted = u"\""_s;
    for (const QChar c : text) {
        if (c == u'"' || c == u'\\') {
            quoted += u'\\';
            quoted += c;
        } else if (c == u'\n')
            quoted += u"\\n"_s;
        else if (c == u'\t')
            quoted += u"\\t"_s;
        else if (c.unicode() < 0x20)
            quoted += u"\\x%1"_s.arg(int(c.unicode()), 2, 16, QChar(u'0'));
        else
            quoted += c;
    }
    return quoted + u'"';
}

class Reader
{
public:
    // `defaultKind`: the kind of a notice whose file names none (a new one is an incident); none
    // for an update, whose notice's kind the command checks.
    Reader(YamlSource &source, NoticeFile &file, const Workspace *workspace, std::optional<NoticeKind> defaultKind)
        : m_source(source)
        , m_file(file)
        , m_workspace(workspace)
        , m_defaultKind(defaultKind)
    {}

    void read(const YamlNode &root)
    {
        if (!root.isMap()) {
            error(root, NoticeFile::tr("the front matter should be a mapping (key: value lines), found %1")
                            .arg(describe(root)));
            return;
        }
        QHash<QString, YamlNode> seen;
        YamlNode statusNode;
        YamlNode windowKey;
        for (qsizetype i = 0; i < root.size(); ++i) {
            const YamlNode keyNode = root.key(i);
            const YamlNode value = root.value(i);
            const QString key = keyNode.scalar();
            if (!keyNode.isScalar()) {
                error(keyNode,
                      NoticeFile::tr("a key should be a single word such as 'title', found %1").arg(describe(keyNode)));
                continue;
            }
            if (const auto first = seen.constFind(key); first != seen.cend()) {
                error(keyNode, NoticeFile::tr("duplicate key '%1' (first defined at %2)")
                                   .arg(shown(key), m_source.locationOf(*first).toString()));
                continue;
            }
            seen.insert(key, keyNode);
            if (key == "title"_L1) {
                if (const auto text = scalar(value, key); text && !text->trimmed().isEmpty())
                    m_file.title = text->trimmed();
                else if (text)
                    error(value, NoticeFile::tr("'title' should not be empty"));
            } else if (key == "kind"_L1) {
                if (const auto text = scalar(value, key)) {
                    m_file.kind = noticeKindFromName(*text);
                    if (!m_file.kind)
                        notOneOf(value, key, kindNames);
                }
            } else if (key == "status"_L1) {
                statusNode = value;
            } else if (key == "impact"_L1) {
                if (const auto text = scalar(value, key)) {
                    m_file.impact = noticeImpactFromName(*text);
                    if (!m_file.impact)
                        notOneOf(value, key, noticeImpactNames());
                }
            } else if (key == "components"_L1) {
                readComponents(value);
            } else if (key == "window"_L1) {
                windowKey = keyNode;
                readWindow(value);
            } else {
                QStringList known;
                for (const QLatin1StringView name : frontMatterKeys)
                    known.append(QString(name));
                const QString closest = closestMatch(key, known);
                if (!closest.isEmpty())
                    error(keyNode, NoticeFile::tr("unknown key '%1'; did you mean '%2'?").arg(shown(key), closest));
                else
                    error(keyNode, NoticeFile::tr("unknown key '%1'; the front matter accepts: %2")
                                       .arg(shown(key), known.join(", "_L1)));
            }
        }
        // The status is read once the kind is known, so that it is checked against the right list.
        if (!statusNode.isNull() || seen.contains(u"status"_s)) {
            if (const auto text = scalar(statusNode, u"status"_s)) {
                const std::optional<NoticeStatus> status = noticeStatusFromName(*text);
                const std::optional<NoticeKind> known = m_file.kind ? m_file.kind : m_defaultKind;
                const NoticeKind kind =
                    known.value_or(status && !noticeStatusFits(NoticeKind::Incident, *status) ? NoticeKind::Maintenance
                                                                                              : NoticeKind::Incident);
                if (!status || (known && !noticeStatusFits(kind, *status))) {
                    error(statusNode, NoticeFile::tr("'%1' is not a status of %2; expected one of: %3")
                                          .arg(shown(*text), noticeKindText(kind).toLower(),
                                               noticeStatusNames(kind).join(", "_L1)));
                } else {
                    m_file.status = status;
                }
            }
        }
        if (m_file.window && (m_file.kind ? m_file.kind : m_defaultKind) == NoticeKind::Incident)
            error(windowKey, NoticeFile::tr("an incident has no 'window'; only a maintenance is planned"));
    }

private:
    void error(const YamlNode &node, const QString &message) { m_source.addError(m_source.locationOf(node), message); }

    std::optional<QString> scalar(const YamlNode &node, const QString &key)
    {
        if (node.isScalar())
            return node.scalar();
        error(node, NoticeFile::tr("'%1' should be a single value, found %2").arg(key, describe(node)));
        return std::nullopt;
    }

    void notOneOf(const YamlNode &node, const QString &key, const QStringList &names)
    {
        const QString closest = closestMatch(node.scalar(), names);
        if (!closest.isEmpty())
            error(node, NoticeFile::tr("'%1' is not a valid %2; did you mean '%3'? expected one of: %4")
                            .arg(shown(node.scalar()), key, closest, names.join(", "_L1)));
        else
            error(node, NoticeFile::tr("'%1' is not a valid %2; expected one of: %3")
                            .arg(shown(node.scalar()), key, names.join(", "_L1)));
    }

    bool checkService(const YamlNode &node, QSet<QString> &seen)
    {
        const QString id = node.scalar();
        if (!node.isScalar() || id.isEmpty()) {
            error(node, NoticeFile::tr("a component should be a service id, found %1").arg(describe(node)));
            return false;
        }
        if (seen.contains(id)) {
            error(node, NoticeFile::tr("the service '%1' is listed twice").arg(shown(id)));
            return false;
        }
        seen.insert(id);
        if (m_workspace) {
            if (m_workspace->service(id))
                return true;
            QStringList ids;
            for (const Service &service : m_workspace->services)
                ids.append(service.id);
            const QString closest = closestMatch(id, ids);
            if (!closest.isEmpty())
                error(node,
                      NoticeFile::tr("the workspace has no service '%1'; did you mean '%2'?").arg(shown(id), closest));
            else
                error(node, NoticeFile::tr("the workspace has no service '%1'; its services are: %2")
                                .arg(shown(id), ids.join(", "_L1)));
            return false;
        }
        if (!isValidServiceId(id)) {
            error(node,
                  NoticeFile::tr("'%1' is not a service id (lower-case letters, digits, '-' and '_')").arg(shown(id)));
            return false;
        }
        return true;
    }

    void readComponents(const YamlNode &node)
    {
        QList<AffectedComponent> components;
        QSet<QString> seen;
        if (node.isMap()) {
            for (qsizetype i = 0; i < node.size(); ++i) {
                const YamlNode status = node.value(i);
                if (!checkService(node.key(i), seen))
                    continue;
                const std::optional<ComponentStatus> value =
                    status.isScalar() ? componentStatusFromName(status.scalar()) : std::nullopt;
                if (!value) {
                    if (status.isScalar())
                        notOneOf(status, u"component status"_s, componentStatusNames());
                    else
                        error(status, NoticeFile::tr("a component's status should be one of: %1; found %2")
                                          .arg(componentStatusNames().join(", "_L1), describe(status)));
                    continue;
                }
                components.append({node.key(i).scalar(), *value});
            }
        } else if (node.isSequence()) {
            for (qsizetype i = 0; i < node.size(); ++i)
                if (checkService(node.item(i), seen))
                    components.append({node.item(i).scalar(), ComponentStatus::MajorOutage});
        } else if (!node.isNull()) {
            error(node, NoticeFile::tr("'components' should be a mapping (service-id: status) or a list of service "
                                       "ids, found %1")
                            .arg(describe(node)));
            return;
        }
        m_file.components = components;
    }

    std::optional<qint64> time(const YamlNode &node, const QString &key)
    {
        const auto text = scalar(node, key);
        if (!text)
            return std::nullopt;
        // ISO 8601; without a zone, local time, as Qt reads it.
        const QDateTime at = QDateTime::fromString(text->trimmed(), Qt::ISODateWithMs);
        if (!at.isValid()) {
            error(node, NoticeFile::tr("'%1' is not a date and time; write ISO 8601, such as 2026-10-09T16:00 "
                                       "(local time) or 2026-10-09T16:00+02:00")
                            .arg(shown(*text)));
            return std::nullopt;
        }
        return at.toMSecsSinceEpoch();
    }

    void readWindow(const YamlNode &node)
    {
        if (!node.isMap()) {
            error(node,
                  NoticeFile::tr("'window' should be a mapping with 'start' and 'end', found %1").arg(describe(node)));
            return;
        }
        std::optional<qint64> start;
        std::optional<qint64> end;
        YamlNode endNode;
        bool complete = true;
        for (qsizetype i = 0; i < node.size(); ++i) {
            const QString key = node.key(i).scalar();
            if (key == "start"_L1) {
                start = time(node.value(i), key);
                complete = complete && start;
            } else if (key == "end"_L1) {
                endNode = node.value(i);
                end = time(endNode, key);
                complete = complete && end;
            } else {
                error(node.key(i), NoticeFile::tr("unknown key '%1'; 'window' accepts: start, end").arg(shown(key)));
            }
        }
        if (!complete)
            return;
        if (!start || !end) {
            error(node, NoticeFile::tr("'window' needs both 'start' and 'end'"));
            return;
        }
        if (*end <= *start) {
            error(endNode, NoticeFile::tr("the window should end after it starts"));
            return;
        }
        m_file.window = NoticeWindow{*start, *end};
    }

    YamlSource &m_source;
    NoticeFile &m_file;
    const Workspace *m_workspace = nullptr;
    std::optional<NoticeKind> m_defaultKind;
};

} // namespace

std::expected<NoticeFile, QList<WorkspaceError>> NoticeFile::parse(const QByteArray &text, const QString &fileName,
                                                                   Use use, const Workspace *workspace)
{
    NoticeFile file;
    const qsizetype bom = text.startsWith("\xEF\xBB\xBF") ? 3 : 0;
    qsizetype next = 0;
    const bool hasFrontMatter = lineAt(text, bom, &next) == "---";
    qsizetype bodyStart = bom;
    QList<WorkspaceError> errors;
    if (hasFrontMatter) {
        qsizetype closing = -1;
        bool blank = true;
        for (qsizetype at = next; at < text.size();) {
            const QByteArrayView line = lineAt(text, at, &next);
            if (line == "---" || line == "...") {
                closing = at;
                break;
            }
            const QByteArrayView content = line.trimmed();
            blank = blank && (content.isEmpty() || content.startsWith('#'));
            at = next;
        }
        if (closing < 0)
            return std::unexpected(QList<WorkspaceError>{
                {{fileName, 1, 1},
                 tr("the front matter that starts here is not closed: end it with a line '---' before the body")}});
        bodyStart = next;
        if (!blank) {
            // Up to its closing line: the opening '---' reads as the start of the YAML document, so
            // that lines and columns are the file's.
            YamlSource source(text.left(closing), fileName);
            if (const std::optional<YamlNode> root = source.load()) {
                Reader reader(source, file, workspace,
                              use == Use::NewNotice ? std::optional(NoticeKind::Incident) : std::nullopt);
                reader.read(*root);
            }
            errors = source.takeErrors();
        }
    }
    if (use == Use::NewNotice && errors.isEmpty()) {
        if (!hasFrontMatter)
            errors.append({{fileName, 1, 1},
                           tr("a new notice starts with a front matter between two '---' lines that gives at least "
                              "its title, for example: title: Extranet unreachable")});
        else if (!file.title)
            errors.append({{fileName, 1, 1},
                           tr("the notice has no 'title'; add one, for example: title: Extranet "
                              "unreachable")});
        else if (file.kind == NoticeKind::Maintenance && !file.window)
            errors.append({{fileName, 1, 1},
                           tr("a maintenance needs its 'window', for example: window: {start: 2026-10-09T16:00, end: "
                              "2026-10-09T18:00}")});
    }
    if (!errors.isEmpty())
        return std::unexpected(errors);
    // The body without the blank lines around it; the first line keeps its indent (Markdown's code).
    QString body = QString::fromUtf8(text.mid(bodyStart));
    qsizetype end = body.size();
    while (end > 0 && body.at(end - 1).isSpace())
        --end;
    body.truncate(end);
    for (qsizetype lineEnd = body.indexOf(u'\n'); lineEnd >= 0 && body.left(lineEnd).trimmed().isEmpty();
         lineEnd = body.indexOf(u'\n'))
        body.remove(0, lineEnd + 1);
    file.body = body.trimmed().isEmpty() ? QString() : body;
    return file;
}

std::expected<NoticeFile, QList<WorkspaceError>> NoticeFile::loadFile(const QString &path, Use use,
                                                                      const Workspace *workspace)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return std::unexpected(
            QList<WorkspaceError>{{{path, 1, 1}, tr("cannot read the notice file: %1").arg(file.errorString())}});
    if (file.size() > YamlSource::maxFileSize)
        return std::unexpected(QList<WorkspaceError>{
            {{path, 1, 1}, tr("the file is larger than %1 MiB").arg(YamlSource::maxFileSize / (1024 * 1024))}});
    return parse(file.readAll(), path, use, workspace);
}

Notice NoticeFile::toNotice() const
{
    Notice notice;
    notice.kind = kind.value_or(NoticeKind::Incident);
    notice.title = title.value_or(QString());
    notice.impact = impact.value_or(NoticeImpact::None);
    notice.window = window;
    NoticeUpdate update;
    update.status = status.value_or(initialNoticeStatus(notice.kind));
    update.body = body;
    update.components = components.value_or(QList<AffectedComponent>());
    notice.status = update.status;
    notice.components = update.components;
    notice.updates.append(update);
    return notice;
}

QByteArray NoticeFile::toText() const
{
    QString text = u"---\n"_s;
    if (title)
        text += u"title: "_s + yamlScalar(*title) + u'\n';
    if (kind)
        text += u"kind: "_s + noticeKindName(*kind) + u'\n';
    if (status)
        text += u"status: "_s + noticeStatusName(*status) + u'\n';
    if (impact)
        text += u"impact: "_s + noticeImpactName(*impact) + u'\n';
    if (components) {
        if (components->isEmpty())
            text += u"components: {}\n"_s;
        else
            text += u"components:\n"_s;
        for (const AffectedComponent &c : *components)
            text += u"  "_s + yamlScalar(c.serviceId) + u": "_s + componentStatusName(c.status) + u'\n';
    }
    if (window) {
        const auto iso = [](qint64 ms) {
            return QDateTime::fromMSecsSinceEpoch(ms, QTimeZone::UTC).toString(Qt::ISODate);
        };
        text += u"window: {start: "_s + iso(window->startMs) + u", end: "_s + iso(window->endMs) + u"}\n"_s;
    }
    text += u"---\n"_s;
    if (!body.isEmpty())
        text += u'\n' + body + (body.endsWith(u'\n') ? u""_s : u"\n"_s);
    return text.toUtf8();
}

} // namespace Vigie

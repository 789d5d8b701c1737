#pragma once

#include "secrets/secretstore.h"
#include "statustarget.h"
#include "workspace/workspace.h"

#include <QFuture>
#include <QStringList>
#include <QTimeZone>

#include <chrono>
#include <functional>
#include <memory>

namespace Vigie {

// A static status site (staticsite.h) uploaded over WebDAV to StatusSite::url, a server that does
// not share the infrastructure it reports on.
//
// Each publication regenerates the whole site from the notices published so far and the one it
// carries, then uploads only the files whose content changed: MKCOL for the folders missing, PUT,
// DELETE of the files no longer generated. The remote keeps a manifest (.vigie-manifest.json: the
// files' SHA-256, the notices as published, and the outbox ids of the publications it holds), written
// last: it is the marker findPublished looks for, and a publication cut short before it is simply
// sent again. Basic auth with the password read from the keychain (StatusSite::auth, as for probes);
// TLS is always verified, and a redirect is followed only within the site's own origin.
class WebDavTarget final : public StatusTarget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(WebDavTarget)

public:
    // Where the password comes from: the keychain (SecretStore::read) unless a test says otherwise.
    using SecretReader = std::function<QFuture<SecretStore::Lookup>(const QStringList &names)>;

    // `workspace` gives the site's title and its components (its services' names and groups).
    WebDavTarget(const StatusSite &site, const Workspace &workspace, QObject *parent = nullptr);
    WebDavTarget(const StatusSite &site, const Workspace &workspace, SecretReader secrets, QObject *parent = nullptr);
    ~WebDavTarget() override;

    QString siteId() const override;
    QFuture<PublishOutcome> publish(const Publication &publication) override;
    QFuture<Found> findPublished(const Publication &publication) override;
    // Reads the notice back from the site's public address (site_url), as a reader would: its
    // api/v2/incidents.json or scheduled-maintenances.json.
    QFuture<PublicCopy> fetchPublic(const Publication &publication, const QString &remoteId) override;

    // The offset shown beside each UTC time on the pages (default: the system's zone).
    void setTimeZone(const QTimeZone &zone);
    // How long one request may go without progress before it is given up (default 30 s).
    void setRequestTimeout(std::chrono::milliseconds timeout);

    static constexpr QLatin1StringView manifestName{".vigie-manifest.json"};

private:
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace Vigie

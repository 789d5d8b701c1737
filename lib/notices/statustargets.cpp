#include "statustargets.h"

#include "cachettarget.h"
#include "statuspagetarget.h"
#include "webdavtarget.h"
#include "workspace/workspace.h"

#include <QFuture>

namespace Vigie {

std::unique_ptr<StatusTarget> makeStatusTarget(const StatusSite &site, const Workspace &workspace,
                                               const QHash<QString, QByteArray> &secrets, QString *)
{
    switch (site.kind) {
    case StatusSite::Kind::Statuspage: {
        auto target = std::make_unique<StatuspageTarget>(site);
        target->setSecrets(secrets);
        return target;
    }
    case StatusSite::Kind::WebDav: {
        // The secrets are read once, by whoever reads them for the whole workspace.
        WebDavTarget::SecretReader reader = [secrets](const QStringList &names) {
            SecretStore::Lookup lookup;
            for (const QString &name : names) {
                if (secrets.contains(name))
                    lookup.secrets.insert(name, secrets.value(name));
                else
                    lookup.missing.append(name);
            }
            return QtFuture::makeReadyValueFuture(lookup);
        };
        return std::make_unique<WebDavTarget>(site, workspace, std::move(reader));
    }
    case StatusSite::Kind::Cachet: {
        auto target = std::make_unique<CachetTarget>(site);
        target->setSecrets(secrets);
        return target;
    }
    }
    Q_UNREACHABLE_RETURN(nullptr);
}

} // namespace Vigie

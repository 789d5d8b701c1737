#include "httpauthorization.h"

namespace Vigie {

QByteArray httpAuthorization(const HttpAuth &auth, const QByteArray &secret)
{
    switch (auth.type) {
    case HttpAuthType::None:
        return {};
    case HttpAuthType::Basic:
        return "Basic " + QByteArray(auth.username.toUtf8() + ':' + secret).toBase64();
    case HttpAuthType::Bearer:
        return "Bearer " + secret;
    }
    return {};
}

} // namespace Vigie

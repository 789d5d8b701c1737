#pragma once

#include "core/message.h"

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>

#include <expected>
#include <memory>
#include <optional>

namespace Vigie {

struct ConditionsVerdict;

// What a probe saw, for conditions to check. A placeholder whose value is absent (no status on a
// TCP probe, no body after a failed connect) makes its condition fail with a message saying so.
struct ConditionContext
{
    std::optional<int> status;                    // [STATUS]
    std::optional<double> responseTimeMs;         // [RESPONSE_TIME], in milliseconds
    const QByteArray *body = nullptr;             // [BODY] and [BODY].json.path
    QHash<QByteArray, QByteArray> headers;        // [HEADER].Name: names in lower case
    std::optional<qint64> certificateExpiresInMs; // [CERTIFICATE_EXPIRATION]: earliest in the chain
    std::optional<bool> connected;                // [CONNECTED]
    std::optional<QString> ip;                    // [IP]: the address connected to
    QStringList dnsAnswers;                       // [DNS_ANSWERS] (any of them), for DNS probes
    std::optional<QString> dnsRcode;              // [DNS_RCODE]: NOERROR, NXDOMAIN, SERVFAIL...
    std::optional<double> value;                  // [VALUE]: a Prometheus series' value (prometheus probes)
};

// One condition as Gatus writes them: `[STATUS] == 200`, `[RESPONSE_TIME] < 300`,
// `[BODY].status == UP`, `[CERTIFICATE_EXPIRATION] > 48h`, `len([BODY].items) > 0`,
// `[BODY].name == pat(api-*)`, `[STATUS] == any(200, 204)`, `[BODY] =~ "^OK"`.
// Parsed once at load time (errors carry the column), evaluated on the probe thread.
// A value type: copies share the immutable parsed form.
class Condition
{
public:
    struct ParseError
    {
        int column = 1;  // 1-based, in characters of the condition text
        QString message; // a translated sentence
    };

    Condition();
    static std::expected<Condition, ParseError> parse(const QString &text, bool warning = false);

    QString text() const;   // as written
    bool isWarning() const; // a failing warning condition degrades; a failing critical one downs

    struct Outcome
    {
        bool ok = false;
        // When not ok: what failed, with the values seen, e.g.
        // `[STATUS] == 200 failed: status was 503`, `[BODY].status == UP failed: [BODY].status was "DOWN"`,
        // `[BODY].status == UP failed: the body is not JSON (line 1, column 3: ...)`.
        Message message;
    };
    Outcome evaluate(const ConditionContext &context) const;

    friend bool operator==(const Condition &a, const Condition &b)
    {
        return a.text() == b.text() && a.isWarning() == b.isWarning();
    }

private:
    struct Parsed;
    // What evaluation derives from the context once for every condition of a probe: the body as
    // text and as a JSON document.
    struct Body;
    Outcome evaluate(const ConditionContext &context, Body &body) const;
    friend ConditionsVerdict evaluateConditions(const QList<Condition> &conditions, const ConditionContext &context);

    std::shared_ptr<const Parsed> d;
};

// Evaluates every condition; returns the messages of the failed critical ones and of the failed
// warning ones (in workspace order).
struct ConditionsVerdict
{
    QList<Message> failedCritical;
    QList<Message> failedWarnings;
};
ConditionsVerdict evaluateConditions(const QList<Condition> &conditions, const ConditionContext &context);

} // namespace Vigie

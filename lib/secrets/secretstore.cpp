#include "secretstore.h"

#include <QCoreApplication>
#include <QEventLoop>
#include <QPromise>

#include <qt6keychain/keychain.h>

#include <algorithm>
#include <memory>

using namespace Qt::StringLiterals;

namespace Vigie {

namespace {

const QString ServiceName = u"Vigie"_s;

// Reads names one after the other on the application's thread: QtKeychain's jobs need an event
// loop on the thread that starts them, and one at a time means a locked keychain asks to be
// unlocked once, not once per secret.
struct ReadBatch
{
    QStringList names;
    qsizetype next = 0;
    SecretStore::Lookup lookup;
    QPromise<SecretStore::Lookup> promise;

    static void readNext(const std::shared_ptr<ReadBatch> &batch)
    {
        if (batch->next >= batch->names.size() || batch->promise.isCanceled()) {
            batch->promise.addResult(batch->lookup);
            batch->promise.finish();
            return;
        }
        const QString name = batch->names.at(batch->next++);
        auto *job = new QKeychain::ReadPasswordJob(ServiceName, QCoreApplication::instance());
        job->setAutoDelete(true);
        job->setKey(name);
        QObject::connect(
            job, &QKeychain::Job::finished, QCoreApplication::instance(), [batch, name](QKeychain::Job *finished) {
                const auto *read = static_cast<QKeychain::ReadPasswordJob *>(finished);
                switch (read->error()) {
                case QKeychain::NoError:
                    batch->lookup.secrets.insert(name, read->binaryData());
                    break;
                case QKeychain::EntryNotFound:
                    batch->lookup.missing.append(name);
                    break;
                default:
                    // The keychain itself failed (no backend, access denied): the
                    // other names would fail the same way.
                    batch->lookup.error =
                        QCoreApplication::translate(
                            "Vigie::SecretStore", "Vigie could not read the secret \"%1\" from the system keychain: %2")
                            .arg(name, read->errorString());
                    batch->next = batch->names.size();
                    break;
                }
                readNext(batch);
            });
        job->start();
    }
};

// Runs a write or delete job to its end with a local event loop: the command line has nothing
// else to do meanwhile.
QKeychain::Error runBlocking(QKeychain::Job &job, QString *errorString)
{
    job.setAutoDelete(false);
    QEventLoop loop;
    QObject::connect(&job, &QKeychain::Job::finished, &loop, &QEventLoop::quit);
    job.start();
    loop.exec();
    *errorString = job.errorString();
    return job.error();
}

} // namespace

QFuture<SecretStore::Lookup> SecretStore::read(const QStringList &names)
{
    auto batch = std::make_shared<ReadBatch>();
    batch->names = names;
    batch->names.removeDuplicates();
    QFuture<Lookup> future = batch->promise.future();
    batch->promise.start();
    QCoreApplication *app = QCoreApplication::instance();
    if (!app) {
        batch->lookup.error = QCoreApplication::translate(
            "Vigie::SecretStore", "Vigie could not read secrets from the system keychain: it was asked before the "
                                  "application started.");
        batch->promise.addResult(batch->lookup);
        batch->promise.finish();
        return future;
    }
    QMetaObject::invokeMethod(
        app, [batch] { ReadBatch::readNext(batch); }, Qt::QueuedConnection);
    return future;
}

std::expected<void, QString> SecretStore::write(const QString &name, const QByteArray &secret)
{
    QKeychain::WritePasswordJob job(ServiceName);
    job.setKey(name);
    job.setBinaryData(secret);
    QString errorString;
    if (runBlocking(job, &errorString) != QKeychain::NoError)
        return std::unexpected(
            QCoreApplication::translate("Vigie::SecretStore",
                                        "Vigie could not store the secret \"%1\" in the system keychain: %2")
                .arg(name, errorString));
    return {};
}

std::expected<void, QString> SecretStore::remove(const QString &name)
{
    QKeychain::DeletePasswordJob job(ServiceName);
    job.setKey(name);
    QString errorString;
    const QKeychain::Error error = runBlocking(job, &errorString);
    // Removing what is not there leaves the keychain as asked.
    if (error != QKeychain::NoError && error != QKeychain::EntryNotFound)
        return std::unexpected(
            QCoreApplication::translate("Vigie::SecretStore",
                                        "Vigie could not remove the secret \"%1\" from the system keychain: %2")
                .arg(name, errorString));
    return {};
}

} // namespace Vigie

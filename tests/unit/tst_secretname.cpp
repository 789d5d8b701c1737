// SecretStore::isValidName(): the one rule for a secret's name, for workspaces and the command line.
#include "secrets/secretstore.h"

#include <QTest>

using namespace Vigie;

class TestSecretName : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void rule_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<bool>("valid");
        QTest::newRow("letters and dashes") << QStringLiteral("portal-password") << true;
        QTest::newRow("dots, underscores, digits") << QStringLiteral("prod.api_token2") << true;
        QTest::newRow("capitals") << QStringLiteral("GRAFANA") << true;
        QTest::newRow("one character") << QStringLiteral("x") << true;
        QTest::newRow("empty") << QString() << false;
        QTest::newRow("space and bang") << QStringLiteral("bad name!") << false;
        QTest::newRow("slash") << QStringLiteral("team/token") << false;
        QTest::newRow("colon") << QStringLiteral("user:pass") << false;
        QTest::newRow("accent") << QStringLiteral("clé") << false;
        QTest::newRow("escape") << QStringLiteral("a\x1b[2J") << false;
        QTest::newRow("trailing newline") << QStringLiteral("token\n") << false;
    }

    void rule()
    {
        QFETCH(QString, name);
        QFETCH(bool, valid);
        QCOMPARE(SecretStore::isValidName(name), valid);
    }
};

QTEST_GUILESS_MAIN(TestSecretName)
#include "tst_secretname.moc"

// terminalSafe(): what the command line prints of a server's words cannot drive the terminal.
#include "core/terminaltext.h"

#include <QTest>

using namespace Vigie;

class TestTerminalText : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void escapesControlCharacters_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("safe");
        QTest::newRow("plain") << QStringLiteral("HTTP 503: maintenance") << QStringLiteral("HTTP 503: maintenance");
        QTest::newRow("accents and symbols")
            << QStringLiteral("résolution → échec · 4,0 s") << QStringLiteral("résolution → échec · 4,0 s");
        QTest::newRow("line feed and tab kept") << QStringLiteral("a\tb\nc") << QStringLiteral("a\tb\nc");
        QTest::newRow("clear screen") << QStringLiteral("\x1b[2Jbanner") << QStringLiteral("\\x1b[2Jbanner");
        QTest::newRow("window title (OSC, BEL)")
            << QStringLiteral("\x1b]0;owned\x07") << QStringLiteral("\\x1b]0;owned\\x07");
        QTest::newRow("carriage return hides a line") << QStringLiteral("ok\rFAIL") << QStringLiteral("ok\\x0dFAIL");
        QTest::newRow("backspace and NUL") << QString::fromUtf16(u"a\bb\u0000c", 5) << QStringLiteral("a\\x08b\\x00c");
        QTest::newRow("DEL") << QStringLiteral("a\x7f") << QStringLiteral("a\\x7f");
        QTest::newRow("C1 CSI") << QString::fromUtf16(u"a\u009b2Jb") << QStringLiteral("a\\x9b2Jb");
        QTest::newRow("C1 next line") << QString::fromUtf16(u"a\u0085b") << QStringLiteral("a\\x85b");
        QTest::newRow("empty") << QString() << QString();
    }

    void escapesControlCharacters()
    {
        QFETCH(QString, text);
        QFETCH(QString, safe);
        QCOMPARE(terminalSafe(text), safe);
    }
};

QTEST_GUILESS_MAIN(TestTerminalText)
#include "tst_terminaltext.moc"

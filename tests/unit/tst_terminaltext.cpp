// terminalSafe(): what the command line prints of a server's words cannot drive the terminal.
#include "core/terminaltext.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace Vigie;

class TestTerminalText : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void escapesControlCharacters_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("safe");
        QTest::newRow("plain") << u"HTTP 503: maintenance"_s << u"HTTP 503: maintenance"_s;
        QTest::newRow("accents and symbols") << u"résolution → échec · 4,0 s"_s << u"résolution → échec · 4,0 s"_s;
        QTest::newRow("line feed and tab kept") << u"a\tb\nc"_s << u"a\tb\nc"_s;
        QTest::newRow("clear screen") << u"\x1b[2Jbanner"_s << u"\\x1b[2Jbanner"_s;
        QTest::newRow("window title (OSC, BEL)") << u"\x1b]0;owned\x07"_s << u"\\x1b]0;owned\\x07"_s;
        QTest::newRow("carriage return hides a line") << u"ok\rFAIL"_s << u"ok\\x0dFAIL"_s;
        QTest::newRow("backspace and NUL") << QString::fromUtf16(u"a\bb\u0000c", 5) << u"a\\x08b\\x00c"_s;
        QTest::newRow("DEL") << u"a\x7f"_s << u"a\\x7f"_s;
        QTest::newRow("C1 CSI") << QString::fromUtf16(u"a\u009b2Jb") << u"a\\x9b2Jb"_s;
        QTest::newRow("C1 next line") << QString::fromUtf16(u"a\u0085b") << u"a\\x85b"_s;
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

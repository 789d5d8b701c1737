#pragma once

#include <QCoreApplication>
#include <QDir>
#include <QLocale>
#include <QString>
#include <QTest>
#include <QTranslator>

namespace Vigie::Test {

using namespace Qt::StringLiterals;

// Where tests leave the screenshots a person looks at: the test's build folder, so that runs
// by different users or checkouts never collide over a shared /tmp path.
inline QString screenshotPath(const QString &name)
{
    const QString dir = QString::fromUtf8(QT_TESTCASE_BUILDDIR "/screenshots");
    QDir().mkpath(dir);
    return dir + u'/' + name + u".png"_s;
}

#ifdef VIGIE_FRENCH_QM
// Calls `shoot(language, dark)` for each look a test's pictures are taken in: English in the light
// palette by default, and with `all` English and French, light and dark. French comes from the
// test's VIGIE_FRENCH_QM and the French locale; English is put back after it. The palette is the
// caller's to set.
template<typename Shoot>
void forEachLook(bool all, Shoot shoot)
{
    QTranslator french;
    QVERIFY(french.load(QString::fromUtf8(VIGIE_FRENCH_QM)));
    for (const QString &language : all ? QStringList{u"en"_s, u"fr"_s} : QStringList{u"en"_s}) {
        if (language == u"fr"_s) {
            QCoreApplication::installTranslator(&french);
            QLocale::setDefault(QLocale(QLocale::French, QLocale::France));
        }
        for (const bool dark : all ? QList<bool>{false, true} : QList<bool>{false})
            shoot(language, dark);
        QCoreApplication::removeTranslator(&french);
        QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
    }
}
#endif

} // namespace Vigie::Test

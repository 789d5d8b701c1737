#pragma once

#include <QDir>
#include <QString>

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

} // namespace Vigie::Test

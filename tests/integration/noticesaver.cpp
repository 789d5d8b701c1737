// The kill -9 test's child: saves draft revisions of one notice (created when the data folder has
// none) in a loop, as an editor saving as the engineer types, and prints "saved N" once revision N
// is committed. Runs until killed. NEXT is the number its first save gets (what the store holds
// plus one): it checks that the store agrees.
//
//   noticesaver DATA_DIR NEXT
#include "noticedraft.h"

#include <QCoreApplication>
#include <QTextStream>

#include <cstdio>

using namespace Qt::StringLiterals;
using namespace Vigie;

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QTextStream err(stderr);
    if (argc != 3) {
        err << "usage: noticesaver DATA_DIR NEXT\n";
        return 2;
    }
    NoticeStore store;
    if (const auto opened = store.open(QString::fromLocal8Bit(argv[1])); !opened) {
        err << opened.error() << '\n';
        return 1;
    }
    const auto notices = store.notices().result();
    if (!notices) {
        err << notices.error() << '\n';
        return 1;
    }
    qint64 id = 0;
    if (notices->isEmpty()) {
        Notice notice;
        notice.title = u"Being edited"_s;
        const auto created = store.create(notice).result();
        if (!created) {
            err << created.error() << '\n';
            return 1;
        }
        id = created->id;
    } else {
        id = notices->constFirst().id;
    }
    int number = QByteArray(argv[2]).toInt() - 1;
    for (;;) {
        ++number;
        const auto saved = store.saveDraft(id, Test::draftForRevision(number)).result();
        if (!saved || saved->number != number) {
            err << (saved ? u"saved as revision %1, not %2"_s.arg(saved->number).arg(number) : saved.error()) << '\n';
            return 3;
        }
        // Only now is it acknowledged.
        std::printf("saved %d\n", number);
        std::fflush(stdout);
    }
}

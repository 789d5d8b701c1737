// How long a draft save takes to be committed (synchronous=FULL: fsync'd) on this disk: the issue
// asks for every edit committed within half a second, and "saved" is shown only then.
//
//   bench_notices [--quick]
//
// Saves a draft of a few kilobytes (the body grows as an engineer types) N times through
// NoticeStore, one after the other as an editor's autosave does, each timed from the call to its
// future's answer, in a temporary folder (on the disk of $TMPDIR). Prints the median, the 99th
// percentile and the worst, in milliseconds.

#include "notices/noticestore.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QTemporaryDir>

#include <algorithm>
#include <cstdio>
#include <vector>

using namespace Qt::StringLiterals;
using namespace Vigie;

namespace {

void print(const char *name, double value, const char *unit)
{
    std::printf("BENCH notices.%s %.2f %s\n", name, value, unit);
    std::fflush(stdout);
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const bool quick = app.arguments().contains(u"--quick"_s);
    const int saves = quick ? 100 : 1000;
    QTemporaryDir dir;
    NoticeStore store;
    if (!dir.isValid() || !store.open(dir.path())) {
        std::fprintf(stderr, "bench_notices: cannot open a store in a temporary folder\n");
        return 1;
    }
    Notice notice;
    notice.title = u"Extranet unreachable"_s;
    const auto created = store.create(notice).result();
    if (!created) {
        std::fprintf(stderr, "bench_notices: %s\n", qPrintable(created.error()));
        return 1;
    }
    NoticeDraft draft;
    draft.title = notice.title;
    draft.components = {{u"extranet"_s, ComponentStatus::MajorOutage}, {u"portal"_s, ComponentStatus::PartialOutage}};
    const QString paragraph = u"**Nature of the incident**: the extranet does not answer; customers cannot log in. "_s;
    std::vector<double> latencies;
    latencies.reserve(size_t(saves));
    for (int i = 0; i < saves; ++i) {
        draft.body += paragraph.left(8 + i % 80); // a few words more each time, up to ~40 KB
        if (draft.body.size() > 40'000)
            draft.body = paragraph;
        QElapsedTimer timer;
        timer.start();
        const auto saved = store.saveDraft(created->id, draft).result();
        const double ms = double(timer.nsecsElapsed()) / 1e6;
        if (!saved) {
            std::fprintf(stderr, "bench_notices: %s\n", qPrintable(saved.error()));
            return 1;
        }
        latencies.push_back(ms);
    }
    std::sort(latencies.begin(), latencies.end());
    const auto at = [&](double quantile) {
        return latencies[std::min(latencies.size() - 1, size_t(quantile * double(latencies.size())))];
    };
    std::printf("# %d draft saves, each committed with synchronous=FULL in %s\n", saves, qPrintable(dir.path()));
    print("save_p50_ms", at(0.5), "ms");
    print("save_p99_ms", at(0.99), "ms");
    print("save_max_ms", latencies.back(), "ms");
    return 0;
}

#pragma once

#include "notices/noticestore.h"

namespace Vigie::Test {

// The draft the kill -9 test's child saves as revision `number`: its content follows from the
// number, so that the test can tell an intact revision from a torn or stale one. Bodies vary in
// length (half a kilobyte to six kilobytes) so that saves span one page or several.
inline NoticeDraft draftForRevision(int number)
{
    using namespace Qt::StringLiterals;
    NoticeDraft draft;
    draft.title = u"Revision %1"_s.arg(number);
    draft.status = number % 2 ? NoticeStatus::Identified : NoticeStatus::Monitoring;
    draft.impact = NoticeImpact(number % 4);
    const int lines = 10 + (number * 37) % 100;
    for (int line = 0; line < lines; ++line)
        draft.body += u"Line %1 of revision %2: the extranet answers again.\n"_s.arg(line).arg(number);
    draft.components = {{u"extranet"_s, ComponentStatus(number % 5)},
                        {u"service-%1"_s.arg(number), ComponentStatus::MajorOutage}};
    return draft;
}

} // namespace Vigie::Test

#pragma once

#include <QString>

namespace Vigie {

// A notice's Markdown as HTML, the way every page Vigie generates shows it (the static status site,
// the editor's preview): CommonMark with GitHub's tables, strikethrough and autolinks, and no raw
// HTML (tags the author wrote are dropped, links to javascript: and the like are emptied), so that
// what an engineer types can never run in a reader's browser. Thread-safe.
QString markdownToHtml(const QString &markdown);

} // namespace Vigie

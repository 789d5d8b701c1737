#include "markdown.h"

#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm-extension_api.h>
#include <cmark-gfm.h>

#include <cstdlib>
#include <memory>

namespace Vigie {

namespace {

// CMARK_OPT_DEFAULT is the safe mode: raw HTML and dangerous URLs are left out.
constexpr int options = CMARK_OPT_DEFAULT;

void registerExtensions()
{
    // Registering is not thread-safe: do it once, the first time any thread renders.
    static const bool registered = [] {
        cmark_gfm_core_extensions_ensure_registered();
        return true;
    }();
    Q_UNUSED(registered);
}

} // namespace

QString markdownToHtml(const QString &markdown)
{
    registerExtensions();
    const std::unique_ptr<cmark_parser, decltype(&cmark_parser_free)> parser(cmark_parser_new(options),
                                                                             &cmark_parser_free);
    // tagfilter also neutralises <script>, <iframe>... should raw HTML ever be let through.
    for (const char *name : {"table", "strikethrough", "autolink", "tagfilter"}) {
        if (cmark_syntax_extension *extension = cmark_find_syntax_extension(name))
            cmark_parser_attach_syntax_extension(parser.get(), extension);
    }
    const QByteArray utf8 = markdown.toUtf8();
    cmark_parser_feed(parser.get(), utf8.constData(), size_t(utf8.size()));
    const std::unique_ptr<cmark_node, decltype(&cmark_node_free)> document(cmark_parser_finish(parser.get()),
                                                                           &cmark_node_free);
    char *html = cmark_render_html(document.get(), options, cmark_parser_get_syntax_extensions(parser.get()));
    const QString result = QString::fromUtf8(html);
    cmark_get_default_mem_allocator()->free(html);
    return result;
}

} // namespace Vigie

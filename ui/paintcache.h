#pragma once

#include <QPointF>
#include <QSizeF>
#include <QString>

#include <functional>

class QPainter;

namespace Vigie {

// Paints a picture that the board draws hundreds of times the same (a tile's frame, a state icon)
// from a pixmap kept in QPixmapCache, instead of tessellating its curves again for every tile.
//
// `draw` paints the picture in a `size` box at the origin; `key` names everything it depends on
// but the size, the device pixel ratio and the subpixel offset, which are added here. Under a
// transform other than a translation (a scaled print, a rotated chart), `draw` paints directly:
// a cached pixmap would come out blurred.
void paintCached(QPainter *painter, const QPointF &topLeft, const QSizeF &size, const QString &key,
                 const std::function<void(QPainter *)> &draw);

} // namespace Vigie

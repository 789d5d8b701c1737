#include "paintcache.h"

#include <QPaintDevice>
#include <QPainter>
#include <QPixmap>
#include <QPixmapCache>

#include <cmath>

using namespace Qt::StringLiterals;

namespace Vigie {

void paintCached(QPainter *painter, const QPointF &topLeft, const QSizeF &size, const QString &key,
                 const std::function<void(QPainter *)> &draw)
{
    if (size.isEmpty())
        return;
    const QTransform &transform = painter->worldTransform();
    if (transform.type() > QTransform::TxTranslate || !painter->device()) {
        painter->save();
        painter->translate(topLeft);
        draw(painter);
        painter->restore();
        return;
    }
    // The pixmap starts on a whole device pixel; where the picture starts between two (an icon
    // centred on a line) is kept to a quarter of a pixel, drawn into the pixmap. Device pixels, not
    // logical ones: at 1.5x a whole logical pixel may fall between two device pixels, and a pixmap
    // drawn there comes out blurred (or shifted by half a pixel).
    const qreal ratio = painter->device()->devicePixelRatioF();
    const QPointF onDevice = transform.map(topLeft) * ratio;
    const QPointF whole(std::floor(onDevice.x()), std::floor(onDevice.y()));
    const QPointF fraction(std::round((onDevice.x() - whole.x()) * 4) / 4,
                           std::round((onDevice.y() - whole.y()) * 4) / 4);
    const QSize pixels(int(std::ceil(size.width() * ratio + fraction.x())),
                       int(std::ceil(size.height() * ratio + fraction.y())));
    const QString fullKey = u"vigie:%1:%2x%3:%4:%5,%6"_s.arg(key)
                                .arg(size.width())
                                .arg(size.height())
                                .arg(ratio)
                                .arg(fraction.x())
                                .arg(fraction.y());
    QPixmap pixmap;
    if (!QPixmapCache::find(fullKey, &pixmap)) {
        pixmap = QPixmap(pixels);
        pixmap.setDevicePixelRatio(ratio);
        pixmap.fill(Qt::transparent);
        {
            QPainter cachePainter(&pixmap);
            cachePainter.setRenderHints(painter->renderHints());
            cachePainter.translate(fraction / ratio);
            draw(&cachePainter);
        }
        QPixmapCache::insert(fullKey, pixmap);
    }
    painter->drawPixmap(topLeft - (onDevice - whole) / ratio, pixmap);
}

} // namespace Vigie

#include "stateicons.h"

#include "paintcache.h"

#include <QPainter>
#include <QPainterPath>
#include <QPixmap>

using namespace Qt::StringLiterals;

namespace Vigie {

bool StateIcons::isDark(const QPalette &palette)
{
    return palette.color(QPalette::Window).lightnessF() < 0.5;
}

QColor StateIcons::mix(const QColor &a, const QColor &b, qreal t)
{
    return QColor::fromRgbF(a.redF() + (b.redF() - a.redF()) * t, a.greenF() + (b.greenF() - a.greenF()) * t,
                            a.blueF() + (b.blueF() - a.blueF()) * t);
}

QColor StateIcons::color(HealthState state, const QPalette &palette)
{
    // Light palettes get deep tones (readable as text on white), dark palettes lighter ones.
    const bool dark = isDark(palette);
    switch (state) {
    case HealthState::Up:
        return dark ? QColor(0x5c, 0xc4, 0x6a) : QColor(0x1e, 0x84, 0x3a);
    case HealthState::Degraded:
        return dark ? QColor(0xff, 0xb7, 0x2b) : QColor(0xc7, 0x7c, 0x02);
    case HealthState::Down:
        return dark ? QColor(0xff, 0x5f, 0x57) : QColor(0xc9, 0x22, 0x22);
    case HealthState::Unknown:
        break;
    }
    return dark ? QColor(0x9a, 0x9a, 0x9a) : QColor(0x75, 0x75, 0x75);
}

QColor StateIcons::glyphColor(HealthState state, const QPalette &palette)
{
    // Amber and the light tones of dark palettes are too bright for a white glyph.
    if (state == HealthState::Degraded || isDark(palette))
        return QColor(0x1a, 0x1a, 0x1a);
    return Qt::white;
}

namespace {

// The square a `side` wide, centred in `rect`.
QRectF centredSquare(const QRectF &rect, qreal side)
{
    return {rect.center().x() - side / 2, rect.center().y() - side / 2, side, side};
}

// The icon of `state` in a `side` square at the origin.
void drawState(QPainter *painter, qreal side, HealthState state, const QColor &fill, const QColor &glyph)
{
    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    painter->scale(side / 16.0, side / 16.0);
    // From here on, a 16x16 canvas.

    QPen glyphPen(glyph, 2.0, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin);
    switch (state) {
    case HealthState::Degraded: {
        QPainterPath triangle;
        triangle.moveTo(8, 0.8);
        triangle.lineTo(15.4, 14.6);
        triangle.lineTo(0.6, 14.6);
        triangle.closeSubpath();
        painter->setPen(QPen(fill, 1.2, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
        painter->setBrush(fill);
        painter->drawPath(triangle);
        painter->setPen(glyphPen);
        painter->drawLine(QPointF(8, 5.6), QPointF(8, 9.6));
        painter->setPen(Qt::NoPen);
        painter->setBrush(glyph);
        painter->drawEllipse(QPointF(8, 12.2), 1.1, 1.1);
        break;
    }
    case HealthState::Up:
        painter->setPen(Qt::NoPen);
        painter->setBrush(fill);
        painter->drawEllipse(QRectF(0.5, 0.5, 15, 15));
        painter->setPen(glyphPen);
        painter->setBrush(Qt::NoBrush);
        painter->drawPolyline(QPolygonF({QPointF(4.4, 8.3), QPointF(6.9, 10.8), QPointF(11.6, 5.4)}));
        break;
    case HealthState::Down:
        painter->setPen(Qt::NoPen);
        painter->setBrush(fill);
        painter->drawEllipse(QRectF(0.5, 0.5, 15, 15));
        painter->setPen(glyphPen);
        painter->drawLine(QPointF(5.2, 5.2), QPointF(10.8, 10.8));
        painter->drawLine(QPointF(10.8, 5.2), QPointF(5.2, 10.8));
        break;
    case HealthState::Unknown:
        painter->setPen(Qt::NoPen);
        painter->setBrush(fill);
        painter->drawEllipse(QRectF(0.5, 0.5, 15, 15));
        painter->setPen(glyphPen);
        painter->drawLine(QPointF(4.8, 8), QPointF(11.2, 8));
        break;
    }
    painter->restore();
}

void drawExplained(QPainter *painter, qreal side, StateIcons::Explained why, const QColor &fill, const QColor &glyph)
{
    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    painter->scale(side / 16.0, side / 16.0);
    painter->setPen(Qt::NoPen);
    painter->setBrush(fill);
    painter->drawEllipse(QRectF(0.5, 0.5, 15, 15));
    QPen glyphPen(glyph, 2.0, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin);
    painter->setPen(glyphPen);
    painter->setBrush(Qt::NoBrush);
    if (why == StateIcons::Explained::Maintenance) {
        painter->drawLine(QPointF(6, 4.8), QPointF(6, 11.2));
        painter->drawLine(QPointF(10, 4.8), QPointF(10, 11.2));
    } else if (why == StateIcons::Explained::Stale) {
        painter->drawPolyline(QPolygonF({QPointF(8, 3.8), QPointF(8, 8), QPointF(11, 10)}));
    } else {
        painter->drawLine(QPointF(5.2, 10.8), QPointF(10.6, 5.4));
        painter->drawPolyline(QPolygonF({QPointF(6.6, 5.2), QPointF(10.8, 5.2), QPointF(10.8, 9.4)}));
    }
    painter->restore();
}

} // namespace

void StateIcons::paint(QPainter *painter, const QRectF &rect, HealthState state, const QPalette &palette)
{
    const qreal side = std::min(rect.width(), rect.height());
    if (side <= 0)
        return;
    const QColor fill = color(state, palette);
    const QColor glyph = glyphColor(state, palette);
    // Cached: the board draws one per tile, hundreds a frame.
    paintCached(painter, centredSquare(rect, side).topLeft(), QSizeF(side, side),
                u"state:%1:%2:%3"_s.arg(int(state)).arg(fill.rgba()).arg(glyph.rgba()),
                [&](QPainter *p) { drawState(p, side, state, fill, glyph); });
}

QColor StateIcons::color(Explained why, const QPalette &palette)
{
    const bool dark = isDark(palette);
    if (why == Explained::Maintenance)
        return dark ? QColor(0x6c, 0xa8, 0xff) : QColor(0x1f, 0x5f, 0xbf);
    if (why == Explained::Stale)
        return dark ? QColor(0x80, 0x80, 0x80) : QColor(0x8a, 0x8a, 0x8a);
    return dark ? QColor(0xa0, 0x96, 0xb4) : QColor(0x6e, 0x64, 0x82);
}

void StateIcons::paint(QPainter *painter, const QRectF &rect, Explained why, const QPalette &palette)
{
    const qreal side = std::min(rect.width(), rect.height());
    if (side <= 0)
        return;
    const QColor fill = color(why, palette);
    const QColor glyph = isDark(palette) ? QColor(0x1a, 0x1a, 0x1a) : QColor(Qt::white);
    paintCached(painter, centredSquare(rect, side).topLeft(), QSizeF(side, side),
                u"explained:%1:%2:%3"_s.arg(int(why)).arg(fill.rgba()).arg(glyph.rgba()),
                [&](QPainter *p) { drawExplained(p, side, why, fill, glyph); });
}

namespace {

// A pixmap of `size` logical pixels at `devicePixelRatio`, painted by `draw`.
template<typename Draw>
QPixmap pixmapOf(Draw draw, int size, qreal devicePixelRatio)
{
    QPixmap pm(QSize(size, size) * devicePixelRatio);
    pm.setDevicePixelRatio(devicePixelRatio);
    pm.fill(Qt::transparent);
    {
        QPainter painter(&pm);
        draw(&painter, QRectF(0, 0, size, size));
    }
    return pm;
}

// Pixmaps of `draw` at the usual sizes, at 1x and 2x.
template<typename Draw>
QIcon iconOf(Draw draw)
{
    QIcon result;
    for (int size : {16, 22, 32, 48})
        for (qreal dpr : {1.0, 2.0})
            result.addPixmap(pixmapOf(draw, size, dpr));
    return result;
}

} // namespace

QPixmap StateIcons::pixmap(HealthState state, int size, qreal devicePixelRatio, const QPalette &palette)
{
    return pixmapOf([&](QPainter *painter, const QRectF &rect) { paint(painter, rect, state, palette); }, size,
                    devicePixelRatio);
}

QIcon StateIcons::icon(HealthState state, const QPalette &palette)
{
    return iconOf([&](QPainter *painter, const QRectF &rect) { paint(painter, rect, state, palette); });
}

QIcon StateIcons::icon(Explained why, const QPalette &palette)
{
    return iconOf([&](QPainter *painter, const QRectF &rect) { paint(painter, rect, why, palette); });
}

} // namespace Vigie

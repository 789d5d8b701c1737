#pragma once

#include "probes/proberesult.h"

#include <QColor>
#include <QIcon>
#include <QPalette>
#include <QRectF>

class QPainter;

namespace Vigie {

// The colour and the icon of each health state, drawn with QPainter so that they stay sharp at any
// size and device pixel ratio. A state is never shown by colour alone: each icon carries a shape
// of its own (check, "!" in a triangle, cross, dash) so that colour-blind engineers read it too.
class StateIcons final
{
public:
    StateIcons() = delete;

    // True when the palette's window is dark: colours are then lighter so that they keep their
    // contrast against it.
    static bool isDark(const QPalette &palette);

    static QColor color(HealthState state, const QPalette &palette);
    // `a` moved towards `b` by `t` (0: a, 1: b), for tints of the palette by a state's colour.
    static QColor mix(const QColor &a, const QColor &b, qreal t);
    // The colour of the glyph drawn over color().
    static QColor glyphColor(HealthState state, const QPalette &palette);

    // Paints the icon of `state` centred in `rect`, as large as the smaller side allows.
    static void paint(QPainter *painter, const QRectF &rect, HealthState state, const QPalette &palette);
    // A pixmap of `size` logical pixels at `devicePixelRatio`.
    static QPixmap pixmap(HealthState state, int size, qreal devicePixelRatio, const QPalette &palette);
    // An icon with pixmaps at the usual sizes, at 1x and 2x.
    static QIcon icon(HealthState state, const QPalette &palette);

    // Failing services whose failure is explained raise no alarm; their own colour and glyph say
    // why: maintenance (a blue circle with a "pause" sign) or impacted by a dependency (a grey
    // circle with an arrow pointing up the dependency). A tile whose results stopped arriving
    // (stale) is not shown in its last colour: a dim circle with a clock's hands.
    enum class Explained { Maintenance, Impacted, Stale };
    static QColor color(Explained why, const QPalette &palette);
    static void paint(QPainter *painter, const QRectF &rect, Explained why, const QPalette &palette);
    static QIcon icon(Explained why, const QPalette &palette);
};

} // namespace Vigie

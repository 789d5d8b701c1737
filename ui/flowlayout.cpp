#include "flowlayout.h"

#include <QStyle>
#include <QWidget>

#include <algorithm>

namespace Vigie {

FlowLayout::FlowLayout(QWidget *parent)
    : QLayout(parent)
{}

FlowLayout::~FlowLayout()
{
    while (QLayoutItem *item = takeAt(0))
        delete item;
}

void FlowLayout::addItem(QLayoutItem *item)
{
    m_items.append(item);
}

int FlowLayout::count() const
{
    return int(m_items.size());
}

QLayoutItem *FlowLayout::itemAt(int index) const
{
    return m_items.value(index);
}

QLayoutItem *FlowLayout::takeAt(int index)
{
    return index >= 0 && index < m_items.size() ? m_items.takeAt(index) : nullptr;
}

Qt::Orientations FlowLayout::expandingDirections() const
{
    return {};
}

bool FlowLayout::hasHeightForWidth() const
{
    return true;
}

int FlowLayout::heightForWidth(int width) const
{
    return arrange(QRect(0, 0, width, 0), false);
}

QSize FlowLayout::minimumSize() const
{
    // As narrow as its widest item: everything else can go to another line.
    QSize size;
    for (const QLayoutItem *item : m_items)
        size = size.expandedTo(item->minimumSize());
    const QMargins margins = contentsMargins();
    return size + QSize(margins.left() + margins.right(), margins.top() + margins.bottom());
}

QSize FlowLayout::sizeHint() const
{
    // Everything on one line.
    int width = 0;
    int height = 0;
    for (const QLayoutItem *item : m_items) {
        if (item->isEmpty())
            continue;
        if (width > 0)
            width += horizontalGap();
        width += item->sizeHint().width();
        height = std::max(height, item->sizeHint().height());
    }
    const QMargins margins = contentsMargins();
    return {width + margins.left() + margins.right(), height + margins.top() + margins.bottom()};
}

void FlowLayout::setGeometry(const QRect &rect)
{
    QLayout::setGeometry(rect);
    arrange(rect, true);
}

int FlowLayout::arrange(const QRect &rect, bool apply) const
{
    const QMargins margins = contentsMargins();
    const QRect area = rect.marginsRemoved(margins);
    const int hGap = horizontalGap();
    const int vGap = verticalGap();

    // Line by line: items of one line share its height and are centred in it vertically, so that
    // labels line up with the combo boxes beside them.
    int y = area.y();
    qsizetype first = 0;
    while (first < m_items.size()) {
        int x = area.x();
        int lineHeight = 0;
        qsizetype last = first;
        for (; last < m_items.size(); ++last) {
            const QLayoutItem *item = m_items.at(last);
            if (item->isEmpty())
                continue;
            const int width = item->sizeHint().width();
            if (x > area.x() && x + width > area.right() + 1)
                break; // the next line starts here; an item wider than the line stands alone
            x += width + hGap;
            lineHeight = std::max(lineHeight, item->sizeHint().height());
        }
        if (apply) {
            int left = area.x();
            for (qsizetype i = first; i < last; ++i) {
                QLayoutItem *item = m_items.at(i);
                if (item->isEmpty())
                    continue;
                const QSize hint = item->sizeHint();
                const int width = std::min(hint.width(), area.width());
                item->setGeometry(QRect(left, y + (lineHeight - hint.height()) / 2, width, hint.height()));
                left += width + hGap;
            }
        }
        first = last;
        if (lineHeight > 0 && first < m_items.size())
            y += lineHeight + vGap;
        else
            y += lineHeight;
    }
    return y - rect.y() + margins.bottom();
}

int FlowLayout::horizontalGap() const
{
    if (spacing() >= 0)
        return spacing();
    const QWidget *owner = parentWidget();
    return owner ? owner->style()->pixelMetric(QStyle::PM_LayoutHorizontalSpacing, nullptr, owner) : 6;
}

int FlowLayout::verticalGap() const
{
    if (spacing() >= 0)
        return spacing();
    const QWidget *owner = parentWidget();
    return owner ? owner->style()->pixelMetric(QStyle::PM_LayoutVerticalSpacing, nullptr, owner) : 6;
}

} // namespace Vigie

#pragma once

#include <QLayout>
#include <QList>

namespace Vigie {

// Lays its items out left to right at their size hints, and starts a new line when the next one
// would not fit: a row of filters that fits a wall screen on one line wraps on a laptop, or in a
// language with longer words, instead of pushing its last controls out of sight. Its height
// follows its width (hasHeightForWidth), so the layout around it makes room for the extra lines.
// After Qt's Flow Layout example; items keep their order, so tab order and reading order agree.
class FlowLayout final : public QLayout
{
public:
    explicit FlowLayout(QWidget *parent = nullptr);
    ~FlowLayout() override;

    void addItem(QLayoutItem *item) override;
    int count() const override;
    QLayoutItem *itemAt(int index) const override;
    QLayoutItem *takeAt(int index) override;

    Qt::Orientations expandingDirections() const override;
    bool hasHeightForWidth() const override;
    int heightForWidth(int width) const override;
    QSize minimumSize() const override;
    QSize sizeHint() const override;
    void setGeometry(const QRect &rect) override;

private:
    // Places the items in `rect` (or only measures, when `apply` is false); returns the height used.
    int arrange(const QRect &rect, bool apply) const;
    int horizontalGap() const;
    int verticalGap() const;

    QList<QLayoutItem *> m_items;
};

} // namespace Vigie

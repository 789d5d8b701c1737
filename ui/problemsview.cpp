#include "problemsview.h"

#include "models/problemsmodel.h"
#include "models/serviceboardmodel.h"
#include "problemdelegate.h"

#include <QPainter>
#include <QTimer>

namespace Vigie {

using namespace std::chrono_literals;

ProblemsView::ProblemsView(QWidget *parent)
    : QListView(parent)
    , m_delegate(new ProblemDelegate(this))
{
    setItemDelegate(m_delegate);
    setSelectionMode(SingleSelection);
    setVerticalScrollMode(ScrollPerPixel);
    setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    setWordWrap(true);
    setFrameShape(QFrame::NoFrame);
    setAccessibleName(tr("Problems"));
    connect(this, &QAbstractItemView::activated, this, [this](const QModelIndex &index) {
        Q_EMIT serviceActivated(index.data(ServiceBoardModel::IdRole).toString());
    });
    // "For 40 s" ticks: a repaint of what is visible each second (a few rows).
    auto *ticker = new QTimer(this);
    ticker->setInterval(1s);
    connect(ticker, &QTimer::timeout, this, [this] {
        if (isVisible() && model() && model()->rowCount() > 0)
            viewport()->update();
    });
    ticker->start();
}

void ProblemsView::setProblems(ProblemsModel *problems)
{
    setModel(problems);
}

ProblemDelegate *ProblemsView::problemDelegate() const
{
    return m_delegate;
}

void ProblemsView::setPlaceholderText(const QString &text)
{
    m_placeholder = text;
    viewport()->update();
}

void ProblemsView::paintEvent(QPaintEvent *event)
{
    if (model() && model()->rowCount() > 0) {
        QListView::paintEvent(event);
        return;
    }
    QPainter painter(viewport());
    painter.setPen(palette().color(QPalette::PlaceholderText));
    const int margin = fontMetrics().height();
    painter.drawText(viewport()->rect().adjusted(margin, margin, -margin, -margin), Qt::AlignCenter | Qt::TextWordWrap,
                     m_placeholder);
}

void ProblemsView::resizeEvent(QResizeEvent *event)
{
    QListView::resizeEvent(event);
    // Rows wrap their cause to the width: their heights change with it.
    scheduleDelayedItemsLayout();
}

} // namespace Vigie

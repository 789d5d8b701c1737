// The detail panel as a laptop's console gives it room: what it says of the selected service (its
// state, an acknowledgement with its comment, each probe's last result, the charts) fits without
// one widget drawn over another; what does not fit scrolls.
#include "alerts/silence.h"
#include "chartpanel.h"
#include "models/serviceboardmodel.h"
#include "servicedetailpanel.h"

#include <QLayout>
#include <QScrollArea>
#include <QScrollBar>
#include <QStackedWidget>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace Vigie;

class tst_ServiceDetailPanel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void anAcknowledgedServiceFitsALaptopPanel()
    {
        Workspace ws;
        ws.name = u"Lab"_s;
        Service extranet;
        extranet.id = u"extranet"_s;
        extranet.name = u"Extranet"_s;
        extranet.group = u"Backends"_s;
        ProbeSpec http;
        http.setKind(ProbeKind::Http);
        http.target = u"http://127.0.0.1:28283/"_s;
        extranet.probes = {http};
        ws.services = {extranet};

        ServiceBoardModel model;
        model.setWorkspace(ws);
        ProbeResult down;
        down.key = ProbeKey{u"extranet"_s, 0};
        down.timestampMs = QDateTime::currentMSecsSinceEpoch();
        down.status = HealthState::Down;
        down.latencyMs = 0.2;
        down.error = Message::verbatim(u"connection refused by 127.0.0.1:28283"_s);
        model.applyResults({down});

        // The console's right-hand panel on a 1280x800 laptop, above the event log (340 px there, with
        // lines a fifth taller than the offscreen platform's). Inside a window, as in the console: a
        // window of its own would grow to whatever its layout asks.
        QWidget window;
        window.resize(330, 280);
        ServiceDetailPanel panel(&model, nullptr);
        panel.setParent(&window);
        panel.setWorkspace(ws);
        panel.setGeometry(0, 0, 330, 280);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        panel.setServiceId(u"extranet"_s);
        QTRY_VERIFY(panel.findChild<QStackedWidget *>()->currentIndex() == 1);
        // The next result, as the console receives one every few seconds.
        QTest::qWait(50);
        down.timestampMs += 5000;
        model.applyResults({down});
        model.flushPendingChanges();
        QTest::qWait(50);
        // Then someone acknowledges it: two more lines above the probes.
        model.setAcknowledgements({Acknowledgement{
            u"extranet"_s, u"boot disk replaced, kernel update resumed (OPS-1234)"_s, u"marie"_s, down.timestampMs}});
        model.flushPendingChanges();
        QTest::qWait(50);
        // And the charts' controls come to need more room, as once their first data is in.
        panel.charts()->setMinimumHeight(panel.charts()->minimumSizeHint().height() + 10);
        QTest::qWait(50);
        QWidget *page = panel.findChild<QStackedWidget *>()->currentWidget();
        page->layout()->activate();

        // Top to bottom, no widget is drawn over the next one, and the last ends inside the panel: a
        // page taller than its panel has its charts cut off, or (in a dock) drawn over the probes.
        QLayout *layout = page->layout();
        QRect previous;
        for (int i = 0; i < layout->count(); ++i) {
            QWidget *widget = layout->itemAt(i)->widget();
            if (!widget || !widget->isVisible())
                continue;
            const QRect rect = widget->geometry();
            QVERIFY2(previous.isNull() || rect.top() >= previous.bottom(),
                     qPrintable(u"%1 starts at %2, above the end of the one before (%3)"_s
                                    .arg(QString::fromLatin1(widget->metaObject()->className()))
                                    .arg(rect.top())
                                    .arg(previous.bottom())));
            previous = rect;
        }
        QCOMPARE(panel.height(), 280);
        QVERIFY2(page->mapTo(&panel, previous.bottomLeft()).y() < panel.height(),
                 qPrintable(u"the page ends at %1, below the panel's %2 px"_s
                                .arg(page->mapTo(&panel, previous.bottomLeft()).y())
                                .arg(panel.height())));
        // The probes' box shows its probe whole, or scrolls to it: nothing is cut off unreachable.
        auto *probes = qobject_cast<QScrollArea *>(layout->itemAt(3)->widget());
        QVERIFY(probes);
        QWidget *host = probes->widget();
        const int needed =
            host->hasHeightForWidth() ? host->heightForWidth(probes->viewport()->width()) : host->sizeHint().height();
        QVERIFY2(probes->viewport()->height() >= needed || probes->verticalScrollBar()->isVisible(),
                 qPrintable(u"the probe needs %1 px, the box shows %2 and does not scroll"_s.arg(needed).arg(
                     probes->viewport()->height())));
    }
};

QTEST_MAIN(tst_ServiceDetailPanel)
#include "tst_servicedetailpanel.moc"

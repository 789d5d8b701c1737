#pragma once

#include "workspace/workspace.h"

#include <QDialog>
#include <QList>
#include <QStringList>

class QCheckBox;
class QDialogButtonBox;
class QLabel;

namespace Vigie {

// The confirmation before a notice goes out: what is sent, each status site of the workspace to
// send it to (all checked), and, when a Statuspage site is among them, whether Statuspage is to
// e-mail the page's subscribers (its deliver_notifications), off unless the engineer ticks it.
class PublishDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PublishDialog)

public:
    // `what`: a sentence saying what is sent ("The draft, posted as a new update: Identified.").
    PublishDialog(const QList<StatusSite> &sites, const QString &what, QWidget *parent = nullptr);
    ~PublishDialog() override;

    QStringList siteIds() const; // the ones checked, in the workspace's order
    bool deliverNotifications() const;

    QCheckBox *siteBox(const QString &siteId) const;
    QCheckBox *notifyBox() const;

private:
    void update();

    QList<std::pair<QString, QCheckBox *>> m_sites;
    QList<StatusSite> m_list;
    QCheckBox *m_notify = nullptr;
    QLabel *m_notifyNote = nullptr;
    QDialogButtonBox *m_buttons = nullptr;
};

} // namespace Vigie

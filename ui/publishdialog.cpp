#include "publishdialog.h"

#include "notices/statussitelimits.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QGroupBox>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace Vigie {

PublishDialog::PublishDialog(const QList<StatusSite> &sites, const QString &what, QWidget *parent)
    : QDialog(parent)
    , m_list(sites)
{
    setObjectName(u"publishDialog"_s);
    setWindowTitle(tr("Publish Notice"));
    auto *layout = new QVBoxLayout(this);
    auto *intro = new QLabel(what, this);
    intro->setObjectName(u"publishWhat"_s);
    intro->setWordWrap(true);
    layout->addWidget(intro);

    auto *group = new QGroupBox(tr("Send to"), this);
    auto *groupLayout = new QVBoxLayout(group);
    bool statuspage = false;
    for (const StatusSite &site : sites) {
        const QString where =
            site.kind == StatusSite::Kind::WebDav && !site.siteUrl.isEmpty() ? site.siteUrl : site.url;
        const QString text = where.isEmpty() ? tr("%1 (%2)").arg(site.id, statusSiteKindText(site.kind))
                                             : tr("%1 (%2, %3)").arg(site.id, statusSiteKindText(site.kind), where);
        auto *box = new QCheckBox(text, group);
        box->setObjectName(u"publishSite-"_s + site.id);
        box->setChecked(true);
        connect(box, &QCheckBox::toggled, this, &PublishDialog::update);
        groupLayout->addWidget(box);
        m_sites.append({site.id, box});
        statuspage = statuspage || site.kind == StatusSite::Kind::Statuspage;
    }
    layout->addWidget(group);

    if (statuspage) {
        // Statuspage e-mails (and texts) every subscriber of the page when asked: never by default.
        m_notify = new QCheckBox(tr("&Notify subscribers (deliver_notifications)"), this);
        m_notify->setObjectName(u"publishNotify"_s);
        m_notify->setChecked(false);
        m_notifyNote = new QLabel(
            tr("Statuspage sends this update by e-mail and text message to every subscriber of the page."), this);
        m_notifyNote->setWordWrap(true);
        m_notifyNote->setIndent(20);
        layout->addWidget(m_notify);
        layout->addWidget(m_notifyNote);
    }

    m_buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_buttons->button(QDialogButtonBox::Ok)->setText(tr("&Publish"));
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(m_buttons);
    update();
}

PublishDialog::~PublishDialog() = default;

QStringList PublishDialog::siteIds() const
{
    QStringList ids;
    for (const auto &[id, box] : m_sites)
        if (box->isChecked())
            ids.append(id);
    return ids;
}

bool PublishDialog::deliverNotifications() const
{
    return m_notify && m_notify->isEnabled() && m_notify->isChecked();
}

QCheckBox *PublishDialog::siteBox(const QString &siteId) const
{
    for (const auto &[id, box] : m_sites)
        if (id == siteId)
            return box;
    return nullptr;
}

QCheckBox *PublishDialog::notifyBox() const
{
    return m_notify;
}

void PublishDialog::update()
{
    const QStringList chosen = siteIds();
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(!chosen.isEmpty());
    if (!m_notify)
        return;
    // The choice applies to the Statuspage sites checked; with none, there is nothing to choose.
    bool statuspage = false;
    for (const StatusSite &site : std::as_const(m_list))
        statuspage = statuspage || (site.kind == StatusSite::Kind::Statuspage && chosen.contains(site.id));
    m_notify->setEnabled(statuspage);
    m_notifyNote->setEnabled(statuspage);
}

} // namespace Vigie

#include "noticesview.h"

#include "flowlayout.h"
#include "models/noticelistmodel.h"
#include "models/outboxmodel.h"
#include "notices/markdown.h"
#include "notices/noticetemplates.h"
#include "notices/publiccopy.h"
#include "notices/statussitelimits.h"
#include "publishdialog.h"
#include "stateicons.h"

#include <KSyntaxHighlighting/Definition>
#include <KSyntaxHighlighting/Repository>
#include <KSyntaxHighlighting/SyntaxHighlighter>
#include <KSyntaxHighlighting/Theme>

#include <QActionGroup>
#include <QCheckBox>
#include <QComboBox>
#include <QDateTimeEdit>
#include <QEvent>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMenu>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScrollBar>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QTabWidget>
#include <QTableView>
#include <QTextBrowser>
#include <QTimer>
#include <QToolButton>
#include <QTreeView>
#include <QTreeWidget>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

using namespace Qt::StringLiterals;

namespace Vigie {

namespace {

constexpr qint64 HourMs = 3'600'000;

// Loaded once, when the first editor needs it, and kept: it reads the definitions' index.
KSyntaxHighlighting::Repository &syntaxRepository()
{
    static KSyntaxHighlighting::Repository repository;
    return repository;
}

QString escaped(const QString &text)
{
    return text.toHtmlEscaped();
}

// A notice with no revision yet (written with `vigie notice new`, say) is edited from its latest
// update: the next update usually starts from what was said last.
NoticeDraft draftFromNotice(const Notice &notice)
{
    NoticeDraft draft;
    draft.title = notice.title;
    draft.impact = notice.impact;
    draft.status = notice.status;
    draft.components = notice.components;
    draft.window = notice.window;
    draft.postmortem = notice.postmortem;
    if (!notice.updates.isEmpty())
        draft.body = notice.updates.constLast().body;
    return draft;
}

// The editor's text as typed: QPlainTextEdit::toPlainText() turns no-break spaces into spaces, and
// French typography needs them (before : ; ! ?), so the raw text is read, its paragraph and line
// separators made line feeds again.
QString editorText(const QPlainTextEdit *edit)
{
    QString text = edit->document()->toRawText();
    text.replace(QChar::ParagraphSeparator, u'\n');
    text.replace(QChar::LineSeparator, u'\n');
    return text;
}

QString localTime(qint64 ms)
{
    return QLocale().toString(QDateTime::fromMSecsSinceEpoch(ms).toLocalTime(), QLocale::ShortFormat);
}

// "14:02:09": when a save was committed, to the second.
QString clockTime(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms).toLocalTime().time().toString(u"HH:mm:ss"_s);
}

// A label's text in the error colour of the palette it inherits, or in its ordinary colour: only
// that role is set, so that the label follows the palette's other changes.
void setErrorColour(QWidget *widget, bool error)
{
    QPalette own;
    if (error && widget->parentWidget())
        own.setColor(QPalette::WindowText, StateIcons::color(HealthState::Down, widget->parentWidget()->palette()));
    widget->setPalette(own);
}

} // namespace

// The services a notice affects, and how: a menu with a submenu per service of the workspace
// ("Not affected" or one of the component statuses), keyboard-reachable like any menu. Components
// the notice names that the workspace no longer has are kept and listed as their ids.
class ComponentsButton final : public QToolButton
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ComponentsButton)

public:
    explicit ComponentsButton(QWidget *parent)
        : QToolButton(parent)
        , m_menu(new QMenu(this))
    {
        setPopupMode(QToolButton::InstantPopup);
        setMenu(m_menu);
        setToolButtonStyle(Qt::ToolButtonTextOnly);
        // The menu holds a submenu per service: built when it is opened, not for every workspace
        // and notice shown (a workspace of 11,000 services made the console's start wait seconds).
        connect(m_menu, &QMenu::aboutToShow, this, [this] {
            if (m_menuStale)
                rebuildMenu();
        });
        rebuild();
    }

    void setServices(const QList<std::pair<QString, QString>> &services)
    {
        m_services = services;
        rebuild();
    }

    void setComponents(const QList<AffectedComponent> &components)
    {
        m_components = components;
        rebuild();
    }

    QList<AffectedComponent> components() const { return m_components; }

Q_SIGNALS:
    void componentsChanged();

private:
    QString nameOf(const QString &id) const
    {
        for (const auto &[serviceId, name] : m_services)
            if (serviceId == id)
                return name.isEmpty() ? id : name;
        return id;
    }

    void set(const QString &serviceId, std::optional<ComponentStatus> status)
    {
        const auto found = std::find_if(m_components.begin(), m_components.end(),
                                        [&](const AffectedComponent &c) { return c.serviceId == serviceId; });
        if (!status) {
            if (found != m_components.end())
                m_components.erase(found);
        } else if (found != m_components.end()) {
            found->status = *status;
        } else {
            m_components.append({serviceId, *status});
        }
        rebuild();
        Q_EMIT componentsChanged();
    }

    void rebuild()
    {
        m_menuStale = true;
        if (m_menu->isVisible())
            rebuildMenu();
        QStringList parts;
        for (const AffectedComponent &c : std::as_const(m_components))
            parts << NoticesView::tr("%1: %2").arg(nameOf(c.serviceId).replace(u'&', u"&&"_s),
                                                   componentStatusText(c.status).toLower());
        setText(m_components.isEmpty() ? NoticesView::tr("&Components: none")
                                       : NoticesView::tr("&Components: %1").arg(parts.join(u", "_s)));
        setToolTip(NoticesView::tr("The services this notice affects, and how."));
    }

    void rebuildMenu()
    {
        m_menuStale = false;
        m_menu->clear();
        QList<std::pair<QString, QString>> all = m_services;
        for (const AffectedComponent &c : std::as_const(m_components))
            if (std::none_of(all.cbegin(), all.cend(), [&](const auto &s) { return s.first == c.serviceId; }))
                all.append({c.serviceId, c.serviceId});
        if (all.isEmpty())
            m_menu->addAction(NoticesView::tr("The workspace has no services"))->setEnabled(false);
        for (const auto &[id, name] : std::as_const(all)) {
            const auto current = std::find_if(m_components.cbegin(), m_components.cend(),
                                              [&](const AffectedComponent &c) { return c.serviceId == id; });
            const QString state = current == m_components.cend() ? NoticesView::tr("not affected")
                                                                 : componentStatusText(current->status).toLower();
            QString shown = name.isEmpty() ? id : name;
            QMenu *sub = m_menu->addMenu(NoticesView::tr("%1: %2").arg(shown.replace(u'&', u"&&"_s), state));
            auto *group = new QActionGroup(sub);
            QAction *none = sub->addAction(NoticesView::tr("Not affected"));
            none->setCheckable(true);
            none->setChecked(current == m_components.cend());
            group->addAction(none);
            connect(none, &QAction::triggered, this, [this, id] { set(id, std::nullopt); });
            for (const QString &statusName : componentStatusNames()) {
                const ComponentStatus status = *componentStatusFromName(statusName);
                QAction *action = sub->addAction(componentStatusText(status));
                action->setCheckable(true);
                action->setChecked(current != m_components.cend() && current->status == status);
                group->addAction(action);
                connect(action, &QAction::triggered, this, [this, id, status] { set(id, status); });
            }
        }
    }

    QMenu *m_menu;
    bool m_menuStale = true;
    QList<std::pair<QString, QString>> m_services; // id, name
    QList<AffectedComponent> m_components;
};

struct NoticesView::Private
{
    explicit Private(NoticesView *view, Clock *clock)
        : q(view)
        , clock(clock)
    {}

    NoticesView *q;
    Clock *clock;
    NoticeStore *store = nullptr;
    Workspace workspace;

    NoticeListModel *notices = nullptr;
    OutboxModel *outbox = nullptr;
    QSortFilterProxyModel *outboxFilter = nullptr;

    // The list.
    QPushButton *newIncident = nullptr;
    QPushButton *newMaintenance = nullptr;
    QComboBox *language = nullptr;
    QTreeView *list = nullptr;
    // The editor.
    QWidget *editor = nullptr;
    QLabel *heading = nullptr;
    QLineEdit *title = nullptr;
    QComboBox *status = nullptr;
    QComboBox *impact = nullptr;
    ComponentsButton *components = nullptr;
    QWidget *windowBox = nullptr;
    QDateTimeEdit *windowStart = nullptr;
    QDateTimeEdit *windowEnd = nullptr;
    QPlainTextEdit *body = nullptr;
    KSyntaxHighlighting::SyntaxHighlighter *highlighter = nullptr;
    QPlainTextEdit *postmortem = nullptr; // an incident's, published with it once written
    KSyntaxHighlighting::SyntaxHighlighter *postmortemHighlighter = nullptr;
    QString postmortemText;
    QTabWidget *tabs = nullptr;
    QTextBrowser *preview = nullptr;
    QTextBrowser *publicCopy = nullptr;
    QTreeWidget *revisions = nullptr;
    QPushButton *restore = nullptr;
    QCheckBox *allEntries = nullptr;
    QTableView *outboxTable = nullptr;
    QPushButton *retry = nullptr;
    QPushButton *cancel = nullptr;
    QLabel *limits = nullptr;
    QLabel *saveLabel = nullptr;
    QLabel *message = nullptr;
    QPushButton *post = nullptr;
    QPushButton *publishButton = nullptr;

    QTimer *saveTimer = nullptr;
    QTimer *previewTimer = nullptr;
    QTimer *outboxTimer = nullptr;

    Notice current;          // the notice shown, as the store last returned it
    bool filling = false;    // the editor is being filled: no edit to save
    quint64 edits = 0;       // edits made, counted
    quint64 savedEdits = 0;  // of which the store committed the first savedEdits
    quint64 loadRequest = 0; // answers to older loads are dropped
    quint64 previewRequest = 0;
    quint64 copiesRequest = 0;
    QString bodyText; // as last filled or edited
    SaveState saveState = SaveState::Idle;
    QString saveText;
    QString blocker;
    bool busy = false; // a post or publish is on its way
    qint64 wanted = 0; // the notice asked for (shown once its load answers)
    bool messageIsError = false;
    QList<QWidget *> editing; // enabled while a notice is shown

    void build();
    void applyPalette();
    void ensureHighlighters();
    void setSaveState(SaveState state, const QString &text);
    void showMessage(const QString &text, bool error);
    void load(qint64 noticeId);
    void fill(const NoticeDraft &draft);
    void showRevisions(const QList<NoticeRevision> &list);
    void addRevision(const NoticeRevision &revision);
    void edited();
    void bodyEdited();
    void postmortemEdited();
    void renderPreview();
    void updateLimits();
    void updateButtons();
    void showPublicCopies(const QList<PublicCopy> &copies);
    void updateOutboxButtons();
    void updateOutboxFilter();
    void restoreSelected();
    void actOnEntry(bool retry);
    void queue(const PublishDialog &dialog, bool asNewUpdate);
    QString previewHtml(const QString &bodyHtml) const;
    QString styleSheet() const;
    NoticeDraft draft() const;
    QString failure(const QString &reason);
};

NoticesView::NoticesView(Clock *clock, QWidget *parent)
    : QWidget(parent)
    , d(std::make_unique<Private>(this, clock))
{
    d->build();
}

NoticesView::~NoticesView() = default;

void NoticesView::Private::build()
{
    q->setAccessibleName(NoticesView::tr("Notices"));
    notices = new NoticeListModel(q);
    outbox = new OutboxModel(q);
    outboxFilter = new QSortFilterProxyModel(q);
    outboxFilter->setSourceModel(outbox);
    outboxFilter->setFilterRole(OutboxModel::NoticeIdRole);
    outboxFilter->setFilterKeyColumn(0);

    const auto label = [this](const QString &text, QWidget *buddy) {
        auto *l = new QLabel(text, q);
        l->setBuddy(buddy);
        return l;
    };

    // The list of notices, and how new ones start.
    newIncident = new QPushButton(NoticesView::tr("New &incident"), q);
    newIncident->setObjectName(u"newIncident"_s);
    newMaintenance = new QPushButton(NoticesView::tr("New &maintenance"), q);
    newMaintenance->setObjectName(u"newMaintenance"_s);
    language = new QComboBox(q);
    language->setObjectName(u"noticeLanguage"_s);
    language->setToolTip(NoticesView::tr("The language of the template a new notice starts from: your readers', "
                                         "which may differ from the console's."));
    language->addItem(NoticesView::tr("English"), int(NoticeLanguage::English));
    language->addItem(NoticesView::tr("French"), int(NoticeLanguage::French));
    language->setCurrentIndex(language->findData(int(defaultNoticeLanguage())));
    list = new QTreeView(q);
    list->setObjectName(u"noticeList"_s);
    list->setAccessibleName(NoticesView::tr("Notices"));
    list->setModel(notices);
    list->setRootIsDecorated(false);
    list->setUniformRowHeights(true);
    list->setAllColumnsShowFocus(true);
    list->setSelectionMode(QAbstractItemView::SingleSelection);
    list->setColumnHidden(NoticeListModel::KindColumn, true);
    list->setColumnHidden(NoticeListModel::ModifiedColumn, true);
    list->header()->setStretchLastSection(false);
    list->header()->setSectionResizeMode(NoticeListModel::TitleColumn, QHeaderView::Stretch);
    list->header()->setSectionResizeMode(NoticeListModel::StatusColumn, QHeaderView::ResizeToContents);

    auto *left = new QWidget(q);
    auto *leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(0, 0, 0, 0);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(newIncident);
    buttons->addWidget(newMaintenance);
    leftLayout->addLayout(buttons);
    auto *languageRow = new QHBoxLayout;
    languageRow->addWidget(label(NoticesView::tr("Template &language:"), language));
    languageRow->addWidget(language, 1);
    leftLayout->addLayout(languageRow);
    leftLayout->addWidget(list, 1);

    // The editor.
    editor = new QWidget(q);
    heading = new QLabel(editor);
    heading->setObjectName(u"noticeHeading"_s);
    heading->setTextFormat(Qt::PlainText);
    QFont bold = heading->font();
    bold.setBold(true);
    heading->setFont(bold);
    title = new QLineEdit(editor);
    title->setObjectName(u"noticeTitle"_s);
    title->setAccessibleName(NoticesView::tr("Title"));
    status = new QComboBox(editor);
    status->setObjectName(u"noticeStatus"_s);
    impact = new QComboBox(editor);
    impact->setObjectName(u"noticeImpact"_s);
    for (const QString &name : noticeImpactNames()) {
        const NoticeImpact value = *noticeImpactFromName(name);
        impact->addItem(noticeImpactText(value), int(value));
    }
    components = new ComponentsButton(editor);
    components->setObjectName(u"noticeComponents"_s);
    windowStart = new QDateTimeEdit(editor);
    windowEnd = new QDateTimeEdit(editor);
    for (QDateTimeEdit *edit : {windowStart, windowEnd}) {
        edit->setCalendarPopup(true);
        edit->setDisplayFormat(u"yyyy-MM-dd HH:mm"_s);
        edit->setTimeZone(QTimeZone::LocalTime);
    }
    windowStart->setObjectName(u"noticeWindowStart"_s);
    windowEnd->setObjectName(u"noticeWindowEnd"_s);
    windowStart->setAccessibleName(NoticesView::tr("Maintenance starts"));
    windowEnd->setAccessibleName(NoticesView::tr("Maintenance ends"));

    auto *fields = new QWidget(editor);
    auto *flow = new FlowLayout(fields);
    flow->setContentsMargins(0, 0, 0, 0);
    const auto group = [fields, flow](const QList<QWidget *> &widgets) {
        auto *chunk = new QWidget(fields);
        auto *row = new QHBoxLayout(chunk);
        row->setContentsMargins(0, 0, 0, 0);
        for (QWidget *widget : widgets)
            row->addWidget(widget);
        flow->addWidget(chunk);
        return chunk;
    };
    group({label(NoticesView::tr("&Status:"), status), status});
    group({label(NoticesView::tr("Im&pact:"), impact), impact});
    group({components});
    windowBox = group({label(NoticesView::tr("&From:"), windowStart), windowStart,
                       label(NoticesView::tr("&To:"), windowEnd), windowEnd});

    body = new QPlainTextEdit(editor);
    body->setObjectName(u"noticeBody"_s);
    body->setAccessibleName(NoticesView::tr("Update, in Markdown"));
    body->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    body->setTabChangesFocus(true);
    body->setPlaceholderText(NoticesView::tr("What happened, what is being done, what readers should do (Markdown)."));

    postmortem = new QPlainTextEdit(editor);
    postmortem->setObjectName(u"noticePostmortem"_s);
    postmortem->setAccessibleName(NoticesView::tr("Postmortem, in Markdown"));
    postmortem->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    postmortem->setTabChangesFocus(true);
    postmortem->setPlaceholderText(NoticesView::tr("An incident's postmortem (Markdown): what happened and why, what "
                                                   "was done, what will change. Published with the incident once "
                                                   "written."));

    preview = new QTextBrowser(editor);
    preview->setObjectName(u"noticePreview"_s);
    preview->setAccessibleName(NoticesView::tr("Preview"));
    preview->setOpenLinks(false);
    publicCopy = new QTextBrowser(editor);
    publicCopy->setObjectName(u"noticePublicCopy"_s);
    publicCopy->setAccessibleName(NoticesView::tr("What the public sees"));
    publicCopy->setOpenLinks(false);

    revisions = new QTreeWidget(editor);
    revisions->setObjectName(u"noticeRevisions"_s);
    revisions->setAccessibleName(NoticesView::tr("Revisions"));
    revisions->setRootIsDecorated(false);
    revisions->setAllColumnsShowFocus(true);
    revisions->setHeaderLabels({NoticesView::tr("Revision"), NoticesView::tr("Saved"), NoticesView::tr("Note")});
    restore = new QPushButton(NoticesView::tr("&Restore"), editor);
    restore->setObjectName(u"restoreRevision"_s);
    restore->setToolTip(NoticesView::tr("Make the selected revision the draft again (saved as a new revision: "
                                        "nothing is lost)."));
    auto *revisionPage = new QWidget(editor);
    auto *revisionLayout = new QVBoxLayout(revisionPage);
    revisionLayout->addWidget(revisions, 1);
    auto *restoreRow = new QHBoxLayout;
    restoreRow->addStretch(1);
    restoreRow->addWidget(restore);
    revisionLayout->addLayout(restoreRow);

    allEntries = new QCheckBox(NoticesView::tr("&All notices"), editor);
    allEntries->setObjectName(u"outboxAll"_s);
    allEntries->setToolTip(NoticesView::tr("Show the outbox entries of every notice, not only this one's."));
    outboxTable = new QTableView(editor);
    outboxTable->setObjectName(u"outboxTable"_s);
    outboxTable->setAccessibleName(NoticesView::tr("Outbox"));
    outboxTable->setModel(outboxFilter);
    outboxTable->setSelectionBehavior(QAbstractItemView::SelectRows);
    outboxTable->setSelectionMode(QAbstractItemView::SingleSelection);
    outboxTable->setTabKeyNavigation(false);
    outboxTable->setShowGrid(false);
    outboxTable->setWordWrap(false);
    outboxTable->verticalHeader()->hide();
    outboxTable->horizontalHeader()->setStretchLastSection(true);
    outboxTable->horizontalHeader()->setHighlightSections(false);
    retry = new QPushButton(NoticesView::tr("Re&try"), editor);
    retry->setObjectName(u"outboxRetry"_s);
    retry->setToolTip(NoticesView::tr("Send the selected entry again now."));
    cancel = new QPushButton(NoticesView::tr("Ca&ncel"), editor);
    cancel->setObjectName(u"outboxCancel"_s);
    cancel->setToolTip(NoticesView::tr("Do not send the selected entry."));
    auto *outboxPage = new QWidget(editor);
    auto *outboxLayout = new QVBoxLayout(outboxPage);
    outboxLayout->addWidget(outboxTable, 1);
    auto *outboxRow = new QHBoxLayout;
    outboxRow->addWidget(allEntries);
    outboxRow->addStretch(1);
    outboxRow->addWidget(retry);
    outboxRow->addWidget(cancel);
    outboxLayout->addLayout(outboxRow);

    tabs = new QTabWidget(editor);
    tabs->setObjectName(u"noticeTabs"_s);
    tabs->addTab(preview, NoticesView::tr("Previe&w"));
    tabs->addTab(publicCopy, NoticesView::tr("What the pu&blic sees"));
    tabs->addTab(revisionPage, NoticesView::tr("Re&visions"));
    tabs->addTab(outboxPage, NoticesView::tr("&Outbox"));
    tabs->addTab(postmortem, NoticesView::tr("Postmortem"));

    auto *split = new QSplitter(Qt::Horizontal, editor);
    split->setObjectName(u"noticeSplitter"_s);
    split->addWidget(body);
    split->addWidget(tabs);
    split->setChildrenCollapsible(false);
    split->setStretchFactor(0, 1);
    split->setStretchFactor(1, 1);

    limits = new QLabel(editor);
    limits->setObjectName(u"noticeLimits"_s);
    limits->setTextFormat(Qt::PlainText);
    saveLabel = new QLabel(editor);
    saveLabel->setObjectName(u"noticeSaveState"_s);
    saveLabel->setTextFormat(Qt::PlainText);
    message = new QLabel(editor);
    message->setObjectName(u"noticeMessage"_s);
    message->setTextFormat(Qt::PlainText);
    message->setWordWrap(true);
    message->setTextInteractionFlags(Qt::TextSelectableByMouse);
    message->hide();
    post = new QPushButton(NoticesView::tr("Post up&date"), editor);
    post->setObjectName(u"postUpdate"_s);
    post->setToolTip(NoticesView::tr("Add the draft to the notice's timeline, without sending it anywhere yet."));
    publishButton = new QPushButton(NoticesView::tr("P&ublish…"), editor);
    publishButton->setObjectName(u"publishNotice"_s);

    auto *editorLayout = new QVBoxLayout(editor);
    editorLayout->setContentsMargins(0, 0, 0, 0);
    auto *titleRow = new QHBoxLayout;
    titleRow->addWidget(label(NoticesView::tr("Titl&e:"), title));
    titleRow->addWidget(title, 1);
    editorLayout->addWidget(heading);
    editorLayout->addLayout(titleRow);
    editorLayout->addWidget(fields);
    editorLayout->addWidget(split, 1);
    editorLayout->addWidget(message);
    auto *bottom = new QHBoxLayout;
    bottom->addWidget(limits);
    bottom->addStretch(1);
    bottom->addWidget(saveLabel);
    bottom->addWidget(post);
    bottom->addWidget(publishButton);
    editorLayout->addLayout(bottom);

    auto *main = new QSplitter(Qt::Horizontal, q);
    main->setObjectName(u"noticesSplitter"_s);
    main->addWidget(left);
    main->addWidget(editor);
    main->setChildrenCollapsible(false);
    main->setStretchFactor(0, 0);
    main->setStretchFactor(1, 1);
    // At least what its buttons need in the language shown ("Nouvelle maintenance" is long).
    const int listWidth = std::max(q->fontMetrics().averageCharWidth() * 36, left->minimumSizeHint().width());
    left->setMinimumWidth(std::max(q->fontMetrics().averageCharWidth() * 24, left->minimumSizeHint().width()));
    main->setSizes({listWidth, 1280 - listWidth});
    auto *layout = new QVBoxLayout(q);
    const int gap = q->fontMetrics().height() / 3;
    layout->setContentsMargins(gap, gap, gap, gap);
    layout->addWidget(main);

    // Tab order: the list, then the editor top to bottom, the tabs, the actions.
    QWidget::setTabOrder({newIncident, newMaintenance, language, list, title, status, impact, components, windowStart,
                          windowEnd, body, tabs, post, publishButton});

    saveTimer = new QTimer(q);
    saveTimer->setSingleShot(true);
    saveTimer->setInterval(NoticesView::autosaveDelay);
    previewTimer = new QTimer(q);
    previewTimer->setSingleShot(true);
    previewTimer->setInterval(NoticesView::previewDelay);
    outboxTimer = new QTimer(q);
    outboxTimer->setInterval(NoticesView::outboxInterval);

    QObject::connect(newIncident, &QPushButton::clicked, q, [this] { q->newNotice(NoticeKind::Incident); });
    QObject::connect(newMaintenance, &QPushButton::clicked, q, [this] { q->newNotice(NoticeKind::Maintenance); });
    QObject::connect(list->selectionModel(), &QItemSelectionModel::currentRowChanged, q,
                     [this](const QModelIndex &index) {
                         const qint64 id = index.data(NoticeListModel::NoticeIdRole).toLongLong();
                         if (id != wanted)
                             load(id);
                     });
    QObject::connect(title, &QLineEdit::textEdited, q, [this] { edited(); });
    QObject::connect(status, &QComboBox::currentIndexChanged, q, [this] { edited(); });
    QObject::connect(impact, &QComboBox::currentIndexChanged, q, [this] { edited(); });
    QObject::connect(components, &ComponentsButton::componentsChanged, q, [this] { edited(); });
    QObject::connect(windowStart, &QDateTimeEdit::dateTimeChanged, q, [this] { edited(); });
    QObject::connect(windowEnd, &QDateTimeEdit::dateTimeChanged, q, [this] { edited(); });
    QObject::connect(body, &QPlainTextEdit::textChanged, q, [this] { bodyEdited(); });
    QObject::connect(postmortem, &QPlainTextEdit::textChanged, q, [this] { postmortemEdited(); });
    QObject::connect(saveTimer, &QTimer::timeout, q, &NoticesView::saveNow);
    QObject::connect(previewTimer, &QTimer::timeout, q, [this] { renderPreview(); });
    QObject::connect(outboxTimer, &QTimer::timeout, q, &NoticesView::refreshOutbox);
    QObject::connect(restore, &QPushButton::clicked, q, [this] { restoreSelected(); });
    QObject::connect(revisions, &QTreeWidget::itemActivated, q, [this] { restoreSelected(); });
    QObject::connect(revisions, &QTreeWidget::currentItemChanged, q, [this] { updateButtons(); });
    QObject::connect(allEntries, &QCheckBox::toggled, q, [this] { updateOutboxFilter(); });
    QObject::connect(outboxTable->selectionModel(), &QItemSelectionModel::currentRowChanged, q,
                     [this] { updateOutboxButtons(); });
    QObject::connect(outbox, &QAbstractItemModel::dataChanged, q, [this] { updateOutboxButtons(); });
    QObject::connect(outbox, &OutboxModel::refreshed, q, [this] {
        updateOutboxButtons();
        outboxTable->resizeColumnsToContents();
        if (!outbox->error().isEmpty())
            showMessage(outbox->error(), true);
    });
    QObject::connect(retry, &QPushButton::clicked, q, [this] { actOnEntry(true); });
    QObject::connect(cancel, &QPushButton::clicked, q, [this] { actOnEntry(false); });
    QObject::connect(post, &QPushButton::clicked, q, &NoticesView::postUpdate);
    QObject::connect(publishButton, &QPushButton::clicked, q, &NoticesView::publish);

    editing = {title, status, impact, components, windowStart, windowEnd, body, post, publishButton};
    applyPalette();
    updateOutboxFilter();
    fill({});
    updateButtons();
}

void NoticesView::setStore(NoticeStore *store)
{
    d->saveTimer->stop();
    d->store = store;
    d->current = {};
    ++d->loadRequest;
    d->notices->setStore(store);
    d->outbox->setStore(store);
    d->fill({});
    d->showRevisions({});
    d->setSaveState(SaveState::Idle, {});
    d->updateButtons();
}

void NoticesView::setWorkspace(const Workspace &workspace)
{
    d->workspace = workspace;
    QList<std::pair<QString, QString>> services;
    for (const Service &s : workspace.services)
        services.append({s.id, s.name});
    d->components->setServices(services);
    d->updateLimits();
    d->updateButtons();
}

NoticeListModel *NoticesView::noticeModel() const
{
    return d->notices;
}

OutboxModel *NoticesView::outboxModel() const
{
    return d->outbox;
}

qint64 NoticesView::currentNoticeId() const
{
    return d->current.id;
}

Notice NoticesView::notice() const
{
    return d->current;
}

NoticeDraft NoticesView::draft() const
{
    return d->draft();
}

NoticesView::SaveState NoticesView::saveState() const
{
    return d->saveState;
}

QString NoticesView::saveStateText() const
{
    return d->saveText;
}

QString NoticesView::publishBlocker() const
{
    return d->blocker;
}

void NoticesView::showNotice(qint64 noticeId)
{
    const int row = d->notices->rowOf(noticeId);
    if (row >= 0)
        d->list->setCurrentIndex(d->notices->index(row, NoticeListModel::TitleColumn));
    if (noticeId != d->wanted)
        d->load(noticeId);
}

void NoticesView::newNotice(NoticeKind kind)
{
    if (!d->store)
        return;
    saveNow();
    const auto language = NoticeLanguage(d->language->currentData().toInt());
    NoticeTemplateFields fields;
    const qint64 now = d->clock->nowMs();
    fields.startMs = now;
    Notice notice;
    notice.kind = kind;
    notice.status = initialNoticeStatus(kind);
    if (kind == NoticeKind::Maintenance) {
        // A first guess to adjust: two hours, starting at the next full hour a day from now.
        const qint64 start = (now / HourMs + 1) * HourMs + 24 * HourMs;
        notice.window = NoticeWindow{start, start + 2 * HourMs};
        fields.window = notice.window;
        fields.startMs = start;
    } else {
        notice.impact = NoticeImpact::Minor;
    }
    const NoticeTemplate text = noticeTemplate(kind, language, fields);
    notice.title = text.title;
    NoticeDraft draft = draftFromNotice(notice);
    draft.body = text.body;
    createWithDraft(notice, draft);
}

void NoticesView::newNoticeFrom(const Notice &notice)
{
    if (!d->store)
        return;
    saveNow();
    // What was drafted (from history) is the first revision, not a posted update: the engineer
    // edits it before anything goes out.
    Notice created = notice;
    NoticeDraft draft = draftFromNotice(notice);
    created.updates.clear();
    createWithDraft(created, draft);
}

NoticeLanguage NoticesView::templateLanguage() const
{
    return NoticeLanguage(d->language->currentData().toInt());
}

void NoticesView::createWithDraft(const Notice &notice, const NoticeDraft &draft)
{
    d->showMessage({}, false);
    d->store->create(notice).then(this, [this, draft](const NoticeStore::Result<Notice> &created) {
        if (!created) {
            d->showMessage(d->failure(created.error()), true);
            return;
        }
        // The template (or what was drafted) is the first revision: it can be restored after any edit.
        const Notice made = *created;
        d->store->saveDraft(made.id, draft).then(this, [this, made](const NoticeStore::Result<NoticeRevision> &saved) {
            if (!saved)
                d->showMessage(d->failure(saved.error()), true);
            Notice shown = made;
            if (saved)
                shown.modifiedMs = saved->savedMs;
            d->notices->applyNotice(shown);
            showNotice(made.id);
        });
    });
}

void NoticesView::Private::load(qint64 noticeId)
{
    q->saveNow();
    const quint64 request = ++loadRequest;
    wanted = noticeId;
    saveTimer->stop();
    if (!store || noticeId <= 0) {
        current = {};
        fill({});
        showRevisions({});
        setSaveState(SaveState::Idle, {});
        updateOutboxFilter();
        updateButtons();
        return;
    }
    for (QWidget *w : std::as_const(editing))
        w->setEnabled(false);
    // Read after any save just asked for: the store runs its calls in order.
    auto revisionsRead = store->revisions(noticeId);
    store->notice(noticeId).then(q, [this, request, noticeId,
                                     revisionsRead](const NoticeStore::Result<Notice> &read) mutable {
        revisionsRead.then(q, [this, request, noticeId, read](const NoticeStore::Result<QList<NoticeRevision>> &list) {
            if (request != loadRequest)
                return;
            // Whatever was typed before belongs to the notice left (saveNow() took it along).
            savedEdits = edits;
            if (!read || !list) {
                current = {};
                fill({});
                showMessage(failure(!read ? read.error() : list.error()), true);
                updateButtons();
                return;
            }
            current = *read;
            showMessage({}, false);
            showRevisions(*list);
            fill(list->isEmpty() ? draftFromNotice(current) : list->constLast().draft);
            if (list->isEmpty())
                setSaveState(SaveState::Idle, {});
            else
                setSaveState(SaveState::Saved,
                             NoticesView::tr("Saved at %1").arg(clockTime(list->constLast().savedMs)));
            updateOutboxFilter();
            updateButtons();
            q->refreshPublicCopies();
            Q_EMIT q->noticeLoaded(noticeId);
        });
    });
}

void NoticesView::Private::fill(const NoticeDraft &draft)
{
    filling = true;
    const NoticeKind noticeKind = current.kind;
    const bool shown = current.id > 0;
    heading->setText(shown ? NoticesView::tr("%1 %2").arg(noticeKindText(noticeKind)).arg(current.id)
                           : NoticesView::tr("No notice chosen: pick one in the list, or start a new one."));
    title->setText(draft.title);
    status->clear();
    for (NoticeStatus s : noticeStatuses(noticeKind))
        status->addItem(noticeStatusText(s), int(s));
    status->setCurrentIndex(std::max(0, status->findData(int(draft.status))));
    impact->setCurrentIndex(std::max(0, impact->findData(int(draft.impact))));
    components->setComponents(draft.components);
    const bool maintenance = noticeKind == NoticeKind::Maintenance;
    windowBox->setVisible(maintenance);
    if (draft.window) {
        windowStart->setDateTime(QDateTime::fromMSecsSinceEpoch(draft.window->startMs).toLocalTime());
        windowEnd->setDateTime(QDateTime::fromMSecsSinceEpoch(draft.window->endMs).toLocalTime());
    }
    // Replacing the text keeps the undo history of the other notice out of this one.
    body->setPlainText(draft.body);
    bodyText = draft.body;
    postmortem->setPlainText(draft.postmortem);
    postmortemText = draft.postmortem;
    for (QWidget *w : std::as_const(editing))
        w->setEnabled(shown && store);
    // Statuspage has postmortems for incidents only.
    postmortem->setEnabled(shown && store && noticeKind == NoticeKind::Incident);
    filling = false;
    updateLimits();
    renderPreview();
}

NoticeDraft NoticesView::Private::draft() const
{
    NoticeDraft draft;
    draft.title = title->text();
    draft.status = NoticeStatus(status->currentData().toInt());
    draft.impact = NoticeImpact(impact->currentData().toInt());
    draft.body = editorText(body);
    draft.components = components->components();
    if (current.kind == NoticeKind::Maintenance)
        draft.window =
            NoticeWindow{windowStart->dateTime().toMSecsSinceEpoch(), windowEnd->dateTime().toMSecsSinceEpoch()};
    else
        draft.window = current.window;
    draft.postmortem = current.kind == NoticeKind::Incident ? editorText(postmortem) : current.postmortem;
    return draft;
}

void NoticesView::Private::edited()
{
    if (filling || current.id <= 0)
        return;
    ++edits;
    setSaveState(SaveState::Saving, NoticesView::tr("Saving…"));
    saveTimer->start();
    updateLimits();
    updateButtons();
}

void NoticesView::Private::bodyEdited()
{
    // textChanged also comes when the highlighter restyles the text (a palette change): only a
    // change of the text itself is an edit.
    const QString text = editorText(body);
    if (filling || text == bodyText)
        return;
    bodyText = text;
    previewTimer->start();
    edited();
}

void NoticesView::Private::postmortemEdited()
{
    const QString text = editorText(postmortem);
    if (filling || text == postmortemText)
        return;
    postmortemText = text;
    edited();
}

void NoticesView::saveNow()
{
    d->saveTimer->stop();
    if (!d->store || d->current.id <= 0 || d->savedEdits >= d->edits)
        return;
    const quint64 upTo = d->edits;
    const qint64 noticeId = d->current.id;
    const NoticeDraft draft = d->draft();
    d->setSaveState(SaveState::Saving, tr("Saving…"));
    d->store->saveDraft(noticeId, draft)
        .then(this, [this, upTo, noticeId, draft](const NoticeStore::Result<NoticeRevision> &saved) {
            if (!saved) {
                // The text stays in the editor, and the next edit saves all of it again.
                const QString reason = saved.error();
                if (noticeId == d->current.id)
                    d->setSaveState(SaveState::Failed, tr("Not saved: %1").arg(reason));
                else
                    d->showMessage(tr("The last edits of notice %1 were not saved: %2").arg(noticeId).arg(reason),
                                   true);
                Q_EMIT failed(reason);
                return;
            }
            d->savedEdits = std::max(d->savedEdits, upTo);
            Notice changed = noticeId == d->current.id ? d->current : d->notices->notice(d->notices->rowOf(noticeId));
            if (changed.id == noticeId) {
                changed.title = draft.title;
                changed.impact = draft.impact;
                changed.window = draft.window;
                changed.modifiedMs = saved->savedMs;
                d->notices->applyNotice(changed);
            }
            if (noticeId == d->current.id) {
                d->current.title = draft.title;
                d->current.impact = draft.impact;
                d->current.window = draft.window;
                d->current.modifiedMs = saved->savedMs;
                d->addRevision(*saved);
                // Only the save of the latest edit may say "Saved"; a later edit is still on its way.
                if (d->savedEdits >= d->edits && !d->saveTimer->isActive())
                    d->setSaveState(SaveState::Saved, tr("Saved at %1").arg(clockTime(saved->savedMs)));
            }
            Q_EMIT draftSaved(*saved);
        });
    Q_EMIT saving(noticeId);
}

void NoticesView::Private::setSaveState(SaveState state, const QString &text)
{
    const bool changed = state != saveState || text != saveText;
    saveState = state;
    saveText = text;
    saveLabel->setText(text);
    setErrorColour(saveLabel, state == SaveState::Failed);
    saveLabel->setToolTip(state == SaveState::Failed ? text : QString());
    if (changed)
        Q_EMIT q->saveStateChanged(state);
}

void NoticesView::Private::showMessage(const QString &text, bool error)
{
    message->setText(text);
    message->setVisible(!text.isEmpty());
    messageIsError = error;
    setErrorColour(message, error);
}

QString NoticesView::Private::failure(const QString &reason)
{
    Q_EMIT q->failed(reason);
    return reason;
}

void NoticesView::Private::showRevisions(const QList<NoticeRevision> &list)
{
    revisions->clear();
    for (const NoticeRevision &revision : list)
        addRevision(revision);
}

void NoticesView::Private::addRevision(const NoticeRevision &revision)
{
    // Newest first, where the eye starts.
    auto *item = new QTreeWidgetItem;
    item->setText(0, QString::number(revision.number));
    item->setData(0, Qt::UserRole, revision.number);
    item->setText(1, QLocale().toString(QDateTime::fromMSecsSinceEpoch(revision.savedMs).toLocalTime().date(),
                                        QLocale::ShortFormat) +
                         u' ' + clockTime(revision.savedMs));
    item->setText(2, revision.restoredFrom > 0 ? NoticesView::tr("restored from %1").arg(revision.restoredFrom)
                                               : QString());
    revisions->insertTopLevelItem(0, item);
    for (int c = 0; c < revisions->columnCount() - 1; ++c)
        revisions->resizeColumnToContents(c);
    updateButtons();
}

void NoticesView::Private::restoreSelected()
{
    const QTreeWidgetItem *item = revisions->currentItem();
    if (!item || !store || current.id <= 0)
        return;
    const int number = item->data(0, Qt::UserRole).toInt();
    // Unsaved edits become a revision first: restoring never loses what was typed.
    q->saveNow();
    const qint64 noticeId = current.id;
    const quint64 request = ++loadRequest;
    store->restoreRevision(noticeId, number)
        .then(q, [this, request, noticeId](const NoticeStore::Result<NoticeRevision> &restored) {
            if (request != loadRequest || noticeId != current.id)
                return;
            if (!restored) {
                showMessage(failure(restored.error()), true);
                return;
            }
            showMessage({}, false);
            saveTimer->stop();
            savedEdits = edits;
            addRevision(*restored);
            current.title = restored->draft.title;
            current.impact = restored->draft.impact;
            current.window = restored->draft.window;
            current.modifiedMs = restored->savedMs;
            notices->applyNotice(current);
            fill(restored->draft);
            setSaveState(SaveState::Saved, NoticesView::tr("Revision %1 restored; saved at %2")
                                               .arg(restored->restoredFrom)
                                               .arg(clockTime(restored->savedMs)));
            updateButtons();
            Q_EMIT q->draftSaved(*restored);
        });
}

QString NoticesView::Private::styleSheet() const
{
    // The static site's look (lib/notices/staticsite.cpp), in the CSS subset Qt's rich text reads,
    // with the palette's colours so that it follows light and dark.
    const QPalette pal = q->palette();
    const QColor text = pal.color(QPalette::Text);
    const QColor base = pal.color(QPalette::Base);
    const QColor muted = StateIcons::mix(text, base, 0.4);
    const QColor line = StateIcons::mix(text, base, 0.8);
    const QColor code = StateIcons::mix(base, text, 0.07);
    return uR"(body { color: %1; }
h1 { font-size: x-large; margin-top: 6px; margin-bottom: 4px; }
h2 { font-size: large; margin-top: 14px; margin-bottom: 4px; }
h3 { font-size: medium; margin-top: 10px; margin-bottom: 2px; }
p { margin-top: 0px; margin-bottom: 8px; }
a { color: %1; text-decoration: underline; }
.muted { color: %2; }
code, pre { font-family: monospace; background-color: %4; }
table { border-collapse: collapse; }
td, th { border: 1px solid %3; padding: 3px 8px; }
)"_s.arg(text.name(), muted.name(), line.name(), code.name());
}

QString NoticesView::Private::previewHtml(const QString &bodyHtml) const
{
    const NoticeDraft shown = draft();
    QString html = u"<h1>"_s + escaped(shown.title) + u"</h1>"_s;
    if (current.id > 0) {
        QString facts = noticeKindText(current.kind) + u" · "_s + noticeStatusText(shown.status);
        if (current.kind == NoticeKind::Incident)
            facts += u" · "_s +
                     QCoreApplication::translate("Vigie::StaticSite", "Impact: %1").arg(noticeImpactText(shown.impact));
        html += u"<p class=\"muted\">"_s + escaped(facts) + u"</p>"_s;
        if (shown.window)
            html += u"<p>"_s +
                    escaped(QCoreApplication::translate("Vigie::StaticSite", "Planned from %1 to %2")
                                .arg(localTime(shown.window->startMs), localTime(shown.window->endMs))) +
                    u"</p>"_s;
    }
    html += u"<p><b>"_s + escaped(noticeStatusText(shown.status)) + u"</b> <span class=\"muted\">· "_s +
            escaped(NoticesView::tr("not yet posted")) + u"</span></p>"_s;
    return html + bodyHtml;
}

void NoticesView::Private::renderPreview()
{
    previewTimer->stop();
    const quint64 request = ++previewRequest;
    // cmark runs on the pool; an answer overtaken by a newer edit is dropped.
    QtConcurrent::run(&markdownToHtml, editorText(body)).then(q, [this, request](const QString &html) {
        if (request != previewRequest)
            return;
        const int scroll = preview->verticalScrollBar() ? preview->verticalScrollBar()->value() : 0;
        preview->document()->setDefaultStyleSheet(styleSheet());
        preview->setHtml(previewHtml(html));
        preview->verticalScrollBar()->setValue(scroll);
        Q_EMIT q->previewUpdated();
    });
}

void NoticesView::Private::updateLimits()
{
    const NoticeDraft shown = draft();
    const QList<StatusSiteLimitUse> uses = measureAgainstLimits(workspace.statusSites, shown.title, shown.body);
    QStringList parts;
    bool over = false;
    for (const StatusSiteLimitUse &use : uses) {
        parts << limitUseText(use);
        over = over || use.over();
    }
    limits->setText(parts.join(u" · "_s));
    limits->setVisible(!parts.isEmpty() && current.id > 0);
    setErrorColour(limits, over);
    limits->setProperty("over", over);
    const QStringList problems = limitProblems(uses);
    limits->setToolTip(problems.isEmpty() ? NoticesView::tr("The longest title and body each kind of status site "
                                                            "of the workspace accepts.")
                                          : problems.join(u'\n'));
}

void NoticesView::Private::updateButtons()
{
    const bool shown = store && current.id > 0;
    const NoticeDraft now = shown ? draft() : NoticeDraft{};
    const QStringList problems = limitProblems(measureAgainstLimits(workspace.statusSites, now.title, now.body));
    QString reason;
    if (!shown)
        reason = NoticesView::tr("Choose a notice first.");
    else if (busy)
        reason = NoticesView::tr("Sending to the store…");
    else if (workspace.statusSites.isEmpty())
        reason = NoticesView::tr("The workspace has no status sites to publish to (status_sites:).");
    else if (now.title.trimmed().isEmpty())
        reason = NoticesView::tr("A notice needs a title.");
    else if (!problems.isEmpty())
        reason = problems.join(u' ');
    else if (now.body.trimmed().isEmpty() && current.updates.isEmpty())
        reason = NoticesView::tr("Write the update first.");
    blocker = reason;
    publishButton->setEnabled(reason.isEmpty());
    publishButton->setToolTip(reason.isEmpty() ? NoticesView::tr("Choose the status sites, then queue the draft "
                                                                 "for them in the outbox.")
                                               : reason);
    const bool canPost = shown && !busy && !now.body.trimmed().isEmpty();
    post->setEnabled(canPost);
    restore->setEnabled(shown && revisions->currentItem() != nullptr);
    newIncident->setEnabled(store != nullptr);
    newMaintenance->setEnabled(store != nullptr);
}

void NoticesView::Private::updateOutboxFilter()
{
    const bool all = allEntries->isChecked() || current.id <= 0;
    outboxFilter->setFilterRegularExpression(all ? QRegularExpression()
                                                 : QRegularExpression(u"^%1$"_s.arg(current.id)));
    updateOutboxButtons();
}

void NoticesView::Private::updateOutboxButtons()
{
    const QModelIndex index = outboxTable->currentIndex();
    const bool valid = index.isValid();
    const auto state = OutboxEntry::State(index.data(OutboxModel::StateRole).toInt());
    retry->setEnabled(valid && OutboxModel::canRetry(state));
    cancel->setEnabled(valid && OutboxModel::canCancel(state));
    // The tab says when something waits or went wrong, so that it is seen from the preview.
    int attention = 0;
    for (int r = 0; r < outboxFilter->rowCount(); ++r) {
        const auto s = OutboxEntry::State(outboxFilter->index(r, 0).data(OutboxModel::StateRole).toInt());
        attention += s == OutboxEntry::State::Failed || s == OutboxEntry::State::NeedsAttention ||
                     s == OutboxEntry::State::Queued || s == OutboxEntry::State::Sending;
    }
    tabs->setTabText(tabs->indexOf(outboxTable->parentWidget()),
                     attention > 0 ? NoticesView::tr("&Outbox (%1)").arg(attention) : NoticesView::tr("&Outbox"));
}

void NoticesView::Private::actOnEntry(bool again)
{
    const QModelIndex index = outboxTable->currentIndex();
    if (!index.isValid() || !store)
        return;
    const qint64 entryId = index.data(OutboxModel::EntryIdRole).toLongLong();
    auto done = [this, again](const NoticeStore::Result<OutboxEntry> &entry) {
        if (!entry) {
            showMessage(failure(entry.error()), true);
            return;
        }
        showMessage({}, false);
        outbox->applyEntry(*entry);
        if (again)
            Q_EMIT q->queued();
    };
    (again ? store->retry(entryId) : store->cancel(entryId)).then(q, done);
}

void NoticesView::refreshOutbox()
{
    d->outbox->refresh();
}

void NoticesView::applyOutboxEntry(const OutboxEntry &entry)
{
    d->outbox->applyEntry(entry);
}

void NoticesView::setStoreError(const QString &reason)
{
    d->showMessage(reason, !reason.isEmpty());
}

void NoticesView::applyPublicCopy(const PublicCopy &copy)
{
    if (copy.noticeId == d->current.id)
        refreshPublicCopies();
}

void NoticesView::refreshPublicCopies()
{
    const quint64 request = ++d->copiesRequest;
    if (!d->store || d->current.id <= 0) {
        d->showPublicCopies({});
        return;
    }
    // With the notice as stored now, so that the differences are measured against what was posted.
    const qint64 noticeId = d->current.id;
    auto copies = d->store->publicCopies(noticeId);
    d->store->notice(noticeId).then(this, [this, request, copies](const NoticeStore::Result<Notice> &read) mutable {
        copies.then(this, [this, request, read](const NoticeStore::Result<QList<PublicCopy>> &list) {
            if (request != d->copiesRequest)
                return;
            if (read && read->id == d->current.id) {
                d->current.updates = read->updates;
                d->current.status = read->status;
                d->current.components = read->components;
            }
            if (!list) {
                d->publicCopy->setPlainText(list.error());
                return;
            }
            d->showPublicCopies(*list);
        });
    });
}

void NoticesView::Private::showPublicCopies(const QList<PublicCopy> &copies)
{
    const QPalette pal = q->palette();
    const QString bad = StateIcons::color(HealthState::Down, pal).name();
    const QString good = StateIcons::color(HealthState::Up, pal).name();
    QString html;
    if (current.id <= 0)
        html = u"<p class=\"muted\">"_s + escaped(NoticesView::tr("No notice chosen.")) + u"</p>"_s;
    else if (copies.isEmpty())
        html = u"<p class=\"muted\">"_s +
               escaped(NoticesView::tr("No status site has shown this notice yet: once it is published, each "
                                       "site's copy is read back and shown here, with what differs from the "
                                       "notice.")) +
               u"</p>"_s;
    for (const PublicCopy &copy : copies) {
        QString site = copy.siteId;
        for (const StatusSite &s : std::as_const(workspace.statusSites))
            if (s.id == copy.siteId)
                site = NoticesView::tr("%1 (%2)").arg(s.id, statusSiteKindText(s.kind));
        html += u"<h2>"_s + escaped(site) + u"</h2>"_s;
        QString read = NoticesView::tr("Read at %1").arg(localTime(copy.fetchedMs));
        if (!copy.url.isEmpty())
            read = NoticesView::tr("Read at %1 from %2").arg(localTime(copy.fetchedMs), copy.url);
        html += u"<p class=\"muted\">"_s + escaped(read) + u"</p>"_s;
        if (!copy.error.isEmpty()) {
            html += u"<p style=\"color:%1\">"_s.arg(bad) +
                    escaped(NoticesView::tr("Could not be read: %1").arg(copy.error)) + u"</p>"_s;
            continue;
        }
        const QStringList differences = publicCopyDifferences(current, copy);
        if (differences.isEmpty()) {
            html += u"<p style=\"color:%1\"><b>"_s.arg(good) +
                    escaped(NoticesView::tr("✓ The site shows what the notice says.")) + u"</b></p>"_s;
        } else {
            html += u"<p style=\"color:%1\"><b>"_s.arg(bad) +
                    escaped(NoticesView::tr("⚠ The site differs from the notice:")) + u"</b></p><ul>"_s;
            for (const QString &difference : differences)
                html += u"<li style=\"color:%1\">"_s.arg(bad) + escaped(difference) + u"</li>"_s;
            html += u"</ul>"_s;
        }
        html += u"<h3>"_s + escaped(copy.title) + u"</h3>"_s;
        // Newest first, as status pages show them; the text as the site holds it, not re-rendered.
        for (qsizetype i = copy.updates.size() - 1; i >= 0; --i) {
            const PublicCopy::Update &update = copy.updates.at(i);
            html += u"<p><b>"_s + escaped(noticeStatusText(update.status)) +
                    u"</b></p><p style=\"white-space:pre-wrap\">"_s + escaped(update.body) + u"</p>"_s;
        }
    }
    publicCopy->document()->setDefaultStyleSheet(styleSheet());
    publicCopy->setHtml(html);
    const int index = tabs->indexOf(publicCopy);
    qsizetype differing = 0;
    for (const PublicCopy &copy : copies)
        differing += !copy.error.isEmpty() || !publicCopyDifferences(current, copy).isEmpty();
    tabs->setTabText(index, differing > 0 ? NoticesView::tr("What the pu&blic sees (%1 differing)").arg(differing)
                                          : NoticesView::tr("What the pu&blic sees"));
    Q_EMIT q->publicCopiesShown(int(copies.size()));
}

void NoticesView::postUpdate()
{
    if (!d->store || d->current.id <= 0)
        return;
    saveNow();
    const NoticeDraft now = d->draft();
    NoticeEdit edit;
    edit.update.status = now.status;
    edit.update.body = now.body;
    edit.update.components = now.components;
    edit.title = now.title;
    edit.impact = now.impact;
    edit.window = now.window;
    d->busy = true;
    d->updateButtons();
    const qint64 noticeId = d->current.id;
    d->store->addUpdate(noticeId, edit).then(this, [this, noticeId](const NoticeStore::Result<Notice> &posted) {
        d->busy = false;
        if (!posted) {
            d->showMessage(d->failure(posted.error()), true);
        } else {
            d->notices->applyNotice(*posted);
            if (noticeId == d->current.id) {
                d->current = *posted;
                d->showMessage(tr("Update posted to the timeline at %1 (not sent anywhere yet: use Publish…).")
                                   .arg(localTime(posted->updates.constLast().timestampMs)),
                               false);
            }
        }
        d->updateButtons();
    });
}

void NoticesView::publish()
{
    d->updateButtons();
    if (!d->blocker.isEmpty())
        return;
    saveNow();
    const NoticeDraft now = d->draft();
    // The draft goes out as a new update unless it is the latest update already posted.
    const NoticeUpdate *latest = d->current.updates.isEmpty() ? nullptr : &d->current.updates.constLast();
    const bool asNewUpdate = !latest || latest->status != now.status || latest->body != now.body ||
                             latest->components != now.components || d->current.title != now.title;
    const QString what =
        asNewUpdate ? tr("The draft is posted to the timeline as a new update (%1) and queued for each site chosen.")
                          .arg(noticeStatusText(now.status))
                    : tr("The latest update (%1, posted at %2) is queued for each site chosen.")
                          .arg(noticeStatusText(latest->status), localTime(latest->timestampMs));
    auto *dialog = new PublishDialog(d->workspace.statusSites, what, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, dialog, asNewUpdate] { d->queue(*dialog, asNewUpdate); });
    dialog->open();
}

void NoticesView::Private::queue(const PublishDialog &dialog, bool asNewUpdate)
{
    if (!store || current.id <= 0)
        return;
    const QStringList sites = dialog.siteIds();
    const bool notify = dialog.deliverNotifications();
    const qint64 noticeId = current.id;
    busy = true;
    updateButtons();
    const auto finished = [this, noticeId, sites](const QString &error, const std::optional<Notice> &notice) {
        busy = false;
        if (!error.isEmpty()) {
            showMessage(failure(error), true);
        } else {
            if (notice) {
                notices->applyNotice(*notice);
                if (noticeId == current.id)
                    current = *notice;
            }
            showMessage(
                NoticesView::tr("Queued for %1: the outbox shows each site's progress.").arg(sites.join(u", "_s)),
                false);
            outbox->refresh();
            tabs->setCurrentIndex(tabs->indexOf(outboxTable->parentWidget()));
            Q_EMIT q->queued();
        }
        updateButtons();
    };
    if (asNewUpdate) {
        const NoticeDraft now = draft();
        NoticeEdit edit;
        edit.update.status = now.status;
        edit.update.body = now.body;
        edit.update.components = now.components;
        edit.title = now.title;
        edit.impact = now.impact;
        edit.window = now.window;
        store->addUpdate(noticeId, edit, sites, notify).then(q, [finished](const NoticeStore::Result<Notice> &posted) {
            finished(posted ? QString() : posted.error(), posted ? std::optional(*posted) : std::nullopt);
        });
    } else {
        store->publish(noticeId, sites, notify)
            .then(q, [finished](const NoticeStore::Result<QList<OutboxEntry>> &entries) {
                finished(entries ? QString() : entries.error(), std::nullopt);
            });
    }
}

// KSyntaxHighlighting reads every syntax definition it has when its repository is made: the first
// time the view is shown, not while the console starts.
void NoticesView::Private::ensureHighlighters()
{
    if (highlighter)
        return;
    const KSyntaxHighlighting::Definition markdown = syntaxRepository().definitionForName(u"Markdown"_s);
    const KSyntaxHighlighting::Theme theme = syntaxRepository().themeForPalette(q->palette());
    highlighter = new KSyntaxHighlighting::SyntaxHighlighter(body->document());
    postmortemHighlighter = new KSyntaxHighlighting::SyntaxHighlighter(postmortem->document());
    for (KSyntaxHighlighting::SyntaxHighlighter *h : {highlighter, postmortemHighlighter}) {
        h->setTheme(theme);
        h->setDefinition(markdown);
    }
}

void NoticesView::Private::applyPalette()
{
    if (highlighter) {
        const KSyntaxHighlighting::Theme theme = syntaxRepository().themeForPalette(q->palette());
        for (KSyntaxHighlighting::SyntaxHighlighter *h : {highlighter, postmortemHighlighter}) {
            h->setTheme(theme);
            h->rehighlight();
        }
    }
    updateLimits();
    setErrorColour(saveLabel, saveState == SaveState::Failed);
    setErrorColour(message, messageIsError);
    renderPreview();
}

void NoticesView::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    d->ensureHighlighters();
    refreshOutbox();
    d->outboxTimer->start();
}

void NoticesView::hideEvent(QHideEvent *event)
{
    QWidget::hideEvent(event);
    d->outboxTimer->stop();
    // Leaving the view (or the console) saves what was typed.
    saveNow();
}

void NoticesView::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange || event->type() == QEvent::ApplicationPaletteChange)
        d->applyPalette();
}

} // namespace Vigie

#include "noticesview.moc"

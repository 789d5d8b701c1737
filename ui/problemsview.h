#pragma once

#include <QListView>

namespace Vigie {

class ProblemDelegate;
class ProblemsModel;

// The services that need someone (ProblemsModel), one row each with the cause of the failure in
// full: the view an on-call engineer opens first, and the side panel's list when no service is
// selected. Activating a row (Enter, double-click) asks to show that service.
class ProblemsView final : public QListView
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ProblemsView)

public:
    explicit ProblemsView(QWidget *parent = nullptr);

    void setProblems(ProblemsModel *problems);
    ProblemDelegate *problemDelegate() const;
    // Shown in the middle while there is no problem.
    void setPlaceholderText(const QString &text);

Q_SIGNALS:
    void serviceActivated(const QString &serviceId);

protected:
    void paintEvent(QPaintEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;

private:
    ProblemDelegate *m_delegate;
    QString m_placeholder;
};

} // namespace Vigie

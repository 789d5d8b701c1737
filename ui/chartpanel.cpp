#include "chartpanel.h"

#include "core/clock.h"
#include "flowlayout.h"
#include "series/decimation.h"
#include "series/errorrate.h"
#include "series/seriesstore.h"
#include "series/windowstats.h"
#include "workspace/duration.h"

#include <QComboBox>
#include <QDateTimeEdit>
#include <QEvent>
#include <QFile>
#include <QFileDialog>
#include <QImage>
#include <QLabel>
#include <QMap>
#include <QMenu>
#include <QPainter>
#include <QPushButton>
#include <QResizeEvent>
#include <QSaveFile>
#include <QScrollArea>
#include <QSvgGenerator>
#include <QTextStream>
#include <QTimeZone>
#include <QToolButton>
#include <QVBoxLayout>

#include <algorithm>
#include <memory>
#include <span>
#include <type_traits>

using namespace Qt::StringLiterals;

namespace Vigie {

namespace {

constexpr qint64 MinimumSpanMs = 10'000;
// The columns a before/during readout and a full CSV ask for: enough for the raw level of any
// span a chart shows (the source answers with what it has).
constexpr int FineColumns = 1'000'000;

// Raw samples further apart than `maxStepMs` get a gap marker between them (0: left as they are).
SeriesRange withStepGaps(SeriesRange range, qint64 maxStepMs)
{
    if (maxStepMs <= 0 || range.level != SeriesLevel::Raw)
        return range;
    QList<Sample> samples;
    samples.reserve(range.samples.size());
    const Sample *previous = nullptr;
    for (const Sample &sample : std::as_const(range.samples)) {
        if (previous && !previous->isGap() && !sample.isGap() && sample.timestampMs - previous->timestampMs > maxStepMs)
            samples.append({previous->timestampMs + 1, std::numeric_limits<double>::quiet_NaN()});
        samples.append(sample);
        previous = &sample;
    }
    range.samples = samples;
    return range;
}

// The part of a range within [fromMs, toMs]: raw samples there, rollup buckets overlapping it.
template<typename T>
std::span<const T> within(const QList<T> &items, qint64 fromMs, qint64 toMs, qint64 bucketMs)
{
    const std::span<const T> all(items.constData(), size_t(items.size()));
    if constexpr (std::is_same_v<T, Sample>) {
        const auto first = std::ranges::lower_bound(all, fromMs, {}, &Sample::timestampMs);
        const auto last = std::ranges::upper_bound(all, toMs, {}, &Sample::timestampMs);
        return {first, last};
    } else {
        const auto first = std::ranges::upper_bound(all, fromMs - bucketMs, {}, &RollupPoint::bucketStartMs);
        const auto last = std::ranges::upper_bound(all, toMs, {}, &RollupPoint::bucketStartMs);
        return first < last ? std::span<const T>(first, last) : std::span<const T>();
    }
}

SeriesRange slice(const SeriesRange &range, qint64 fromMs, qint64 toMs)
{
    SeriesRange part{range.series, fromMs, toMs, range.level, {}, {}};
    if (range.level == SeriesLevel::Raw) {
        const auto samples = within(range.samples, fromMs, toMs, 0);
        part.samples = QList<Sample>(samples.begin(), samples.end());
    } else {
        const auto rollups = within(range.rollups, fromMs, toMs, seriesBucketMs(range.level));
        part.rollups = QList<RollupPoint>(rollups.begin(), rollups.end());
    }
    return part;
}

// A kept answer, then the same at each coarser rollup level: a wide view is drawn from a level
// with about as many buckets as it has pixel columns, as the store would answer it, not from
// every minute of the window.
QList<SeriesRange> withCoarserLevels(SeriesRange range)
{
    QList<SeriesRange> levels{std::move(range)};
    if (levels.constFirst().level == SeriesLevel::Raw)
        return levels;
    for (SeriesLevel level : {SeriesLevel::Hour, SeriesLevel::Day}) {
        const SeriesRange &finer = levels.constLast();
        if (seriesBucketMs(level) <= seriesBucketMs(finer.level))
            continue;
        const std::span<const RollupPoint> rollups(finer.rollups.constData(), size_t(finer.rollups.size()));
        levels.append({finer.series, finer.fromMs, finer.toMs, level, {}, coarserRollups(rollups, level)});
    }
    return levels;
}

// A kept answer drawn over [fromMs, toMs] in `columns` pixel columns, from the coarsest of its
// levels that still gives every column a value: M4, or the error rate with one bucket per column
// at most (series/errorrate.h).
QList<Sample> reduceForView(const QList<SeriesRange> &levels, qint64 fromMs, qint64 toMs, int columns,
                            ChartSpec::Reduction reduction, qint64 maxStepMs)
{
    if (levels.isEmpty())
        return {};
    const qint64 wanted = seriesBucketMs(seriesLevelFor(fromMs, toMs, columns));
    const SeriesRange *kept = &levels.constFirst();
    for (const SeriesRange &level : levels)
        if (seriesBucketMs(level.level) <= wanted)
            kept = &level;
    if (reduction == ChartSpec::Reduction::ErrorRate) {
        const qint64 bucketMs = std::max<qint64>(1, (toMs - fromMs + columns - 1) / columns);
        return errorRatePercent(slice(*kept, fromMs, toMs), bucketMs);
    }
    if (kept->level == SeriesLevel::Raw)
        return decimateM4(within(kept->samples, fromMs, toMs, 0), fromMs, toMs, columns, maxStepMs);
    const qint64 bucketMs = seriesBucketMs(kept->level);
    return decimateRollups(within(kept->rollups, fromMs, toMs, bucketMs), bucketMs, fromMs, toMs, columns);
}

// A 0/1 success value as an error rate in % (for the before/during readout of raw points).
QList<Sample> errorRate(QList<Sample> samples)
{
    for (Sample &sample : samples)
        if (!sample.isGap())
            sample.value = (1.0 - sample.value) * 100.0;
    return samples;
}

QString csvField(QString text)
{
    if (text.contains(u',') || text.contains(u'"') || text.contains(u'\n'))
        return u'"' + text.replace(u'"', u"\"\""_s) + u'"';
    return text;
}

// time, then one column per line; a row per time that any line has a point at, within from..to.
bool writeCsv(const QString &path, const QStringList &headers, const QList<QList<Sample>> &columns, qint64 fromMs,
              qint64 toMs)
{
    QMap<qint64, QList<double>> rows;
    const double none = std::numeric_limits<double>::quiet_NaN();
    for (qsizetype c = 0; c < columns.size(); ++c)
        for (const Sample &sample : columns.at(c)) {
            if (sample.isGap() || sample.timestampMs < fromMs || sample.timestampMs > toMs)
                continue;
            QList<double> &row = rows[sample.timestampMs];
            if (row.isEmpty())
                row.fill(none, columns.size());
            row[c] = sample.value;
        }
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Text))
        return false;
    QTextStream out(&file);
    out << u"time"_s;
    for (const QString &header : headers)
        out << u',' << csvField(header);
    out << u'\n';
    for (auto it = rows.cbegin(); it != rows.cend(); ++it) {
        out << QDateTime::fromMSecsSinceEpoch(it.key(), QTimeZone::UTC).toString(Qt::ISODateWithMs);
        for (double value : it.value()) {
            out << u',';
            if (!std::isnan(value))
                out << QString::number(value, 'g', 10);
        }
        out << u'\n';
    }
    out.flush();
    return file.commit();
}

} // namespace

ChartPanel::ChartPanel(QWidget *parent)
    : QWidget(parent)
    , m_clock(Clock::system())
    , m_presets(new QComboBox(this))
    , m_customBox(new QWidget(this))
    , m_customFrom(new QDateTimeEdit(this))
    , m_customTo(new QDateTimeEdit(this))
    , m_reset(new QToolButton(this))
    , m_splitButton(new QToolButton(this))
    , m_export(new QToolButton(this))
    , m_readout(new QLabel(this))
    , m_chartsHost(new QWidget(this))
    , m_chartsLayout(new QVBoxLayout(m_chartsHost))
{
    setAccessibleName(tr("Charts"));
    m_presets->setAccessibleName(tr("Time range"));
    m_presets->addItem(tr("Last hour"), int(Preset::Hour));
    m_presets->addItem(tr("Last 6 hours"), int(Preset::SixHours));
    m_presets->addItem(tr("Last 24 hours"), int(Preset::Day));
    m_presets->addItem(tr("Last 7 days"), int(Preset::Week));
    m_presets->addItem(tr("Last 30 days"), int(Preset::Month));
    m_presets->addItem(tr("Last year"), int(Preset::Year));
    m_presets->addItem(tr("Custom range"), int(Preset::Custom));
    connect(m_presets, &QComboBox::activated, this,
            [this](int index) { setPreset(Preset(m_presets->itemData(index).toInt())); });

    const QString format = u"yyyy-MM-dd HH:mm"_s;
    for (QDateTimeEdit *edit : {m_customFrom, m_customTo}) {
        edit->setDisplayFormat(format);
        edit->setCalendarPopup(true);
    }
    m_customFrom->setAccessibleName(tr("Range start"));
    m_customTo->setAccessibleName(tr("Range end"));
    auto *apply = new QPushButton(tr("Apply"), m_customBox);
    connect(apply, &QPushButton::clicked, this, [this] {
        setCustomRange(m_customFrom->dateTime().toMSecsSinceEpoch(), m_customTo->dateTime().toMSecsSinceEpoch());
    });
    auto *customLayout = new QHBoxLayout(m_customBox);
    customLayout->setContentsMargins(0, 0, 0, 0);
    customLayout->addWidget(new QLabel(tr("From"), m_customBox));
    customLayout->addWidget(m_customFrom);
    customLayout->addWidget(new QLabel(tr("to"), m_customBox));
    customLayout->addWidget(m_customTo);
    customLayout->addWidget(apply);
    m_customBox->hide();

    m_reset->setText(tr("Reset zoom"));
    m_reset->setToolTip(tr("Back to the whole range (Home, or a double click on a chart)"));
    connect(m_reset, &QToolButton::clicked, this, &ChartPanel::resetZoom);
    m_splitButton->setText(tr("Phases"));
    m_splitButton->setToolTip(tr("Split the response time into its phases"));
    m_splitButton->setCheckable(true);
    m_splitButton->hide();
    connect(m_splitButton, &QToolButton::toggled, this, &ChartPanel::setSplit);
    m_export->setText(tr("Export"));
    m_export->setPopupMode(QToolButton::InstantPopup);
    auto *menu = new QMenu(m_export);
    menu->addAction(tr("PNG image…"), this, [this] { exportWithDialog(u"png"_s); });
    menu->addAction(tr("SVG image…"), this, [this] { exportWithDialog(u"svg"_s); });
    menu->addAction(tr("CSV, points as shown…"), this, [this] { exportWithDialog(u"csv"_s); });
    menu->addAction(tr("CSV, every recorded point…"), this, [this] { exportWithDialog(u"csv-full"_s); });
    m_export->setMenu(menu);

    auto *controls = new QWidget(this);
    auto *flow = new FlowLayout(controls);
    flow->setContentsMargins(0, 0, 0, 0);
    flow->addWidget(m_presets);
    flow->addWidget(m_customBox);
    flow->addWidget(m_reset);
    flow->addWidget(m_splitButton);
    flow->addWidget(m_export);

    m_readout->setWordWrap(true);
    m_readout->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_readout->hide();

    m_chartsLayout->setContentsMargins(0, 0, 0, 0);
    m_chartsLayout->setSpacing(0);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(controls);
    layout->addWidget(m_readout);
    // Each chart keeps a readable height (its minimum size hint): a short window scrolls the
    // stack rather than squeezing the plots into slivers.
    auto *scroll = new QScrollArea(this);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    scroll->setWidget(m_chartsHost);
    layout->addWidget(scroll, 1);

    m_queryTimer.setSingleShot(true);
    m_queryTimer.setInterval(0); // what one turn of the event loop asks for, asked once
    connect(&m_queryTimer, &QTimer::timeout, this, &ChartPanel::query);
    setPreset(Preset::Hour);
}

ChartPanel::~ChartPanel() = default;

void ChartPanel::setClock(const Clock *clock)
{
    m_clock = clock ? clock : Clock::system();
    if (m_preset != Preset::Custom)
        setPreset(m_preset);
}

qint64 ChartPanel::nowMs() const
{
    return m_clock->nowMs();
}

void ChartPanel::setFetch(SeriesFetch fetch)
{
    m_fetch = std::move(fetch);
    scheduleQuery();
}

void ChartPanel::setCharts(const QList<ChartSpec> &charts)
{
    m_specs = charts;
    rebuildCharts();
    scheduleQuery();
}

const QList<ChartSpec> &ChartPanel::charts() const
{
    return m_specs;
}

QList<TimeChart *> ChartPanel::timeCharts() const
{
    return m_charts;
}

void ChartPanel::rebuildCharts()
{
    ++m_generation; // answers for the old charts are dropped
    m_pending = 0;
    m_kept = {};
    qDeleteAll(m_charts);
    m_charts.clear();
    bool splittable = false;
    for (qsizetype c = 0; c < m_specs.size(); ++c) {
        const ChartSpec &spec = m_specs.at(c);
        splittable = splittable || !spec.splitLines.isEmpty();
        auto *chart = new TimeChart(m_chartsHost);
        chart->setTitle(spec.title);
        chart->setUnit(spec.unit);
        chart->setTimeRange(m_fromMs, m_toMs);
        chart->setBands(m_bands);
        chart->setSelectedBand(m_selectedBand);
        chart->setTimeLabelsVisible(c == m_specs.size() - 1);
        QList<ChartLine> lines;
        for (const ChartLineSpec &line : linesOf(spec))
            lines.append({line.series, line.label, {}});
        chart->setLines(lines);
        connect(chart, &TimeChart::zoomRequested, this, &ChartPanel::zoomTo);
        connect(chart, &TimeChart::panRequested, this, &ChartPanel::zoomTo);
        connect(chart, &TimeChart::resetRequested, this, &ChartPanel::resetZoom);
        connect(chart, &TimeChart::bandClicked, this, &ChartPanel::selectBand);
        connect(chart, &TimeChart::crosshairMoved, this, [this, chart](qint64 timestampMs) {
            for (TimeChart *other : std::as_const(m_charts)) {
                if (other == chart)
                    continue;
                if (timestampMs < 0)
                    other->clearCrosshair();
                else
                    other->setCrosshairTime(timestampMs);
            }
        });
        chart->installEventFilter(this); // its plot's width: the columns a query asks for
        m_chartsLayout->addWidget(chart, 1);
        m_charts.append(chart);
    }
    m_splitButton->setVisible(splittable);
    alignCharts();
}

QList<ChartLineSpec> ChartPanel::linesOf(const ChartSpec &spec) const
{
    return m_split && !spec.splitLines.isEmpty() ? spec.splitLines : spec.lines;
}

void ChartPanel::alignCharts()
{
    int left = 0;
    for (TimeChart *chart : std::as_const(m_charts))
        left = std::max(left, chart->preferredPlotLeft());
    for (TimeChart *chart : std::as_const(m_charts))
        chart->setPlotLeft(left);
}

void ChartPanel::setBands(const QList<ChartBand> &bands)
{
    const bool same = bands == m_bands;
    m_bands = bands;
    if (!same)
        m_selectedBand = -1;
    for (TimeChart *chart : std::as_const(m_charts)) {
        chart->setBands(m_bands);
        chart->setSelectedBand(m_selectedBand);
    }
    if (!same)
        computeBandReadout();
}

const QList<ChartBand> &ChartPanel::bands() const
{
    return m_bands;
}

qint64 ChartPanel::presetSpanMs(Preset preset)
{
    constexpr qint64 hour = 3'600'000;
    switch (preset) {
    case Preset::Hour:
        return hour;
    case Preset::SixHours:
        return 6 * hour;
    case Preset::Day:
        return 24 * hour;
    case Preset::Week:
        return 7 * 24 * hour;
    case Preset::Month:
        return 30 * 24 * hour;
    case Preset::Year:
        return 365 * 24 * hour;
    case Preset::Custom:
        break;
    }
    return 0;
}

void ChartPanel::setPreset(Preset preset)
{
    m_preset = preset;
    if (preset == Preset::Custom) {
        if (m_baseTo <= m_baseFrom) {
            m_baseTo = nowMs();
            m_baseFrom = m_baseTo - presetSpanMs(Preset::Day);
        }
        m_customFrom->setDateTime(QDateTime::fromMSecsSinceEpoch(m_baseFrom));
        m_customTo->setDateTime(QDateTime::fromMSecsSinceEpoch(m_baseTo));
    } else {
        m_baseTo = nowMs();
        m_baseFrom = m_baseTo - presetSpanMs(preset);
    }
    syncControls();
    setView(m_baseFrom, m_baseTo);
}

ChartPanel::Preset ChartPanel::preset() const
{
    return m_preset;
}

void ChartPanel::setCustomRange(qint64 fromMs, qint64 toMs)
{
    if (toMs < fromMs)
        std::swap(fromMs, toMs);
    if (toMs - fromMs < MinimumSpanMs)
        toMs = fromMs + MinimumSpanMs;
    m_baseFrom = fromMs;
    m_baseTo = toMs;
    m_preset = Preset::Custom;
    m_customFrom->setDateTime(QDateTime::fromMSecsSinceEpoch(fromMs));
    m_customTo->setDateTime(QDateTime::fromMSecsSinceEpoch(toMs));
    syncControls();
    setView(m_baseFrom, m_baseTo);
}

void ChartPanel::syncControls()
{
    m_presets->setCurrentIndex(m_presets->findData(int(m_preset)));
    m_customBox->setVisible(m_preset == Preset::Custom);
    m_reset->setEnabled(isZoomed());
}

bool ChartPanel::isZoomed() const
{
    return m_fromMs != m_baseFrom || m_toMs != m_baseTo;
}

void ChartPanel::zoomTo(qint64 fromMs, qint64 toMs)
{
    if (toMs - fromMs < MinimumSpanMs) {
        const qint64 middle = fromMs + (toMs - fromMs) / 2;
        fromMs = middle - MinimumSpanMs / 2;
        toMs = fromMs + MinimumSpanMs;
    }
    setView(fromMs, toMs);
}

void ChartPanel::resetZoom()
{
    if (m_preset != Preset::Custom) {
        m_baseTo = nowMs();
        m_baseFrom = m_baseTo - presetSpanMs(m_preset);
    }
    setView(m_baseFrom, m_baseTo);
}

void ChartPanel::setView(qint64 fromMs, qint64 toMs)
{
    const bool changed = fromMs != m_fromMs || toMs != m_toMs;
    m_fromMs = fromMs;
    m_toMs = toMs;
    // Drawn from what is kept: each chart takes its range with its new points (showFromKept).
    if (!changed || !keptCovers(fromMs, toMs, false))
        for (TimeChart *chart : std::as_const(m_charts))
            chart->setTimeRange(fromMs, toMs);
    m_reset->setEnabled(isZoomed());
    if (!changed)
        return;
    Q_EMIT rangeChanged(fromMs, toMs);
    // Within what is kept: drawn now, from memory; a query in the background when the view nears
    // the edge of the kept window (unless the one on its way covers it). Beyond it: a query, the
    // charts showing what they have meanwhile.
    const bool shown = showFromKept();
    if (!shown)
        for (TimeChart *chart : std::as_const(m_charts))
            chart->setTimeRange(fromMs, toMs);
    const bool onItsWay =
        m_pending > 0 && m_fetchColumns == pixelColumns() && m_fetchFrom <= fromMs && toMs <= m_fetchTo;
    if (!keptCovers(fromMs, toMs, shown) && !onItsWay)
        scheduleQuery();
}

bool ChartPanel::keptCovers(qint64 fromMs, qint64 toMs, bool withMargin) const
{
    const int columns = pixelColumns();
    if (!m_kept.valid || m_kept.columns != columns)
        return false;
    const qint64 margin = withMargin ? (toMs - fromMs) / 3 : 0;
    // A window that stopped at now needs no margin on its right: nothing was recorded later.
    const qint64 rightMargin = m_kept.openEnded ? 0 : margin;
    if (fromMs - margin < m_kept.fromMs || toMs + rightMargin > m_kept.toMs)
        return false;
    // The level the source picks for the view is no finer than the one it picked for the window.
    const SeriesLevel wanted = seriesLevelFor(fromMs, toMs, columns);
    const SeriesLevel fetched = seriesLevelFor(m_kept.fromMs, m_kept.toMs, m_kept.windowColumns);
    return seriesBucketMs(wanted) >= seriesBucketMs(fetched);
}

bool ChartPanel::showFromKept()
{
    if (!keptCovers(m_fromMs, m_toMs, false) || m_kept.ranges.size() != m_charts.size())
        return false;
    const int columns = pixelColumns();
    for (qsizetype c = 0; c < m_specs.size(); ++c) {
        const ChartSpec &spec = m_specs.at(c);
        const QList<ChartLineSpec> specLines = linesOf(spec);
        const QList<QList<SeriesRange>> &kept = m_kept.ranges.at(c);
        if (kept.size() != specLines.size())
            return false;
        QList<ChartLine> lines;
        for (qsizetype l = 0; l < specLines.size(); ++l)
            lines.append({specLines.at(l).series, specLines.at(l).label,
                          reduceForView(kept.at(l), m_fromMs, m_toMs, columns, spec.reduction, spec.maxStepMs)});
        m_charts.at(c)->setLines(lines, m_fromMs, m_toMs);
    }
    Q_EMIT loaded();
    return true;
}

void ChartPanel::setSplit(bool split)
{
    if (m_split == split)
        return;
    m_split = split;
    m_splitButton->setChecked(split);
    rebuildCharts();
    scheduleQuery();
    computeBandReadout();
}

bool ChartPanel::isSplit() const
{
    return m_split;
}

void ChartPanel::refresh()
{
    m_kept.valid = false; // new data may have been recorded
    if (m_preset != Preset::Custom && !isZoomed()) {
        m_baseTo = nowMs();
        m_baseFrom = m_baseTo - presetSpanMs(m_preset);
        setView(m_baseFrom, m_baseTo);
    }
    scheduleQuery();
}

int ChartPanel::pixelColumns() const
{
    return m_charts.isEmpty() ? std::max(1, width()) : m_charts.constFirst()->plotWidth();
}

void ChartPanel::scheduleQuery()
{
    m_queryTimer.start();
}

void ChartPanel::query()
{
    const quint64 generation = ++m_generation;
    m_pending = 0;
    if (!m_fetch || m_charts.isEmpty())
        return;
    // Charts just built get their size from the layout: now, so that the query asks for their width.
    m_pixelColumnsKnown = false;
    m_chartsLayout->activate();
    m_pixelColumnsKnown = true;
    const int columns = pixelColumns();
    m_lastColumns = columns;
    const qint64 from = m_fromMs;
    const qint64 to = m_toMs;
    // The window: one width on each side of the view (none past now, where nothing is recorded
    // yet), as many columns per width as the plot has.
    const qint64 width = to - from;
    const qint64 windowFrom = from - width;
    const qint64 windowTo = std::max(to, std::min(to + width, nowMs()));
    // Rounded up: the window's resolution is never coarser than the view's.
    const qint64 safeWidth = std::max<qint64>(1, width);
    const int windowColumns = int(std::min<qint64>(
        std::numeric_limits<int>::max(), (qint64(columns) * (windowTo - windowFrom) + safeWidth - 1) / safeWidth));
    const bool openEnded = windowTo < to + width;
    m_fetchFrom = windowFrom;
    m_fetchTo = windowTo;
    m_fetchColumns = columns;

    // What has landed for this request: each line's answer and points, and how many still wait.
    struct Landing
    {
        QList<QList<QList<SeriesRange>>> ranges;
        QList<QList<ChartLine>> lines;
        QList<int> waiting;
    };
    auto landing = std::make_shared<Landing>();
    for (const ChartSpec &spec : std::as_const(m_specs)) {
        QList<ChartLine> lines;
        for (const ChartLineSpec &line : linesOf(spec))
            lines.append({line.series, line.label, {}});
        landing->ranges.append(QList<QList<SeriesRange>>(lines.size()));
        landing->lines.append(lines);
        landing->waiting.append(int(lines.size()));
        m_pending += int(lines.size());
    }
    if (m_pending == 0) {
        Q_EMIT loaded();
        return;
    }
    for (qsizetype c = 0; c < m_specs.size(); ++c) {
        const ChartSpec &spec = m_specs.at(c);
        const QList<ChartLineSpec> lines = linesOf(spec);
        for (qsizetype l = 0; l < lines.size(); ++l) {
            const ChartSpec::Reduction reduction = spec.reduction;
            const qint64 maxStep = spec.maxStepMs;
            m_fetch(lines.at(l).series, windowFrom, windowTo, windowColumns)
                .then(seriesReadPool(),
                      [from, to, columns, reduction, maxStep](SeriesRange range) {
                          // Kept with its gaps marked and its coarser levels, and drawn over the
                          // view it was asked for.
                          QList<SeriesRange> levels = withCoarserLevels(withStepGaps(std::move(range), maxStep));
                          QList<Sample> points = reduceForView(levels, from, to, columns, reduction, maxStep);
                          return std::pair{std::move(levels), std::move(points)};
                      })
                .onFailed([] {
                    return std::pair{QList<SeriesRange>{SeriesRange()}, QList<Sample>()};
                })
                .onCanceled([] {
                    return std::pair{QList<SeriesRange>{SeriesRange()}, QList<Sample>()};
                })
                .then(this, [this, generation, landing, c, l, from, to, windowFrom, windowTo, columns, windowColumns,
                             openEnded](const std::pair<QList<SeriesRange>, QList<Sample>> &answer) {
                    if (generation != m_generation)
                        return; // a newer request is on its way: this answer is stale
                    landing->ranges[c][l] = answer.first;
                    landing->lines[c][l].samples = answer.second;
                    const bool sameView = from == m_fromMs && to == m_toMs;
                    if (--landing->waiting[c] == 0 && sameView)
                        m_charts.at(c)->setLines(landing->lines.at(c));
                    if (--m_pending > 0)
                        return;
                    m_kept = {windowFrom, windowTo, columns, windowColumns, openEnded, true, landing->ranges};
                    // The view moved while the answers were on their way: drawn from them now.
                    if (sameView || !showFromKept()) {
                        if (!sameView)
                            for (qsizetype chart = 0; chart < m_charts.size(); ++chart)
                                m_charts.at(chart)->setLines(landing->lines.at(chart));
                        Q_EMIT loaded();
                    }
                    if (!keptCovers(m_fromMs, m_toMs, true) && !m_queryTimer.isActive())
                        scheduleQuery();
                });
        }
    }
}

void ChartPanel::selectBand(int index)
{
    if (index >= m_bands.size())
        index = -1;
    if (index == m_selectedBand)
        return;
    m_selectedBand = index;
    for (TimeChart *chart : std::as_const(m_charts))
        chart->setSelectedBand(index);
    computeBandReadout();
}

int ChartPanel::selectedBand() const
{
    return m_selectedBand;
}

const QList<BandComparison> &ChartPanel::bandComparisons() const
{
    return m_comparisons;
}

void ChartPanel::computeBandReadout()
{
    const quint64 generation = ++m_bandGeneration;
    m_comparisons.clear();
    if (m_selectedBand < 0 || !m_fetch) {
        updateReadoutLabel();
        return;
    }
    const ChartBand band = m_bands.at(m_selectedBand);
    const qint64 length = std::max<qint64>(1, band.toMs - band.fromMs);
    const qint64 beforeFrom = band.fromMs - length;

    auto results = std::make_shared<QList<BandComparison>>();
    auto waiting = std::make_shared<int>(0);
    for (const ChartSpec &spec : std::as_const(m_specs))
        for (const ChartLineSpec &line : linesOf(spec)) {
            results->append({spec.title, line.label, spec.unit, spec.reduction, {}, {}});
            ++*waiting;
        }
    if (*waiting == 0) {
        updateReadoutLabel();
        return;
    }
    qsizetype index = 0;
    for (const ChartSpec &spec : std::as_const(m_specs))
        for (const ChartLineSpec &line : linesOf(spec)) {
            const ChartSpec::Reduction reduction = spec.reduction;
            m_fetch(line.series, beforeFrom, band.toMs, FineColumns)
                .then(QtFuture::Launch::Async,
                      [band, beforeFrom, reduction](const SeriesRange &range) {
                          QList<Sample> points = statisticsPoints(range);
                          if (reduction == ChartSpec::Reduction::ErrorRate)
                              points = errorRate(points);
                          return std::pair{WindowStats::of(points, beforeFrom, band.fromMs),
                                           WindowStats::of(points, band.fromMs, band.toMs + 1)};
                      })
                .onFailed([] {
                    return std::pair{WindowStats(), WindowStats()};
                })
                .onCanceled([] {
                    return std::pair{WindowStats(), WindowStats()};
                })
                .then(this,
                      [this, generation, results, waiting, index](const std::pair<WindowStats, WindowStats> &stats) {
                          if (generation != m_bandGeneration)
                              return;
                          (*results)[index].before = stats.first;
                          (*results)[index].during = stats.second;
                          if (--*waiting == 0) {
                              m_comparisons = *results;
                              updateReadoutLabel();
                              Q_EMIT bandReadoutReady();
                          }
                      });
            ++index;
        }
}

QString ChartPanel::bandReadout() const
{
    if (m_selectedBand < 0 || m_selectedBand >= m_bands.size())
        return {};
    const ChartBand &band = m_bands.at(m_selectedBand);
    const QString when = tr("%1 – %2 (%3)")
                             .arg(QLocale().toString(QDateTime::fromMSecsSinceEpoch(band.fromMs), QLocale::ShortFormat),
                                  QLocale().toString(QDateTime::fromMSecsSinceEpoch(band.toMs), QLocale::ShortFormat),
                                  formatDuration(std::chrono::milliseconds(band.toMs - band.fromMs)));
    QStringList rows;
    rows << tr("%1, %2: before (the same length) → during").arg(band.label, when);
    for (const BandComparison &c : m_comparisons) {
        const auto v = [&c](double value) { return TimeChart::formatValue(value, c.unit); };
        if (c.reduction == ChartSpec::Reduction::ErrorRate)
            rows << tr("%1, %2: %3 → %4").arg(c.chart, c.line, v(c.before.mean), v(c.during.mean));
        else
            rows << tr("%1, %2: mean %3 → %4, p95 %5 → %6, max %7 → %8")
                        .arg(c.chart, c.line, v(c.before.mean), v(c.during.mean), v(c.before.p95), v(c.during.p95),
                             v(c.before.max), v(c.during.max));
    }
    return rows.join(u'\n');
}

void ChartPanel::updateReadoutLabel()
{
    const QString text = bandReadout();
    m_readout->setText(text);
    m_readout->setVisible(!text.isEmpty());
}

bool ChartPanel::exportPng(const QString &path)
{
    const bool ok = m_chartsHost->grab().save(path, "PNG");
    Q_EMIT exported(path, ok);
    return ok;
}

bool ChartPanel::exportSvg(const QString &path)
{
    QSvgGenerator generator;
    generator.setFileName(path);
    generator.setSize(m_chartsHost->size());
    generator.setViewBox(QRect(QPoint(0, 0), m_chartsHost->size()));
    generator.setTitle(m_specs.isEmpty() ? tr("Charts") : m_specs.constFirst().title);
    QPainter painter;
    if (!painter.begin(&generator)) {
        Q_EMIT exported(path, false);
        return false;
    }
    m_chartsHost->render(&painter, QPoint(), QRegion(), QWidget::DrawChildren);
    const bool ok = painter.end();
    const bool written = ok && QFile(path).size() > 0;
    Q_EMIT exported(path, written);
    return written;
}

bool ChartPanel::exportCsv(const QString &path, CsvResolution resolution)
{
    QStringList headers;
    QList<QList<Sample>> shown;
    QList<std::pair<QString, ChartSpec::Reduction>> series;
    for (qsizetype c = 0; c < m_specs.size(); ++c) {
        const ChartSpec &spec = m_specs.at(c);
        const QList<ChartLineSpec> lines = linesOf(spec);
        for (qsizetype l = 0; l < lines.size(); ++l) {
            headers << (spec.unit.isEmpty() ? tr("%1: %2").arg(spec.title, lines.at(l).label)
                                            : tr("%1: %2 (%3)").arg(spec.title, lines.at(l).label, spec.unit));
            const QList<ChartLine> &drawn = m_charts.at(c)->lines();
            shown.append(l < drawn.size() ? drawn.at(l).samples : QList<Sample>());
            series.append({lines.at(l).series, spec.reduction});
        }
    }
    const qint64 from = m_fromMs;
    const qint64 to = m_toMs;
    if (resolution == CsvResolution::Shown || !m_fetch) {
        // The points are in memory already; the file is still written off the GUI thread.
        QtFuture::makeReadyValueFuture(shown)
            .then(QtFuture::Launch::Async,
                  [path, headers, from, to](const QList<QList<Sample>> &columns) {
                      return writeCsv(path, headers, columns, from, to);
                  })
            .onFailed([] { return false; })
            .then(this, [this, path](bool ok) { Q_EMIT exported(path, ok); });
        return true;
    }
    // Every stored point: the source is asked for its finest level, the file written off the GUI
    // thread; exported() tells when.
    QList<QFuture<SeriesRange>> futures;
    for (const auto &[name, reduction] : std::as_const(series))
        futures.append(m_fetch(name, from, to, FineColumns));
    QtFuture::whenAll(futures.begin(), futures.end())
        .then(QtFuture::Launch::Async,
              [path, headers, series, from, to](const QList<QFuture<SeriesRange>> &done) {
                  QList<QList<Sample>> columns;
                  for (qsizetype i = 0; i < done.size(); ++i) {
                      QList<Sample> points = done.at(i).isValid() && done.at(i).resultCount() > 0
                                                 ? statisticsPoints(done.at(i).result())
                                                 : QList<Sample>();
                      if (series.at(i).second == ChartSpec::Reduction::ErrorRate)
                          points = errorRate(points);
                      columns.append(points);
                  }
                  return writeCsv(path, headers, columns, from, to);
              })
        .onFailed([] { return false; })
        .onCanceled([] { return false; })
        .then(this, [this, path](bool ok) { Q_EMIT exported(path, ok); });
    return true;
}

void ChartPanel::exportWithDialog(const QString &kind)
{
    const bool csv = kind.startsWith(u"csv"_s);
    const QString filter = kind == u"png"_s   ? tr("PNG images (*.png)")
                           : kind == u"svg"_s ? tr("SVG images (*.svg)")
                                              : tr("CSV files (*.csv)");
    const QString suffix = csv ? u"csv"_s : kind;
    const QString path =
        QFileDialog::getSaveFileName(this, tr("Export the charts"), tr("charts") + u'.' + suffix, filter);
    if (path.isEmpty())
        return;
    if (kind == u"png"_s)
        exportPng(path);
    else if (kind == u"svg"_s)
        exportSvg(path);
    else
        exportCsv(path, kind == u"csv-full"_s ? CsvResolution::Full : CsvResolution::Shown);
}

void ChartPanel::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    scheduleQuery();
}

bool ChartPanel::eventFilter(QObject *watched, QEvent *event)
{
    // A chart laid out after its query (new charts get their size later than the panel) asked for
    // the wrong number of columns: again.
    if (event->type() == QEvent::Resize && !m_charts.isEmpty() && watched == m_charts.constFirst()) {
        const auto *resize = static_cast<QResizeEvent *>(event);
        if (resize->size().width() != resize->oldSize().width() && m_pixelColumnsKnown)
            scheduleQuery();
    }
    return QWidget::eventFilter(watched, event);
}

void ChartPanel::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::FontChange)
        alignCharts();
}

} // namespace Vigie

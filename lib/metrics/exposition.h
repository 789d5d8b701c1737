#pragma once

#include "core/message.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QSpan>
#include <QString>

#include <functional>
#include <memory>
#include <optional>

namespace Vigie {

// The two text formats a /metrics endpoint speaks: Prometheus's text format 0.0.4
// (https://prometheus.io/docs/instrumenting/exposition_formats/) and OpenMetrics 1.0
// (https://github.com/OpenObservability/OpenMetrics/blob/main/specification/OpenMetrics.md).
enum class ExpositionFormat { Prometheus004, OpenMetrics1 };

// What a family declares with TYPE. 0.0.4's "untyped" is OpenMetrics's "unknown".
enum class MetricType { Unknown, Counter, Gauge, Histogram, GaugeHistogram, Summary, Info, StateSet };

// "counter", "gauge"... as OpenMetrics spells it ("unknown" for untyped).
QByteArrayView metricTypeName(MetricType type);

// The Accept header Prometheus itself sends: OpenMetrics first, then 0.0.4, then anything.
QByteArray expositionAcceptHeader();

// The format of a response, from its Content-Type: application/openmetrics-text is OpenMetrics 1.0;
// anything else (text/plain; version=0.0.4, none at all) is read as 0.0.4, as Prometheus does.
ExpositionFormat expositionFormatFromContentType(QByteArrayView contentType);

struct ExpositionLabel
{
    QByteArrayView name;
    QByteArrayView value; // unescaped
};

struct MetricFamilyInfo
{
    QByteArrayView name;
    MetricType type = MetricType::Unknown;
    QByteArrayView help; // unescaped; empty when the family has no HELP
    QByteArrayView unit; // OpenMetrics only
};

struct ExpositionExemplar
{
    QSpan<const ExpositionLabel> labels;
    double value = 0;
    std::optional<qint64> timestampMs;
};

// One sample, as the parser hands it over. Every view points into the text or into the parser's
// buffers: valid during the visitor's call only; copy what you keep.
struct ExpositionSample
{
    const MetricFamilyInfo *family = nullptr;
    QByteArrayView name; // the sample's own name: the family's, or it with a suffix (_total, _bucket...)
    QSpan<const ExpositionLabel> labels;
    double value = 0;
    std::optional<qint64> timestampMs; // 0.0.4: milliseconds as written; OpenMetrics: seconds × 1000, rounded
    const ExpositionExemplar *exemplar = nullptr; // OpenMetrics only

    // The value of the label `name`, or an empty view when the sample has none.
    QByteArrayView label(QByteArrayView labelName) const;
};

// Where the text stopped being valid: 1-based line and column (in characters), and why.
struct ExpositionError
{
    int line = 0;
    int column = 0;
    Message message;
    // "line:column: message", translated.
    QString toString() const;
};

// Reads an exposition and hands each sample to a visitor, streaming: no allocation per sample once
// its buffers have grown to the largest line. It follows the specification of the format it is
// given, for valid and invalid text alike; the first error stops it.
// Keep one parser per scrape target and reuse it: it keeps its buffers from one text to the next.
class ExpositionParser
{
public:
    using Visitor = std::function<void(const ExpositionSample &)>;

    ExpositionParser();
    ~ExpositionParser();
    Q_DISABLE_COPY_MOVE(ExpositionParser)

    // Parses the whole text. Samples before an error have been handed over already.
    std::optional<ExpositionError> parse(QByteArrayView text, ExpositionFormat format, const Visitor &visit);

    struct Private;

private:
    std::unique_ptr<Private> d;
};

} // namespace Vigie

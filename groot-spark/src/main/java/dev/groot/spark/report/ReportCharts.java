package dev.groot.spark.report;

import dev.groot.spark.store.IterationRecord;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.knowm.xchart.style.lines.SeriesLines;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;

/** The report's XChart charts, each built from {@link ReportData} alone. */
final class ReportCharts {

    static final int WIDTH = 860;
    static final int HEIGHT = 420;

    private ReportCharts() {
    }

    /** Dev value of every top-1 metric per iteration (one line per metric). */
    static XYChart devRewards(ReportData data) {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT)
                .title("Dev metrics per iteration").xAxisTitle("iteration").yAxisTitle("dev value").build();
        style(chart);
        chart.getStyler().setXAxisDecimalPattern("0");
        for (String metric : data.topOneMetrics()) {
            List<Integer> xs = new ArrayList<>();
            List<Double> ys = new ArrayList<>();
            for (int it : data.iterationNumbers()) {
                OptionalDouble v = data.value(it, metric, 1);
                if (v.isPresent()) {
                    xs.add(it);
                    ys.add(v.getAsDouble());
                }
            }
            if (!xs.isEmpty()) {
                chart.addSeries(metric, xs, ys).setMarker(SeriesMarkers.CIRCLE);
            }
        }
        return chart;
    }

    /**
     * Reward of the candidate at rank k and oracle@k (best of the top k) against k, for iteration
     * 0 and {@code other}: how GROOT reshapes the whole top-K list, not only the top candidate.
     */
    static XYChart topK(ReportData data, String reward, int other) {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT)
                .title("Top-K on dev: " + reward).xAxisTitle("rank k").yAxisTitle("mean dev reward").build();
        style(chart);
        chart.getStyler().setXAxisDecimalPattern("0");
        List<Integer> iterations = other == 0 ? List.of(0) : List.of(0, other);
        for (int it : iterations) {
            addCurve(chart, data, it, "mean_reward_at_k/" + reward, "reward at rank k, iteration " + it,
                    it == 0 ? SeriesLines.DASH_DASH : SeriesLines.SOLID);
            addCurve(chart, data, it, "oracle_at_k/" + reward, "oracle@k, iteration " + it,
                    it == 0 ? SeriesLines.DASH_DASH : SeriesLines.SOLID);
        }
        return chart;
    }

    private static void addCurve(XYChart chart, ReportData data, int iteration, String metric, String name,
                                 java.awt.BasicStroke line) {
        List<Integer> ks = new ArrayList<>();
        List<Double> ys = new ArrayList<>();
        for (int k = 1; k <= data.maxK(iteration, metric); k++) {
            OptionalDouble v = data.value(iteration, metric, k);
            if (v.isPresent()) {
                ks.add(k);
                ys.add(v.getAsDouble());
            }
        }
        if (!ks.isEmpty()) {
            var s = chart.addSeries(name, ks, ys);
            s.setMarker(SeriesMarkers.CIRCLE);
            s.setLineStyle(line);
        }
    }

    /** Stored candidates per iteration, stacked by origin (BEAM, CORRECTED, GOLD, HELD_OUT with cross-fitting). */
    static CategoryChart originMix(ReportData data) {
        CategoryChart chart = new CategoryChartBuilder().width(WIDTH).height(HEIGHT)
                .title("Candidate origin mix per iteration").xAxisTitle("iteration").yAxisTitle("candidates").build();
        style(chart);
        chart.getStyler().setStacked(true);
        List<Integer> its = data.origins().stream().map(ReportData.OriginStats::iteration).distinct().sorted()
                .toList();
        List<String> origins = data.origins().stream().map(ReportData.OriginStats::origin).distinct().sorted()
                .toList();
        for (String origin : origins) {
            List<Long> counts = new ArrayList<>();
            for (int it : its) {
                counts.add(data.origins().stream().filter(o -> o.iteration() == it && o.origin().equals(origin))
                        .mapToLong(ReportData.OriginStats::rows).sum());
            }
            chart.addSeries(origin, its.stream().map(String::valueOf).toList(), counts);
        }
        return chart;
    }

    /**
     * Reliability diagram: mean reward against mean normalised probability per bucket, one line
     * per iteration shown, and the diagonal of perfect calibration.
     */
    static XYChart calibration(ReportData data, List<Integer> iterations) {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT)
                .title("Calibration of the beam candidates").xAxisTitle("mean normalised probability p(c)")
                .yAxisTitle("mean reward").build();
        style(chart);
        chart.getStyler().setXAxisMin(0.0).setXAxisMax(1.0).setYAxisMin(0.0).setYAxisMax(1.0);
        chart.addSeries("perfect calibration", List.of(0.0, 1.0), List.of(0.0, 1.0))
                .setMarker(SeriesMarkers.NONE).setLineStyle(SeriesLines.DOT_DOT);
        for (int it : iterations) {
            List<Double> xs = new ArrayList<>();
            List<Double> ys = new ArrayList<>();
            for (ReportData.CalibrationBucket b : data.calibration()) {
                if (b.iteration() == it) {
                    xs.add(b.meanProbability());
                    ys.add(b.meanReward());
                }
            }
            if (!xs.isEmpty()) {
                chart.addSeries(String.format(java.util.Locale.ROOT, "candidates of iteration %d (ECE %.3f)", it,
                        data.expectedCalibrationError(it)), xs, ys).setMarker(SeriesMarkers.CIRCLE);
            }
        }
        return chart;
    }

    /** Wall-clock seconds per stage, stacked per iteration. */
    static CategoryChart stageTimes(ReportData data) {
        CategoryChart chart = new CategoryChartBuilder().width(WIDTH).height(HEIGHT)
                .title("Time per stage per iteration").xAxisTitle("iteration").yAxisTitle("seconds").build();
        style(chart);
        chart.getStyler().setStacked(true);
        List<String> its = data.iterationNumbers().stream().map(String::valueOf).toList();
        for (String stage : data.stages()) {
            List<Double> secs = new ArrayList<>();
            for (IterationRecord r : data.iterations()) {
                secs.add(r.seconds().getOrDefault(stage, 0.0));
            }
            chart.addSeries(stage, its, secs);
        }
        return chart;
    }

    private static void style(org.knowm.xchart.internal.chartpart.Chart<?, ?> chart) {
        Styler s = chart.getStyler();
        s.setLegendPosition(Styler.LegendPosition.OutsideE);
        s.setChartBackgroundColor(java.awt.Color.WHITE);
        s.setAntiAlias(true);
    }
}

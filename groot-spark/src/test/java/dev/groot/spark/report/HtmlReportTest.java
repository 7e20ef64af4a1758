package dev.groot.spark.report;

import dev.groot.spark.store.IterationRecord;
import dev.groot.spark.store.MetricRow;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The page layout on hand-made run data (no Spark): edge cases a real test run does not reach. */
class HtmlReportTest {

    private static IterationRecord iteration(int n, double devReward) {
        Map<String, Double> seconds = new LinkedHashMap<>();
        seconds.put(n == 0 ? "load" : "generate", 1.5 + n);
        seconds.put("evaluate", 0.25);
        return new IterationRecord(n, "iteration=" + n + "/model.groot", "sha", n == 0 ? 0 : 10, devReward,
                Map.of("top1/r", devReward), seconds, "2025-01-01T00:00:00Z", Map.of());
    }

    private static List<MetricRow> metrics(int iterations) {
        List<MetricRow> rows = new ArrayList<>();
        for (int it = 0; it < iterations; it++) {
            rows.add(new MetricRow("run", it, "dev", "top1/r", 1, 0.5 - 0.1 * it));
            rows.add(new MetricRow("run", it, "dev", "span_f1", 1, 0.4));
            rows.add(new MetricRow("run", it, "dev", "top1/<b>&x", 1, 0.3));
            for (int k = 1; k <= 3; k++) {
                rows.add(new MetricRow("run", it, "dev", "mean_reward_at_k/r", k, 0.5 - 0.1 * k));
                rows.add(new MetricRow("run", it, "dev", "oracle_at_k/r", k, 0.5 + 0.1 * k));
                rows.add(new MetricRow("run", it, "dev", "mean_reward_at_k_gold_spans/r", k, 0.6));
            }
        }
        return rows;
    }

    @Test
    void nllOnlyRunHasNoOriginChartAndComparesIterationZeroWithItself() {
        ReportData data = new ReportData("/runs/a", "run-a", "now", 0, "r", Map.of("reward", "r"),
                List.of(iteration(0, 0.5)), metrics(1), List.of());
        HtmlReport.Page page = HtmlReport.render(data);
        assertEquals(1 + 1 + 1, page.charts()); // dev, top-K for r, stages
        assertTrue(page.html().contains("No candidates are stored"));
        assertTrue(page.html().contains(HtmlReport.TOP_K + "0"));
    }

    @Test
    void whenIterationZeroIsBestTheLastIterationIsComparedAndNamesAreEscaped() {
        List<ReportData.OriginStats> origins = List.of(new ReportData.OriginStats(1, "BEAM", 6, 0.4, 0.1),
                new ReportData.OriginStats(1, "GOLD", 2, 1.0, 0.7), new ReportData.OriginStats(2, "BEAM", 6, 0.45, 0.1));
        ReportData data = new ReportData("/runs/b", "run-b", "now", 0, "r", Map.of("reward", "r"),
                List.of(iteration(0, 0.5), iteration(1, 0.4), iteration(2, 0.3)), metrics(3), origins);
        assertEquals(List.of("span_f1", "top1/<b>&x", "top1/r"), data.topOneMetrics());
        assertEquals(2, data.comparedIteration());
        assertEquals(List.of("load", "evaluate", "generate"), data.stages());

        HtmlReport.Page page = HtmlReport.render(data);
        String html = page.html();
        assertEquals(4, page.charts());
        assertTrue(html.contains(HtmlReport.TOP_K + "2"));
        assertTrue(html.contains("(the last; the best is iteration 0)"));
        assertTrue(html.contains("top1/&lt;b&gt;&amp;x"));
        assertFalse(html.contains("<b>&x"));
        // Shares of the origin mix: 6 of 8 BEAM in iteration 1.
        assertTrue(html.contains("<tr><td>1</td><td>BEAM</td><td>6</td><td>0.7500</td>"), html);
        // Stage table: iteration 1 has no "load" stage, total = generate 2.5 + evaluate 0.25.
        assertTrue(html.contains("<tr><td>1</td><td>-</td><td>0.25</td><td>2.50</td><td>2.75</td></tr>"), html);
    }
}

package dev.groot.spark.report;

import dev.groot.spark.store.IterationRecord;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.TreeMap;

/**
 * Lays out the report page: a run header, then one section per view (dev metrics, top-K, origin
 * mix, stage times, options), each a chart followed by the table of the numbers it draws.
 */
final class HtmlReport {

    /** Section titles, in page order (tests look for them). */
    static final String DEV = "Dev metrics per iteration";
    static final String TOP_K = "Top-K: iteration 0 vs iteration ";
    static final String ORIGINS = "Candidate origin mix";
    static final String CALIBRATION = "Calibration of the top-K distribution";
    static final String STAGES = "Time per stage";
    static final String OPTIONS = "Run options";

    private static final String CSS = """
            body{font-family:sans-serif;margin:2em auto;max-width:1100px;color:#222}
            h1{border-bottom:2px solid #444}h2{margin-top:2em;border-bottom:1px solid #aaa}
            table{border-collapse:collapse;margin:1em 0;font-size:90%}
            th,td{border:1px solid #bbb;padding:3px 8px;text-align:right}
            th:first-child,td:first-child{text-align:left}thead{background:#eee}
            figure{margin:1em 0}img{max-width:100%}figcaption{font-size:85%;color:#555}
            .meta td{text-align:left}
            """;

    private HtmlReport() {
    }

    /** The page and the number of charts embedded in it. */
    record Page(String html, int charts) {
    }

    static Page render(ReportData data) {
        PngCharts.headless();
        Html h = new Html();
        int[] charts = {0};
        h.raw("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>")
                .raw(Html.escape("groot report: " + data.runId())).raw("</title>\n<style>\n").raw(CSS)
                .raw("</style>\n</head>\n<body>\n");
        h.heading(1, "top", "GROOT run report: " + data.runId());
        h.raw("<table class=\"meta\"><tbody>\n");
        meta(h, "Run directory", data.run());
        meta(h, "Created", data.createdAt());
        meta(h, "Committed iterations", data.iterationNumbers().toString());
        meta(h, "Best iteration", String.valueOf(data.bestIteration()));
        meta(h, "Optimised reward", data.selectionReward());
        IterationRecord best = best(data);
        meta(h, "Best dev reward", best == null ? "-" : Html.number(best.devReward()));
        meta(h, "Report made", Instant.now().toString());
        h.raw("</tbody></table>\n");

        devSection(h, data, charts);
        topKSection(h, data, charts);
        originSection(h, data, charts);
        calibrationSection(h, data, charts);
        stageSection(h, data, charts);

        h.heading(2, "options", OPTIONS);
        List<List<String>> rows = new ArrayList<>();
        new TreeMap<>(data.options()).forEach((k, v) -> rows.add(List.of(k, v)));
        h.table(List.of("option", "value"), rows);
        h.raw("</body>\n</html>\n");
        return new Page(h.toString(), charts[0]);
    }

    private static void devSection(Html h, ReportData data, int[] charts) {
        h.heading(2, "dev", DEV);
        h.paragraph("Corpus-level dev value of every top-1 metric after each iteration (iteration 0 is the NLL "
                + "warm start). The best iteration is chosen by top1/" + data.selectionReward() + ".");
        h.image(DEV, PngCharts.png(ReportCharts.devRewards(data)));
        charts[0]++;
        List<String> header = new ArrayList<>(List.of("metric"));
        data.iterationNumbers().forEach(it -> header.add("iteration " + it + (it == data.bestIteration() ? " (best)" : "")));
        List<List<String>> rows = new ArrayList<>();
        for (String metric : data.topOneMetrics()) {
            List<String> row = new ArrayList<>(List.of(metric));
            data.iterationNumbers().forEach(it -> row.add(cell(data.value(it, metric, 1))));
            rows.add(row);
        }
        h.table(header, rows);
    }

    private static void topKSection(Html h, ReportData data, int[] charts) {
        int other = data.comparedIteration();
        h.heading(2, "topk", TOP_K + other);
        h.paragraph("Mean dev reward of the candidate at rank k, and oracle@k (the best reward among the top k), "
                + "for the NLL model (iteration 0, dashed) and iteration " + other
                + (other == data.bestIteration() ? " (the best)" : " (the last; the best is iteration 0)")
                + ". Suffix _gold_spans rows in the tables restrict to sentences with at least one gold span.");
        for (String reward : data.topKRewards()) {
            h.heading(3, "topk-" + reward, reward);
            h.image("Top-K on dev: " + reward, PngCharts.png(ReportCharts.topK(data, reward, other)));
            charts[0]++;
            List<Integer> its = other == 0 ? List.of(0) : List.of(0, other);
            List<String> header = new ArrayList<>(List.of("k"));
            for (int it : its) {
                header.add("reward at k, it " + it);
                header.add("oracle@k, it " + it);
                header.add("mean top-k, it " + it);
                header.add("reward at k (gold spans), it " + it);
            }
            int maxK = its.stream().mapToInt(it -> data.maxK(it, "mean_reward_at_k/" + reward)).max().orElse(0);
            List<List<String>> rows = new ArrayList<>();
            for (int k = 1; k <= maxK; k++) {
                List<String> row = new ArrayList<>(List.of(String.valueOf(k)));
                for (int it : its) {
                    row.add(cell(data.value(it, "mean_reward_at_k/" + reward, k)));
                    row.add(cell(data.value(it, "oracle_at_k/" + reward, k)));
                    row.add(cell(data.value(it, "mean_reward_top_k/" + reward, k)));
                    row.add(cell(data.value(it, "mean_reward_at_k_gold_spans/" + reward, k)));
                }
                rows.add(row);
            }
            h.table(header, rows);
        }
    }

    private static void originSection(Html h, ReportData data, int[] charts) {
        h.heading(2, "origins", ORIGINS);
        if (data.origins().isEmpty()) {
            h.paragraph("No candidates are stored: the run has no committed GROOT iteration after the NLL warm start.");
            return;
        }
        h.paragraph("Training candidates stored per iteration by origin: BEAM (top-K of the beam), CORRECTED "
                + "(corrections of wrong beam candidates) and GOLD, with their mean reward and objective weight.");
        h.image(ORIGINS, PngCharts.png(ReportCharts.originMix(data)));
        charts[0]++;
        Map<Integer, Long> totals = new TreeMap<>();
        data.origins().forEach(o -> totals.merge(o.iteration(), o.rows(), Long::sum));
        List<List<String>> rows = new ArrayList<>();
        for (ReportData.OriginStats o : data.origins()) {
            rows.add(List.of(String.valueOf(o.iteration()), o.origin(), String.valueOf(o.rows()),
                    Html.number(o.rows() / (double) totals.get(o.iteration())), Html.number(o.meanReward()),
                    Html.number(o.meanWeight())));
        }
        h.table(List.of("iteration", "origin", "candidates", "share", "mean reward", "mean weight"), rows);
    }

    private static void calibrationSection(Html h, ReportData data, int[] charts) {
        h.heading(2, "calibration", CALIBRATION);
        List<Integer> its = data.calibrationIterations();
        if (its.isEmpty()) {
            h.paragraph("No beam candidates are stored: the run has no committed GROOT iteration after the NLL warm start.");
            return;
        }
        h.paragraph("Does p(candidate) predict its reward? Each beam candidate's probability is renormalised over its "
                + "sentence's top-K and bucketed (10 buckets); each point is a bucket's mean probability against its "
                + "mean reward. Candidates of iteration t are scored by the model of iteration t - 1, so the first line "
                + "is the NLL model. ECE = sum over buckets of (candidates / all) |mean p - mean reward|.");
        List<Integer> shown = its.size() <= 2 ? its : List.of(its.get(0), its.get(its.size() - 1));
        h.image(CALIBRATION, PngCharts.png(ReportCharts.calibration(data, shown)));
        charts[0]++;
        List<List<String>> eceRows = new ArrayList<>();
        for (int it : its) {
            long n = data.calibration().stream().filter(b -> b.iteration() == it)
                    .mapToLong(ReportData.CalibrationBucket::candidates).sum();
            eceRows.add(List.of(String.valueOf(it), String.valueOf(it - 1), String.valueOf(n),
                    Html.number(data.expectedCalibrationError(it))));
        }
        h.table(List.of("candidates of iteration", "scored by model of iteration", "beam candidates", "ECE"), eceRows);
        List<List<String>> rows = new ArrayList<>();
        for (ReportData.CalibrationBucket b : data.calibration()) {
            rows.add(List.of(String.valueOf(b.iteration()),
                    String.format(java.util.Locale.ROOT, "[%.1f, %.1f%s", b.bucket() / 10.0, (b.bucket() + 1) / 10.0,
                            b.bucket() == 9 ? "]" : ")"),
                    String.valueOf(b.candidates()), Html.number(b.meanProbability()), Html.number(b.meanReward())));
        }
        h.table(List.of("iteration", "probability bucket", "candidates", "mean probability", "mean reward"), rows);
    }

    private static void stageSection(Html h, ReportData data, int[] charts) {
        h.heading(2, "stages", STAGES);
        h.paragraph("Wall-clock seconds of each stage of each iteration, as the run manifest recorded them.");
        h.image(STAGES, PngCharts.png(ReportCharts.stageTimes(data)));
        charts[0]++;
        List<String> header = new ArrayList<>(List.of("iteration"));
        header.addAll(data.stages());
        header.add("total");
        List<List<String>> rows = new ArrayList<>();
        for (IterationRecord r : data.iterations()) {
            List<String> row = new ArrayList<>(List.of(String.valueOf(r.iteration())));
            double total = 0;
            for (String s : data.stages()) {
                Double v = r.seconds().get(s);
                row.add(v == null ? "-" : String.format(java.util.Locale.ROOT, "%.2f", v));
                total += v == null ? 0 : v;
            }
            row.add(String.format(java.util.Locale.ROOT, "%.2f", total));
            rows.add(row);
        }
        h.table(header, rows);
    }

    private static IterationRecord best(ReportData data) {
        return data.iterations().stream().filter(r -> r.iteration() == data.bestIteration()).findFirst()
                .orElse(null);
    }

    private static void meta(Html h, String key, String value) {
        h.raw("<tr><th>").raw(Html.escape(key)).raw("</th><td>").raw(Html.escape(value == null ? "-" : value))
                .raw("</td></tr>\n");
    }

    private static String cell(OptionalDouble v) {
        return v.isPresent() ? Html.number(v.getAsDouble()) : "-";
    }
}

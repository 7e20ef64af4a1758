package dev.groot.spark.store;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.groot.model.eval.EvaluationResult;
import dev.groot.model.eval.TopKRow;
import dev.groot.spark.io.AtomicOutput;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Writes an iteration's dev metrics as Parquet (iteration_metrics schema) and as JSON. */
public final class MetricsStore {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private MetricsStore() {
    }

    public static List<MetricRow> rows(String runId, int iteration, String split, EvaluationResult eval) {
        List<MetricRow> rows = new ArrayList<>();
        eval.metrics().forEach((name, v) -> rows.add(new MetricRow(runId, iteration, split, name, 1, v)));
        addTopK(rows, runId, iteration, split, eval.topK(), "");
        addTopK(rows, runId, iteration, split, eval.topKWithGoldSpans(), "_gold_spans");
        return rows;
    }

    private static void addTopK(List<MetricRow> rows, String runId, int iteration, String split,
                                Map<String, List<TopKRow>> topK, String suffix) {
        topK.forEach((reward, list) -> {
            for (TopKRow r : list) {
                rows.add(new MetricRow(runId, iteration, split, "mean_reward_at_k" + suffix + "/" + reward, r.k(),
                        r.meanRewardAtK()));
                rows.add(new MetricRow(runId, iteration, split, "oracle_at_k" + suffix + "/" + reward, r.k(),
                        r.oracleAtK()));
                rows.add(new MetricRow(runId, iteration, split, "mean_reward_top_k" + suffix + "/" + reward, r.k(),
                        r.meanRewardTopK()));
            }
        });
    }

    public static void write(SparkSession spark, RunLayout layout, String runId, int iteration, EvaluationResult eval,
                      Configuration conf) {
        List<Row> rows = new ArrayList<>();
        for (MetricRow r : rows(runId, iteration, "dev", eval)) {
            rows.add(r.toRow());
        }
        Path dest = layout.metrics(iteration);
        try {
            AtomicOutput.commit(dest.getFileSystem(conf), dest, true, tmp -> spark.createDataFrame(rows, MetricRow.SCHEMA)
                    .coalesce(1).write().mode(SaveMode.ErrorIfExists).parquet(tmp.toString()));
            SmallFiles.writeAtomically(layout.metricsJson(iteration), JSON.writeValueAsBytes(json(iteration, eval)), conf);
        } catch (IOException e) {
            throw new UncheckedIOException("writing metrics of iteration " + iteration + ": " + e.getMessage(), e);
        }
    }

    public static Map<String, Object> json(int iteration, EvaluationResult eval) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("iteration", iteration);
        m.put("split", "dev");
        m.put("selection_reward", eval.selectionReward());
        m.put("selection_value", eval.selection());
        m.put("metrics", eval.metrics());
        Map<String, Object> topK = new LinkedHashMap<>();
        eval.topK().forEach((reward, list) -> topK.put(reward, list.stream().map(TopKRow::toMap).toList()));
        m.put("topk", topK);
        Map<String, Object> spans = new LinkedHashMap<>();
        eval.topKWithGoldSpans().forEach((reward, list) -> spans.put(reward, list.stream().map(TopKRow::toMap).toList()));
        m.put("topk_gold_spans", spans);
        return m;
    }
}

package dev.groot.spark.store;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import dev.groot.spark.io.GrootSchemas;
import org.apache.spark.sql.types.StructType;

import java.io.Serializable;

/**
 * One value of the data-schemas {@code iteration_metrics} record.
 *
 * @param metric e.g. {@code top1/span-fbeta:beta=1.0}, {@code span_f1}, {@code oracle_at_k/token-accuracy}
 * @param k      rank the value refers to (1 for top-1 metrics)
 */
public record MetricRow(String runId, int iteration, String split, String metric, int k, double value)
        implements Serializable {

    /** The data-schemas {@code iteration_metrics} layout. */
    public static final StructType SCHEMA = GrootSchemas.ITERATION_METRICS;

    public Row toRow() {
        return RowFactory.create(runId, iteration, split, metric, k, value);
    }
}

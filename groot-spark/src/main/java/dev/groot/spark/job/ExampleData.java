package dev.groot.spark.job;

import dev.groot.model.data.Example;
import dev.groot.spark.io.ExampleParquet;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

import java.util.List;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.hash;
import static org.apache.spark.sql.functions.lit;

/** Reads the canonical example Parquet that {@code groot ingest} writes. */
public final class ExampleData {

    private ExampleData() {
    }

    /** @param path the output directory of {@code groot ingest} (holding {@code examples/}) */
    public static Dataset<Row> read(SparkSession spark, String path) {
        try {
            return ExampleParquet.read(spark, path);
        } catch (Exception e) { // Spark's AnalysisException (path not found) is a checked exception
            throw new IllegalArgumentException("cannot read examples at " + path
                    + " (expected the output of `groot ingest`): " + e.getMessage(), e);
        }
    }

    /**
     * The examples of one split as an RDD, optionally capped to {@code max} sentences chosen by a
     * seeded hash of the id (the same subset on every run and cluster).
     */
    public static JavaRDD<Example> split(Dataset<Row> examples, String split, int max, long seed) {
        Dataset<Row> rows = examples.where(col("split").equalTo(split));
        if (max > 0) {
            rows = rows.orderBy(hash(col("id"), lit(seed)), col("id")).limit(max);
        }
        return rows.javaRDD().map(ExampleData::toExample);
    }

    public static Example toExample(Row r) {
        List<String> tokens = r.getList(r.fieldIndex("tokens"));
        List<String> tags = r.getList(r.fieldIndex("tags"));
        return new Example(r.getAs("id"), r.getAs("source"), r.getAs("split"), tokens, tags);
    }

    /** The task's tag set: every distinct gold tag of every split, sorted. */
    public static List<String> tags(SparkSession spark, String path) {
        return read(spark, path).select(explode(col("tags"))).distinct().collectAsList().stream()
                .map(r -> r.getString(0)).sorted().toList();
    }
}

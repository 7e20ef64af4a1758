package dev.groot.spark.io;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;

import java.util.Arrays;

import static org.apache.spark.sql.functions.col;

/**
 * The canonical example Parquet: {@code <dataset>/examples/split=<split>/part-*.parquet}, as
 * written by {@code groot ingest}. Reading gives the columns in {@link GrootSchemas#EXAMPLE} order.
 */
public final class ExampleParquet {

    public static final String EXAMPLES_DIR = "examples";

    private ExampleParquet() {
    }

    /** All examples of an ingest output (the directory holding {@code examples/}). */
    public static Dataset<Row> read(SparkSession spark, String dataset) {
        Dataset<Row> df = spark.read().parquet(dataset + "/" + EXAMPLES_DIR);
        Column[] cols = Arrays.stream(GrootSchemas.EXAMPLE.fieldNames()).map(c -> col(c)).toArray(Column[]::new);
        return df.select(cols);
    }

    /** One split only; Spark prunes the other partitions. */
    public static Dataset<Row> read(SparkSession spark, String dataset, String split) {
        return read(spark, dataset).where(col("split").equalTo(split));
    }

    /** Writes examples partitioned by split into {@code dir} (which must not exist). */
    public static void write(Dataset<Row> examples, String dir) {
        Column[] cols = Arrays.stream(GrootSchemas.EXAMPLE.fieldNames()).map(c -> col(c)).toArray(Column[]::new);
        examples.select(cols).write().mode(SaveMode.ErrorIfExists).partitionBy("split").parquet(dir);
    }
}

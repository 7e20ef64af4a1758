package dev.groot.spark.job;

import dev.groot.model.data.Example;
import dev.groot.model.io.CorpusFiles;
import dev.groot.model.io.CorpusReader;
import dev.groot.model.io.CorpusSummary;
import dev.groot.model.io.FileReadResult;
import dev.groot.model.io.LocatedExample;
import dev.groot.model.io.OnError;
import dev.groot.model.io.Problem;
import dev.groot.model.io.ReadError;
import dev.groot.model.io.ReadException;
import dev.groot.model.io.ReaderConfig;
import dev.groot.spark.io.AtomicOutput;
import dev.groot.spark.io.ExampleParquet;
import dev.groot.spark.io.ExampleRows;
import dev.groot.spark.io.GrootSchemas;
import dev.groot.spark.io.SerializableHadoopConf;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.first;
import static org.apache.spark.sql.functions.row_number;

/**
 * {@code groot ingest}: reads a corpus (one Spark task per input file), checks ids are unique
 * across files, and commits atomically
 * <pre>
 * output/examples/split=S/part-*.parquet   canonical example rows (data-schemas/example.avsc)
 * output/rejected/part-*.json               with --on-error skip: rejected records and reasons
 * output/_summary.json                      sentences, tokens, spans, tags, splits, rejected
 * output/_SUCCESS
 * </pre>
 * Under {@code --on-error fail} the first bad record (in file and line order) stops the job with
 * its file, line and problem, and nothing is written.
 */
public final class IngestJob {

    public static final String SUMMARY = "_summary.json";
    public static final String REJECTED_DIR = "rejected";

    private static final Logger LOG = LoggerFactory.getLogger(IngestJob.class);

    /** One read outcome per row: an example (problem null) or a rejection. */
    private static final StructType ITEM = GrootSchemas.EXAMPLE
            .add("_file", DataTypes.StringType, false)
            .add("_line", DataTypes.LongType, false)
            .add("_problem", DataTypes.StringType, true)
            .add("_detail", DataTypes.StringType, true)
            .add("_record", DataTypes.StringType, true);

    private IngestJob() {
    }

    public static IngestResult run(SparkSession spark, IngestOptions o) throws IOException {
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        Path in = new Path(o.input());
        Path out = new Path(o.output());
        FileSystem inFs = in.getFileSystem(jsc.hadoopConfiguration());
        FileSystem outFs = out.getFileSystem(jsc.hadoopConfiguration());
        AtomicOutput.checkWritable(outFs, out, o.overwrite());

        ReaderConfig config = o.readerConfig();
        List<String> files = CorpusFiles.list(inFs, in, config.format()).stream().map(Path::toString).toList();
        LOG.info("ingest: {} {} file(s) under {}", files.size(), config.format().name().toLowerCase(), in);

        SerializableHadoopConf conf = new SerializableHadoopConf(jsc.hadoopConfiguration());
        JavaRDD<Row> rows = jsc.parallelize(files, Math.max(1, Math.min(files.size(), jsc.defaultParallelism() * 4)))
                .flatMap(f -> readFile(conf, config, f).iterator());
        Dataset<Row> items = spark.createDataFrame(rows, ITEM).persist(StorageLevel.MEMORY_AND_DISK());
        try {
            return ingest(spark, o, items, outFs, out);
        } finally {
            items.unpersist();
        }
    }

    private static IngestResult ingest(SparkSession spark, IngestOptions o, Dataset<Row> items, FileSystem outFs, Path out)
            throws IOException {
        Dataset<Row> readErrors = items.where(col("_problem").isNotNull());
        if (o.onError() == OnError.FAIL) {
            List<Row> firstBad = readErrors.orderBy("_file", "_line").limit(1).collectAsList();
            if (!firstBad.isEmpty()) {
                throw new ReadException(toError(firstBad.get(0)));
            }
        }
        WindowSpec byId = Window.partitionBy("id").orderBy("_file", "_line");
        Dataset<Row> ranked = items.where(col("_problem").isNull())
                .withColumn("_rank", row_number().over(byId))
                .withColumn("_first_file", first("_file").over(byId))
                .withColumn("_first_line", first("_line").over(byId))
                .persist(StorageLevel.MEMORY_AND_DISK());
        try {
            Dataset<Row> dups = ranked.where(col("_rank").gt(1));
            if (o.onError() == OnError.FAIL) {
                List<Row> firstDup = dups.orderBy("_file", "_line").limit(1).collectAsList();
                if (!firstDup.isEmpty()) {
                    throw new ReadException(duplicateError(firstDup.get(0)));
                }
            }
            Dataset<Row> good = ranked.where(col("_rank").equalTo(1));
            Dataset<Row> rejected = readErrors.select(col("_file").as("file"), col("_line").as("line"),
                            col("_problem").as("problem"), col("_detail").as("detail"), col("_record").as("record"))
                    .unionByName(spark.createDataFrame(dups.javaRDD().map(IngestJob::duplicateRow), GrootSchemas.REJECTION));
            CorpusSummary summary = summarize(good);
            for (Row r : rejected.groupBy("problem").count().collectAsList()) {
                summary.reject(Problem.valueOf(r.getString(0).toUpperCase()), r.getLong(1));
            }
            String json = summary.toJson(describe(o));
            AtomicOutput.commit(outFs, out, o.overwrite(), tmp -> {
                ExampleParquet.write(good.repartition(col("split")).sortWithinPartitions("_file", "_line"),
                        new Path(tmp, ExampleParquet.EXAMPLES_DIR).toString());
                if (o.onError() == OnError.SKIP) {
                    rejected.coalesce(1).orderBy("file", "line").write().json(new Path(tmp, REJECTED_DIR).toString());
                }
                try (OutputStream s = outFs.create(new Path(tmp, SUMMARY), false)) {
                    s.write(json.getBytes(StandardCharsets.UTF_8));
                }
            });
            LOG.info("ingest: {} sentences, {} tokens, {} rejected -> {}", summary.sentences(), summary.tokens(),
                    summary.rejected(), out);
            return new IngestResult(outFs.makeQualified(out).toString(), summary, json);
        } finally {
            ranked.unpersist();
        }
    }

    /** Runs on an executor: one file -> its example rows and rejection rows. */
    private static List<Row> readFile(SerializableHadoopConf conf, ReaderConfig config, String file) throws IOException {
        Path p = new Path(file);
        FileReadResult r = CorpusFiles.read(p.getFileSystem(conf.get()), p, config);
        List<Row> rows = new ArrayList<>(r.examples().size() + r.rejected().size());
        for (LocatedExample le : r.examples()) {
            Example e = le.example();
            rows.add(RowFactory.create(e.id(), e.source(), e.split(), ExampleRows.seq(e.tokens()), ExampleRows.seq(e.tags()), le.file(), le.line(),
                    null, null, null));
        }
        for (ReadError e : r.rejected()) {
            rows.add(RowFactory.create("", "", "", ExampleRows.seq(List.of()), ExampleRows.seq(List.of()), e.file(), e.line(), e.problem().key(),
                    e.detail(), e.record()));
        }
        return rows;
    }

    private static ReadError toError(Row r) {
        return new ReadError(r.getAs("_file"), r.<Long>getAs("_line"),
                Problem.valueOf(r.<String>getAs("_problem").toUpperCase()), r.getAs("_detail"), r.getAs("_record"));
    }

    private static ReadError duplicateError(Row r) {
        return CorpusReader.duplicate(r.getAs("_file"), r.<Long>getAs("_line"), r.getAs("id"), r.getAs("_first_file"),
                r.<Long>getAs("_first_line"), String.join(" ", r.<String>getList(r.fieldIndex("tokens"))));
    }

    private static Row duplicateRow(Row r) {
        ReadError e = duplicateError(r);
        return RowFactory.create(e.file(), e.line(), e.problem().key(), e.detail(), e.record());
    }

    private static CorpusSummary summarize(Dataset<Row> good) {
        return good.javaRDD().mapPartitions(it -> {
            CorpusSummary s = new CorpusSummary();
            it.forEachRemaining(r -> s.add(ExampleRows.fromRow(r)));
            return List.of(s).iterator();
        }).fold(new CorpusSummary(), CorpusSummary::merge);
    }

    private static Map<String, Object> describe(IngestOptions o) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("schema_version", GrootSchemas.VERSION);
        m.put("input", o.input());
        m.put("format", o.format().name().toLowerCase());
        if (o.format() == dev.groot.model.io.InputFormat.BROWN) {
            m.put("task", o.readerConfig().task().id());
        }
        m.put("split_rule", o.readerConfig().splitRule().spec());
        m.put("on_error", o.onError().name().toLowerCase());
        m.put("max_length", o.maxLength());
        return m;
    }
}

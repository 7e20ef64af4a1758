package dev.groot.spark.job;

import dev.groot.model.data.Example;
import dev.groot.model.tagger.ModelIO;
import dev.groot.model.tagger.ScoredSequence;
import dev.groot.model.tagger.TaggerModel;
import dev.groot.spark.executor.ExecutorModels;
import dev.groot.spark.executor.SentencePrediction;
import dev.groot.spark.executor.TopKDecoding;
import dev.groot.spark.io.AtomicOutput;
import dev.groot.spark.store.SmallFiles;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.UUID;

/**
 * {@code groot predict}: top-K tag sequences per sentence, decoded on the executors.
 * Parquet: one row per (sentence, rank) in the data-schemas {@code prediction} layout.
 * CoNLL: the token, then one tag column per rank; a blank line between sentences.
 */
public final class PredictJob {

    public static final StructType SCHEMA = new StructType()
            .add("example_id", DataTypes.StringType, false)
            .add("split", DataTypes.StringType, true)
            .add("rank", DataTypes.IntegerType, false)
            .add("tokens", DataTypes.createArrayType(DataTypes.StringType, false), false)
            .add("tags", DataTypes.createArrayType(DataTypes.StringType, false), false)
            .add("log_prob", DataTypes.DoubleType, false);

    private PredictJob() {
    }

    /** @return the number of sentences predicted */
    public static long run(SparkSession spark, String modelPath, String data, String split, int k, int beam,
                           boolean constrainBio, String output, String format, boolean overwrite) {
        if (!"parquet".equals(format) && !"conll".equals(format)) {
            throw new IllegalArgumentException("--format must be parquet or conll, got " + format);
        }
        Configuration conf = spark.sparkContext().hadoopConfiguration();
        Path out = new Path(output);
        if (SmallFiles.exists(out, conf) && !overwrite) {
            throw new IllegalArgumentException(output + " already exists; pass --overwrite to replace it");
        }
        TaggerModel model = ModelIO.load(modelPath, conf);
        JavaRDD<Example> examples = ExampleData.split(ExampleData.read(spark, data), split, 0, 0);
        if (examples.isEmpty()) {
            // A mistyped --split must not leave an empty prediction output behind.
            throw new IllegalArgumentException(data + " has no sentences in split '" + split + "'");
        }
        ExecutorModels.Handle handle = ExecutorModels.broadcast(JavaSparkContext.fromSparkContext(spark.sparkContext()),
                "predict-" + UUID.randomUUID(), model);
        int beamWidth = Math.max(beam, k);
        JavaRDD<SentencePrediction> predictions = examples.mapPartitions(
                it -> TopKDecoding.apply(it, handle.get(), k, beamWidth, constrainBio, 256, false));
        long[] sentences = new long[1];
        try {
            AtomicOutput.commit(out.getFileSystem(conf), out, true, tmp -> {
                if ("parquet".equals(format)) {
                    JavaRDD<SentencePrediction> cached = predictions.cache();
                    sentences[0] = cached.count();
                    spark.createDataFrame(cached.flatMap(PredictJob::rows), SCHEMA).write()
                            .mode(SaveMode.ErrorIfExists).parquet(tmp.toString());
                    cached.unpersist();
                } else {
                    sentences[0] = writeConll(predictions.sortBy(SentencePrediction::id, true,
                            predictions.getNumPartitions()).toLocalIterator(), tmp, conf);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("writing " + output + ": " + e.getMessage(), e);
        }
        return sentences[0];
    }

    private static Iterator<Row> rows(SentencePrediction p) {
        List<Row> rows = new ArrayList<>();
        for (int r = 0; r < p.topK().size(); r++) {
            ScoredSequence s = p.topK().get(r);
            rows.add(RowFactory.create(p.id(), p.split(), r, p.tokens().toArray(new String[0]),
                    s.tags().toArray(new String[0]), s.logProb()));
        }
        return rows.iterator();
    }

    private static long writeConll(Iterator<SentencePrediction> it, Path dest, Configuration conf) {
        long n = 0;
        try {
            FileSystem fs = dest.getFileSystem(conf);
            try (FSDataOutputStream raw = fs.create(dest, false);
                 BufferedWriter w = new BufferedWriter(new OutputStreamWriter(raw, StandardCharsets.UTF_8))) {
                while (it.hasNext()) {
                    SentencePrediction p = it.next();
                    w.write("# id = " + p.id() + "\n");
                    for (int i = 0; i < p.tokens().size(); i++) {
                        StringBuilder line = new StringBuilder(p.tokens().get(i));
                        for (ScoredSequence s : p.topK()) {
                            line.append('\t').append(s.tags().get(i));
                        }
                        w.write(line.append('\n').toString());
                    }
                    w.write("\n");
                    n++;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("writing " + dest + ": " + e.getMessage(), e);
        }
        return n;
    }
}

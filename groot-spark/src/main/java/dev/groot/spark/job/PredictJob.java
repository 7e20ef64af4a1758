package dev.groot.spark.job;

import dev.groot.model.data.CorpusOrder;
import dev.groot.model.data.Example;
import dev.groot.model.inference.Decoding;
import dev.groot.model.reward.Rewards;
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
 * CoNLL: sentences in corpus order ({@link CorpusOrder} of the ids), each headed by
 * {@code # id = ...}; the token, then K tag columns (rank 1 first), {@code _} in the columns of
 * ranks a sentence has no valid candidate for; a blank line between sentences.
 * With {@code --decode mbr} the MBR choice is rank 0 (the first tag column), the other candidates
 * follow in beam order; the CoNLL file then starts with a {@code # decoding = ...} comment and the
 * Parquet directory holds a {@code _decoding.json} (Spark readers skip {@code _} files).
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
        return run(spark, modelPath, data, split, k, beam, constrainBio, output, format, overwrite, DecodeOptions.MAP);
    }

    /** @param decode --decode and, for mbr, --mbr-reward (one spec; default span-fbeta:beta=1) and --mbr-temperature */
    public static long run(SparkSession spark, String modelPath, String data, String split, int k, int beam,
                           boolean constrainBio, String output, String format, boolean overwrite,
                           DecodeOptions decode) {
        if (!"parquet".equals(format) && !"conll".equals(format)) {
            throw new IllegalArgumentException("--format must be parquet or conll, got " + format);
        }
        Configuration conf = spark.sparkContext().hadoopConfiguration();
        Path out = new Path(output);
        if (SmallFiles.exists(out, conf) && !overwrite) {
            throw new IllegalArgumentException(output + " already exists; pass --overwrite to replace it");
        }
        TaggerModel model = ModelIO.load(modelPath, conf);
        Decoding decoding = decode.decoding(Rewards.parse(DEFAULT_MBR_REWARD), model.vocabularies().tags(),
                "model " + modelPath);
        JavaRDD<Example> examples = ExampleData.split(ExampleData.read(spark, data), split, 0, 0);
        if (examples.isEmpty()) {
            // A mistyped --split must not leave an empty prediction output behind.
            throw new IllegalArgumentException(data + " has no sentences in split '" + split + "'");
        }
        ExecutorModels.Handle handle = ExecutorModels.broadcast(JavaSparkContext.fromSparkContext(spark.sparkContext()),
                "predict-" + UUID.randomUUID(), model);
        int beamWidth = Math.max(beam, k);
        // The MBR choice is made right after decoding, on the executors, and put at rank 0.
        JavaRDD<SentencePrediction> decoded = examples.mapPartitions(
                it -> TopKDecoding.apply(it, handle.get(), k, beamWidth, constrainBio, 256, false));
        JavaRDD<SentencePrediction> predictions = !decoding.isMbr() ? decoded : decoded.map(p ->
                new SentencePrediction(p.id(), p.split(), p.tokens(), p.gold(), decoding.chosenFirst(p.topK())));
        long[] sentences = new long[1];
        try {
            AtomicOutput.commit(out.getFileSystem(conf), out, true, tmp -> {
                if ("parquet".equals(format)) {
                    JavaRDD<SentencePrediction> cached = predictions.cache();
                    sentences[0] = cached.count();
                    spark.createDataFrame(cached.flatMap(PredictJob::rows), SCHEMA).write()
                            .mode(SaveMode.ErrorIfExists).parquet(tmp.toString());
                    cached.unpersist();
                    if (decoding.isMbr()) {
                        SmallFiles.writeAtomically(new Path(tmp, DECODING_FILE),
                                InspectJob.toJson(decoding.toMap()).getBytes(StandardCharsets.UTF_8), conf);
                    }
                } else {
                    sentences[0] = writeConll(decoding, predictions.keyBy(SentencePrediction::id)
                            .sortByKey(CorpusOrder.INSTANCE, true, predictions.getNumPartitions())
                            .values().toLocalIterator(), k, tmp, conf);
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

    /** The MBR reward of predict when none is given: predict has no reward of its own. */
    public static final String DEFAULT_MBR_REWARD = "span-fbeta:beta=1";

    /** Sidecar of an MBR Parquet output recording its decoding. */
    public static final String DECODING_FILE = "_decoding.json";

    /** Marks a rank the sentence has no candidate for (fewer valid sequences than K). */
    static final String NO_CANDIDATE = "_";

    private static long writeConll(Decoding decoding, Iterator<SentencePrediction> it, int k, Path dest, Configuration conf) {
        long n = 0;
        try {
            FileSystem fs = dest.getFileSystem(conf);
            try (FSDataOutputStream raw = fs.create(dest, false);
                 BufferedWriter w = new BufferedWriter(new OutputStreamWriter(raw, StandardCharsets.UTF_8))) {
                if (decoding.isMbr()) {
                    w.write("# decoding = " + decoding.describe() + "\n"); // a comment line of the first sentence's header
                }
                while (it.hasNext()) {
                    SentencePrediction p = it.next();
                    w.write("# id = " + p.id() + "\n");
                    for (int i = 0; i < p.tokens().size(); i++) {
                        StringBuilder line = new StringBuilder(p.tokens().get(i));
                        for (int r = 0; r < k; r++) {
                            line.append('\t').append(r < p.topK().size() ? p.topK().get(r).tags().get(i) : NO_CANDIDATE);
                        }
                        w.write(line.append('\n').toString());
                    }
                    w.write("\n");
                    n++;
                }
                w.flush();
                raw.hsync(); // durable before AtomicOutput renames it into place
            }
        } catch (IOException e) {
            throw new UncheckedIOException("writing " + dest + ": " + e.getMessage(), e);
        }
        return n;
    }
}

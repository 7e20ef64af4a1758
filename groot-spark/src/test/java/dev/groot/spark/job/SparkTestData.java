package dev.groot.spark.job;

import dev.groot.model.data.Example;
import dev.groot.spark.cli.SparkSessions;
import dev.groot.spark.io.ExampleParquet;
import dev.groot.model.tagger.SyntheticCorpus;
import dev.groot.model.tagger.TaggerConfig;
import dev.groot.spark.train.TrainingMasterSettings;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Shared fixtures of the Spark job tests: a small seeded span corpus as example Parquet, run configs. */
public final class SparkTestData {

    static final StructType EXAMPLE = new StructType()
            .add("id", DataTypes.StringType, false)
            .add("source", DataTypes.StringType, false)
            .add("split", DataTypes.StringType, false)
            .add("tokens", DataTypes.createArrayType(DataTypes.StringType, false), false)
            .add("tags", DataTypes.createArrayType(DataTypes.StringType, false), false);

    private static String sharedRun;

    private SparkTestData() {
    }

    /**
     * A finished two-iteration GROOT run on the synthetic span corpus, made once per test JVM and
     * shared by every test that only reads a run (notebooks, report, inspect). Do not modify it.
     */
    public static synchronized String sharedRun(SparkSession spark) {
        if (sharedRun == null) {
            try {
                java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("groot-shared-run");
                String data = writeSpanCorpus(spark, dir.resolve("examples").toString(), 96, 32);
                String run = dir.resolve("run").toString();
                new GrootTrainJob(spark, config(data, run, 2, false), line -> { }).run();
                sharedRun = run;
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
        return sharedRun;
    }

    /** The example Parquet of {@link #sharedRun} (its ingest-style output directory). */
    public static String sharedRunData(String sharedRun) {
        return java.nio.file.Path.of(sharedRun).resolveSibling("examples").toString();
    }

    public static SparkSession session(String master) {
        // The production session settings (Kryo with groot's registrator), so tests catch what the CLI would hit.
        return SparkSessions.getOrCreate("groot-test", master, Map.of("spark.ui.enabled", "false",
                "spark.sql.shuffle.partitions", "4", "spark.driver.host", "127.0.0.1"));
    }

    /** Writes train/dev span examples as canonical example Parquet and returns its path. */
    public static String writeSpanCorpus(SparkSession spark, String dir, int train, int dev) {
        return writeSpanCorpus(spark, dir, train, dev, 0);
    }

    /** Train (seed 1), dev (seed 2) and test (seed 3) span examples; the same train as the shared run's. */
    public static String writeSpanCorpus(SparkSession spark, String dir, int train, int dev, int test) {
        List<Example> all = new ArrayList<>();
        all.addAll(SyntheticCorpus.spans(train, 1, "train"));
        all.addAll(SyntheticCorpus.spans(dev, 2, "dev"));
        all.addAll(SyntheticCorpus.spans(test, 3, "test"));
        List<Row> rows = new ArrayList<>();
        for (Example e : all) {
            rows.add(RowFactory.create(e.id(), e.source(), e.split(), e.tokens().toArray(new String[0]),
                    e.tags().toArray(new String[0])));
        }
        ExampleParquet.write(spark.createDataFrame(rows, EXAMPLE), dir + "/" + ExampleParquet.EXAMPLES_DIR);
        return dir;
    }

    public static TaggerConfig smallTagger() {
        return new TaggerConfig(16, 4, 8, 8, 16, 16, 0.0, 1, 3, 5L, "adam", 1e-2, 0.0, 5.0);
    }

    public static GrootRunConfig config(String data, String run, int iterations, boolean localUpdater) {
        return config(data, run, iterations, localUpdater, "kl");
    }

    /** @param objective kl, pairwise or pairwise:margin=M (tau-r 0.5, tau-s 1, lambda 0.5, --margin 0.1) */
    public static GrootRunConfig config(String data, String run, int iterations, boolean localUpdater,
                                        String objective) {
        return new GrootRunConfig(data, run, null, 13L, new CandidateConfig(3, 4, 2, false, true, 64),
                new ObjectiveConfig("span-fbeta:beta=1", List.of("token-accuracy", "exact-match"), objective, 0.5, 1.0,
                        0.5, 0.1),
                new ScheduleConfig(iterations, 3, 4, 2, 1, Double.NaN, 0.0, 0, localUpdater), smallTagger(),
                new TrainingMasterSettings(2, 16, 5, 0, "direct", null, 13L));
    }
}
